import { Form, NavLink } from "@remix-run/react";
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

export function SiteNav({ viewer }: { viewer: Viewer | null }) {
  const t = useT();
  const staff = roleCan(viewer?.platformRole, "staff:review");
  const planAccess = roleCan(viewer?.platformRole, "plan:track");
  return (
    <nav aria-label={t("nav.main")} className="main-nav">
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
            {viewer.unreadNotifications > 0 ? (
              <>
                {t("notifications.title")} <span className="nav-badge" aria-hidden="true">
                  {viewer.unreadNotifications}
                </span>
                <span className="visually-hidden">{t("notifications.unreadCount", { count: viewer.unreadNotifications })}</span>
              </>
            ) : (
              t("notifications.title")
            )}
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
    </nav>
  );
}
