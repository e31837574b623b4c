import type { MetaFunction } from "@remix-run/node";
import { useSiteSettings } from "~/components/site-settings.tsx";
import { useT, type MessageKey, metaTranslator } from "~/i18n/index.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("a11y.title")} · 产教通` }];

const supports: MessageKey[] = ["a11y.keyboard", "a11y.screenReader", "a11y.zoom", "a11y.language", "a11y.contrast", "a11y.checks"];
const limits: MessageKey[] = ["a11y.limitPdf", "a11y.limitCharts", "a11y.limitEnglish", "a11y.limitCaptcha"];

/** The accessibility statement (无障碍声明): what works, what does not yet, and whom to tell (the site's contact settings). */
export default function Accessibility() {
  const t = useT();
  const site = useSiteSettings();
  const hasContact = Boolean(site?.contactAddress || site?.contactPhone || site?.contactEmail);
  return (
    <article aria-labelledby="a11y-title" className="privacy">
      <h1 id="a11y-title">{t("a11y.title")}</h1>
      <p>{t("a11y.intro")}</p>
      <section aria-labelledby="a11y-supports">
        <h2 id="a11y-supports">{t("a11y.supportsTitle")}</h2>
        <ul>
          {supports.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="a11y-limits">
        <h2 id="a11y-limits">{t("a11y.limitsTitle")}</h2>
        <ul>
          {limits.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="a11y-report">
        <h2 id="a11y-report">{t("a11y.reportTitle")}</h2>
        <p>{t("a11y.reportIntro")}</p>
        {hasContact && site ? (
          <dl className="facts">
            {site.contactAddress ? (
              <div>
                <dt>{t("a11y.address")}</dt>
                <dd>{site.contactAddress}</dd>
              </div>
            ) : null}
            {site.contactPhone ? (
              <div>
                <dt>{t("a11y.phone")}</dt>
                <dd>
                  <a href={`tel:${site.contactPhone}`}>{site.contactPhone}</a>
                </dd>
              </div>
            ) : null}
            {site.contactEmail ? (
              <div>
                <dt>{t("a11y.email")}</dt>
                <dd>
                  <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>
                </dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p>{t("a11y.reportNone")}</p>
        )}
      </section>
    </article>
  );
}
