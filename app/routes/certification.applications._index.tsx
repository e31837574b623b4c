import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge } from "~/components/certification.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listApplicationsForOrg } from "~/models/certification/applications.server.ts";
import { certificatesOfOrg } from "~/models/certification/directory.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { formatDateTime, todayInChina } from "~/utils/dates.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.applications.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const db = appDb();
  const [applications, certificates] = await Promise.all([
    listApplicationsForOrg(db, actor.organization.id),
    certificatesOfOrg(db, actor.organization.id),
  ]);
  const today = todayInChina();
  return {
    applications: applications.map((a) => ({ ...a, submittedAt: formatDateTime(a.submittedAt), updatedAt: formatDateTime(a.updatedAt) })),
    certificates: certificates.map((c) => ({
      ...c,
      state: c.revokedAt ? ("revoked" as const) : c.validUntil < today ? ("expired" as const) : ("current" as const),
      revokedAt: formatDateTime(c.revokedAt),
    })),
    isEnterprise: actor.organization.kind === "enterprise",
  };
}

export default function MyApplications() {
  const { applications, certificates, isEnterprise } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="my-apps-title" className="page-stack">
      <h1 id="my-apps-title">{t("certification.applications.title")}</h1>
      <p>
        <Link to="/certification/apply">{t("certification.links.apply")}</Link>
        {isEnterprise ? (
          <>
            {" · "}
            <Link to="/certification/credit">{t("certification.links.credit")}</Link>
          </>
        ) : null}
        {" · "}
        <Link to="/certification">{t("certification.links.directory")}</Link>
      </p>
      <section aria-labelledby="my-certs-title" className="card">
        <h2 id="my-certs-title">{t("certification.applications.certificates")}</h2>
        {certificates.length === 0 ? (
          <p className="muted">{t("certification.applications.noCertificates")}</p>
        ) : (
          <div className="table-wrap">
            <DataTable>
              <caption className="visually-hidden">{t("certification.applications.certCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("certification.col.number")}</th>
                  <th scope="col">{t("certification.col.type")}</th>
                  <th scope="col">{t("certification.col.issuedOn")}</th>
                  <th scope="col">{t("certification.col.validUntil")}</th>
                  <th scope="col">{t("certification.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {certificates.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.number}</th>
                    <td>{c.typeName}</td>
                    <td>{c.issuedOn}</td>
                    <td>{c.validUntil}</td>
                    <td>
                      {c.state === "revoked"
                        ? t("certification.applications.revoked", { reason: c.revokeReason ?? "" })
                        : t(c.state === "expired" ? "certification.applications.expired" : "certification.applications.current")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        )}
      </section>
      <section aria-labelledby="my-apps-list-title" className="card">
        <h2 id="my-apps-list-title">{t("certification.title")}</h2>
        {applications.length === 0 ? (
          <p className="muted">{t("certification.applications.empty")}</p>
        ) : (
          <div className="table-wrap">
            <DataTable>
              <caption className="visually-hidden">{t("certification.applications.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("certification.col.type")}</th>
                  <th scope="col">{t("certification.col.status")}</th>
                  <th scope="col">{t("certification.col.submittedAt")}</th>
                  <th scope="col">{t("certification.col.updatedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/certification/applications/${a.id}`}>{a.typeName}</Link>
                    </th>
                    <td>
                      <ApplicationStatusBadge status={a.status} />
                    </td>
                    <td>{a.submittedAt || "—"}</td>
                    <td>{a.updatedAt}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        )}
      </section>
    </section>
  );
}
