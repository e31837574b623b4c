import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useSiteSettings } from "~/components/site-settings.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listNotices } from "~/models/certification/directory.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.notices.title")} · 产教通` }];

/** Public notices (公示) of approved applications: anyone may read them. */
export async function loader(_args: LoaderFunctionArgs) {
  const notices = await listNotices(appDb());
  return {
    notices: notices.map((n) => ({ ...n, startsAt: formatDateTime(n.startsAt), endsAt: formatDateTime(n.endsAt) })),
  };
}

export default function CertificationNotices() {
  const { notices } = useLoaderData<typeof loader>();
  const site = useSiteSettings();
  const t = useT();
  // Where written objections go: their own address and telephone, or else the site's contact.
  const writtenAddress = site?.objectionAddress ?? site?.contactAddress ?? null;
  const writtenPhone = site?.objectionPhone ?? site?.contactPhone ?? null;
  return (
    <section aria-labelledby="notices-title" className="page-stack">
      <h1 id="notices-title">{t("certification.notices.title")}</h1>
      <p>{t("certification.notices.intro")}</p>
      <section aria-labelledby="notices-written" className="card">
        <h2 id="notices-written">{t("certification.notices.writtenTitle")}</h2>
        {writtenAddress || writtenPhone ? (
          <>
            <p>{t("certification.notices.writtenIntro")}</p>
            <dl className="facts">
              {writtenAddress ? (
                <div>
                  <dt>{t("certification.notices.writtenAddress")}</dt>
                  <dd data-testid="objection-address">{writtenAddress}</dd>
                </div>
              ) : null}
              {writtenPhone ? (
                <div>
                  <dt>{t("certification.notices.writtenPhone")}</dt>
                  <dd data-testid="objection-phone">
                    <a href={`tel:${writtenPhone}`}>{writtenPhone}</a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </>
        ) : (
          <p>{t("certification.notices.writtenUnset")}</p>
        )}
      </section>
      <p>
        <Link to="/certification">{t("certification.links.directory")}</Link>
        {" · "}
        <Link to="/certification/objections/lookup">{t("certification.objection.lookupLink")}</Link>
      </p>
      {notices.length === 0 ? (
        <p className="muted">{t("certification.notices.empty")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("certification.notices.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certification.col.organization")}</th>
                <th scope="col">{t("certification.col.type")}</th>
                <th scope="col">{t("certification.col.noticeStart")}</th>
                <th scope="col">{t("certification.col.noticeEnd")}</th>
                <th scope="col">{t("certification.col.status")}</th>
                <th scope="col">{t("certification.col.objection")}</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.applicationId}>
                  <th scope="row">
                    <Link to={`/orgs/${n.organizationId}`}>{n.organizationName}</Link>
                  </th>
                  <td>{n.typeName}</td>
                  <td>{n.startsAt}</td>
                  <td>{n.endsAt}</td>
                  <td>
                    <span className={`status ${n.running ? "status-pending" : "status-verified"}`}>
                      {t(n.running ? "certification.notices.running" : "certification.notices.ended")}
                    </span>
                  </td>
                  <td>
                    {n.running ? (
                      <Link to={`/certification/notices/${n.applicationId}/objection`}>
                        {t("certification.notices.object", { organization: n.organizationName })}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}
