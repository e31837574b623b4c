import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { kindLabel } from "~/components/listing-details.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { isPlatformStaff, requireActor, requireOrgMember } from "~/models/policy.server.ts";
import { listProjects } from "~/models/matchmaking/projects.server.ts";
import { projectListFilterSchema, projectStatuses } from "~/schemas/response.ts";
import { LinkFilter } from "~/components/link-filter.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("responses.projects.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  // Platform staff see every project (read-only); everyone else needs an organisation.
  const scope = isPlatformStaff(actor) ? ({ all: true } as const) : { organizationId: (await requireOrgMember(request)).organization.id };
  const filter = projectListFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { items, counts } = await listProjects(appDb(), scope, filter);
  return { staff: "all" in scope, status: filter.status ?? "", counts, items };
}

export default function Projects() {
  const { staff, status, counts, items } = useLoaderData<typeof loader>();
  const t = useT();
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  return (
    <section aria-labelledby="projects-title" className="page-stack">
      <h1 id="projects-title">{t("responses.projects.title")}</h1>
      <p className="muted">{t(staff ? "responses.projects.introStaff" : "responses.projects.intro")}</p>
      <LinkFilter
        label={t("responses.projects.statusFilter")}
        links={[
          { key: "", to: "/projects", text: t("responses.list.countAll", { count: total }), current: status === "" },
          ...projectStatuses.map((s) => ({
            key: s,
            to: `/projects?status=${s}`,
            text: t("responses.list.countOf", { status: t(`responses.projectStatus.${s}`), count: counts[s] ?? 0 }),
            current: status === s,
          })),
        ]}
      />
      {items.length ? (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("responses.projects.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("responses.project.name")}</th>
                <th scope="col">{t("responses.project.parties")}</th>
                <th scope="col">{t("responses.col.status")}</th>
                <th scope="col">{t("responses.project.period")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-project-id={p.id}>
                  <th scope="row">
                    <Link to={`/projects/${p.id}`}>{p.title}</Link>
                    <br />
                    <span className="tag">{kindLabel(t, p.kind)}</span>
                  </th>
                  <td>
                    {p.ownerName}
                    <br />
                    {p.partnerName}
                  </td>
                  <td>
                    <span className={`status status-project-${p.status}`}>{t(`responses.projectStatus.${p.status}`)}</span>
                  </td>
                  <td>
                    {p.startDate} – {p.endDate ?? t("responses.project.openEnded")}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      ) : (
        <p className="muted">{t("responses.projects.empty")}</p>
      )}
      {staff ? null : (
        <p>
          <Link to="/responses">{t("responses.projects.responsesLink")}</Link>
        </p>
      )}
    </section>
  );
}
