import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "./components/nonce.tsx";
import { SiteNav } from "./components/site-nav.tsx";
import { appDb } from "./db.server.ts";
import { unreadCount } from "./models/notification.server.ts";
import { getActor } from "./models/policy.server.ts";
import { readSiteSettings } from "./models/site-settings.server.ts";
import { policeRecordCode, type SiteSettings } from "./schemas/site-settings.ts";
import { defaultLocale, localeFromCookie, useT, type Locale, metaTranslator } from "./i18n/index.ts";
import stylesHref from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [
    { title: `${t("app.name")} · ${t("app.tagline")}` },
    { name: "description", content: t("app.description") },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const locale: Locale = localeFromCookie(request.headers.get("cookie"));
  // One primary-key read beside the session's, on every page: the footer's lines come from the settings row.
  const [actor, site] = await Promise.all([getActor(request), readSiteSettings(appDb())]);
  const viewer = actor
    ? {
        name: actor.user.name,
        organizationName: actor.organization?.name ?? null,
        organizationStatus: actor.organization?.status ?? null,
        orgRole: actor.user.org_role,
        platformRole: actor.user.platform_role,
        unreadNotifications: await unreadCount(appDb(), { userId: actor.user.id, organizationId: actor.user.organization_id }),
      }
    : null;
  return { locale, viewer, site };
}

function Shell({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  return (
    <html lang={data?.locale ?? defaultLocale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header className="site-header">
          <div className="container header-row">
            <a href="/" className="brand">
              <span className="brand-name">{t("app.name")}</span>
              <span className="brand-tagline">{t("app.tagline")}</span>
            </a>
            <SiteNav viewer={data?.viewer ?? null} />
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            {data?.site ? <SiteFacts site={data.site} /> : null}
            <nav aria-label={t("footer.links")}>
              <p>
                <a href="/privacy">{t("footer.privacy")}</a>
                {" · "}
                <a href="/accessibility">{t("footer.accessibility")}</a>
              </p>
            </nav>
            <LanguageSwitch locale={data?.locale ?? defaultLocale} />
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** What a government site shows about itself; each line only when the administrators have set it. */
function SiteFacts({ site }: { site: SiteSettings }) {
  const t = useT();
  const filings = site.icpNumber || site.policeNumber;
  return (
    <>
      {site.sponsor ? <p>{t("footer.sponsor", { value: site.sponsor })}</p> : null}
      {site.organizer ? <p>{t("footer.organizer", { value: site.organizer })}</p> : null}
      {site.contactAddress ? <p>{t("footer.address", { value: site.contactAddress })}</p> : null}
      {site.contactPhone || site.contactEmail ? (
        <p>
          {site.contactPhone ? (
            <span className="footer-item">
              {t("footer.phone")}
              <a href={`tel:${site.contactPhone}`}>{site.contactPhone}</a>
            </span>
          ) : null}
          {site.contactEmail ? (
            <span className="footer-item">
              {t("footer.email")}
              <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>
            </span>
          ) : null}
        </p>
      ) : null}
      {filings ? (
        <p>
          {site.icpNumber ? (
            <a className="footer-item" href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">
              {site.icpNumber}
            </a>
          ) : null}
          {site.policeNumber ? (
            <a
              className="footer-item"
              href={`https://beian.mps.gov.cn/#/query/webSearch?code=${policeRecordCode(site.policeNumber)}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {site.policeNumber}
            </a>
          ) : null}
        </p>
      ) : null}
      {site.siteCode ? <p>{t("footer.siteCode", { value: site.siteCode })}</p> : null}
    </>
  );
}

/** Switches between Chinese and English; the button names the other language in that language. */
function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = useT();
  const location = useLocation();
  const other: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/lang" className="language-switch" aria-label={t("lang.switch")}>
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="btn-secondary" lang={other}>
        {t(other === "en" ? "lang.english" : "lang.chinese")}
      </button>
    </Form>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return <Shell>{children}</Shell>;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.title");
  let text = t("error.generic", { id: "" });
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("error.notFound");
      text = t("error.notFoundText");
    } else if (error.status === 403) {
      title = t("error.forbidden");
      text = typeof error.data === "string" ? error.data : "";
    } else if (typeof error.data === "string") {
      text = error.data;
    }
  }
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </section>
  );
}
