import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useT } from "../i18n/index.ts";
import { roleCan } from "../domain/permissions.ts";

export interface Viewer {
  name: string;
  organizationName: string | null;
  organizationStatus: string | null;
  orgRole: string | null;
  platformRole: string | null;
  unreadNotifications: number;
}

function UnreadBadge({ count, className = "nav-badge" }: { count: number; className?: string }) {
  const t = useT();
  if (count <= 0) return null;
  return (
    <>
      {" "}
      <span className={className} aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">{t("notifications.unreadCount", { count })}</span>
    </>
  );
}

/**
 * The main navigation: a row on wide screens; below the breakpoint in styles.css a menu button opens it.
 * The server renders the button as a <details> summary, so the menu opens without JavaScript; once the page is
 * hydrated it becomes a disclosure button (aria-expanded, Escape closes, closes on navigation and when focus leaves).
 */
export function SiteNav({ viewer }: { viewer: Viewer | null }) {
  const t = useT();
  const location = useLocation();
  const staff = roleCan(viewer?.platformRole, "staff:review");
  const planAccess = roleCan(viewer?.platformRole, "plan:track");
  const unread = viewer?.unreadNotifications ?? 0;
  const linksId = "main-menu";
  const [enhanced, setEnhanced] = useState(false);
  const [open, setOpen] = useState(false);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);

  useEffect(() => {
    // Someone may have opened the menu before the scripts arrived: keep it as they left it.
    setOpen(detailsRef.current?.open ?? false);
    setEnhanced(true);
  }, []);

  const shownAt = useRef(location.key);
  useEffect(() => {
    if (shownAt.current === location.key) return;
    shownAt.current = location.key;
    setOpen(false);
  }, [location.key]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (navRef.current && !navRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  const label = (
    <>
      <span className="nav-toggle-icon" aria-hidden="true" />
      {t("nav.menu")}
      <UnreadBadge count={unread} className="nav-toggle-badge" />
    </>
  );

  return (
    <nav
      aria-label={t("nav.main")}
      className="main-nav"
      ref={navRef}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget) setOpen(false);
      }}
    >
      {enhanced ? (
        <button
          ref={buttonRef}
          type="button"
          className="nav-toggle"
          aria-expanded={open}
          aria-controls={linksId}
          onClick={() => setOpen((o) => !o)}
        >
          {label}
        </button>
      ) : (
        <details className="nav-fallback" ref={detailsRef}>
          <summary className="nav-toggle">{label}</summary>
        </details>
      )}
      <div id={linksId} className="nav-links" data-open={enhanced ? String(open) : undefined}>
        <NavLink to="/" end>
          {t("nav.home")}
        </NavLink>
        <NavLink to="/search">{t("nav.search")}</NavLink>
        <NavLink to="/events">{t("events.title")}</NavLink>
        <NavLink to="/certification" end>
          {t("certification.directory.title")}
        </NavLink>
        {viewer ? (
          <>
            <NavLink to="/dashboard">{t("nav.dashboard")}</NavLink>
            {viewer.organizationName ? <NavLink to="/org">{t("nav.organization")}</NavLink> : null}
            {viewer.organizationName ? <NavLink to="/listings">{t("listings.nav")}</NavLink> : null}
            {planAccess ? <NavLink to="/plan">{t("plan.title")}</NavLink> : null}
            {staff ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
            <NavLink to="/notifications">
              {t("notifications.title")}
              <UnreadBadge count={unread} />
            </NavLink>
            <NavLink to="/account">{t("nav.account")}</NavLink>
            <Form method="post" action="/logout" className="inline-form">
              <button type="submit" className="link-button">
                {t("auth.logout")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <NavLink to="/login">{t("nav.login")}</NavLink>
            <NavLink to="/register">{t("nav.register")}</NavLink>
          </>
        )}
      </div>
    </nav>
  );
}
