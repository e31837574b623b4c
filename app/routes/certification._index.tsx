import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { appDb } from "~/db.server.ts";
import { industryIds } from "~/domain/industries.ts";
import { useT, labelFor, metaTranslator } from "~/i18n/index.ts";
import { listDirectory } from "~/models/certification/directory.server.ts";
import { listTypes } from "~/models/certification/rubrics.server.ts";
import { getActor } from "~/models/policy.server.ts";
import { directoryFilterSchema } from "~/schemas/certification.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.directory.title")} · 产教通` }];

/** The public directory (认证目录) of certificates in force (plan task 46). */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filter = directoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  const db = appDb();
  const [actor, entries, types] = await Promise.all([getActor(request), listDirectory(db, filter), listTypes(db)]);
  return {
    filter,
    entries,
    types: types.map((t) => ({ code: t.code, name: t.name })),
    signedInOrg: Boolean(actor?.organization),
  };
}

export default function CertificationDirectory() {
  const { filter, entries, types, signedInOrg } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="directory-title" className="page-stack">
      <h1 id="directory-title">{t("certification.directory.title")}</h1>
      <p className="muted">{t("certification.directory.intro")}</p>
      <p>
        <Link to="/certification/notices">{t("certification.links.notices")}</Link>
        {signedInOrg ? (
          <>
            {" · "}
            <Link to="/certification/apply">{t("certification.links.apply")}</Link>
            {" · "}
            <Link to="/certification/applications">{t("certification.links.applications")}</Link>
          </>
        ) : null}
      </p>
      <Form method="get" className="card stack" aria-labelledby="directory-filter-title">
        <h2 id="directory-filter-title" className="visually-hidden">
          {t("certification.directory.filters")}
        </h2>
        <div className="field">
          <label htmlFor="dir-type">{t("certification.directory.type")}</label>
          <select id="dir-type" name="type" defaultValue={filter.type ?? ""}>
            <option value="">{t("certification.directory.allTypes")}</option>
            {types.map((ty) => (
              <option key={ty.code} value={ty.code}>
                {ty.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dir-industry">{t("certification.directory.industry")}</label>
          <select id="dir-industry" name="industry" defaultValue={filter.industry ?? ""}>
            <option value="">{t("certification.directory.allIndustries")}</option>
            {industryIds.map((id) => (
              <option key={id} value={id}>
                {t(`industry.${id}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dir-q">{t("certification.directory.q")}</label>
          <input id="dir-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={50} />
        </div>
        <div>
          <button type="submit">{t("certification.directory.apply")}</button>
        </div>
      </Form>
      <p role="status">{t("certification.directory.count", { count: entries.length })}</p>
      {entries.length === 0 ? (
        <p className="muted">{t("certification.directory.empty")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("certification.directory.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certification.col.organization")}</th>
                <th scope="col">{t("certification.col.type")}</th>
                <th scope="col">{t("certification.col.number")}</th>
                <th scope="col">{t("certification.col.industry")}</th>
                <th scope="col">{t("certification.col.issuedOn")}</th>
                <th scope="col">{t("certification.col.validUntil")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/orgs/${e.organizationId}`}>{e.organizationName}</Link>
                  </th>
                  <td>
                    <span className="tag tag-certified">{e.typeName}</span>
                  </td>
                  <td>{e.number}</td>
                  <td>{e.industry ? labelFor(t, "industry", e.industry) : "—"}</td>
                  <td>{e.issuedOn}</td>
                  <td>{e.validUntil}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}
