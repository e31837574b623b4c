import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT, type MessageKey, metaTranslator } from "~/i18n/index.ts";
import { CONSENT_VERSION } from "~/models/auth.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("privacy.title")} · 产教通` }];

export function loader() {
  return { version: CONSENT_VERSION };
}

// The notice's sections in order: a heading and either one paragraph or a list.
const sections: Array<{ id: string; title: MessageKey; text?: MessageKey; items?: MessageKey[] }> = [
  { id: "controller", title: "privacy.controllerTitle", text: "privacy.controllerText" },
  {
    id: "collect",
    title: "privacy.collectTitle",
    items: ["privacy.collectAccount", "privacy.collectPhone", "privacy.collectLogin", "privacy.collectOrg", "privacy.collectNone"],
  },
  {
    id: "purpose",
    title: "privacy.purposeTitle",
    items: ["privacy.purposeAccount", "privacy.purposeMatching", "privacy.purposeSecurity", "privacy.purposeStats"],
  },
  { id: "legal", title: "privacy.legalTitle", text: "privacy.legalText" },
  {
    id: "sharing",
    title: "privacy.sharingTitle",
    items: ["privacy.sharingContacts", "privacy.sharingAccount", "privacy.sharingNoThirdParty"],
  },
  {
    id: "retention",
    title: "privacy.retentionTitle",
    items: ["privacy.retentionAccount", "privacy.retentionLogs", "privacy.retentionDeletion"],
  },
  {
    id: "rights",
    title: "privacy.rightsTitle",
    items: ["privacy.rightsAccess", "privacy.rightsCorrect", "privacy.rightsDelete", "privacy.rightsWithdraw", "privacy.rightsSessions"],
  },
  { id: "security", title: "privacy.securityTitle", text: "privacy.securityText" },
  { id: "minors", title: "privacy.minorsTitle", text: "privacy.minorsText" },
  { id: "contact", title: "privacy.contactTitle", text: "privacy.contactText" },
];

export default function Privacy() {
  const { version } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article aria-labelledby="privacy-title" className="privacy">
      <h1 id="privacy-title">{t("privacy.title")}</h1>
      <p className="muted">{t("privacy.version", { version })}</p>
      <p>{t("privacy.intro")}</p>
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`privacy-${section.id}`}>
          <h2 id={`privacy-${section.id}`}>{t(section.title)}</h2>
          {section.text ? <p>{t(section.text)}</p> : null}
          {section.items ? (
            <ul>
              {section.items.map((item) => (
                <li key={item}>{t(item)}</li>
              ))}
            </ul>
          ) : null}
          {section.id === "rights" ? (
            <p>
              {t("privacy.rightsHow")} <Link to="/account">{t("privacy.accountLink")}</Link>
            </p>
          ) : null}
        </section>
      ))}
    </article>
  );
}
