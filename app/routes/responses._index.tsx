import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { kindLabel } from "~/components/listing-details.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { listResponses } from "~/models/matchmaking/responses.server.ts";
import { responseListFilterSchema, responseStatuses } from "~/schemas/response.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { LinkFilter } from "~/components/link-filter.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("responses.list.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const filter = responseListFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { items, counts } = await listResponses(appDb(), actor.organization.id, filter);
  return {
    filter: { tab: filter.tab, status: filter.status ?? "" },
    counts,
    items: items.map((r) => ({ ...r, createdAt: formatDateTime(r.createdAt) })),
  };
}

export default function Responses() {
  const { filter, counts, items } = useLoaderData<typeof loader>();
  const t = useT();
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const link = (tab: string, status = "") => `/responses?${new URLSearchParams({ tab, ...(status ? { status } : {}) })}`;
  return (
    <section aria-labelledby="responses-title" className="page-stack">
      <h1 id="responses-title">{t("responses.list.title")}</h1>
      <p className="muted">{t("responses.list.intro")}</p>
      <LinkFilter
        label={t("responses.list.tabs")}
        tabs
        links={(["incoming", "outgoing"] as const).map((tab) => ({ key: tab, to: link(tab), text: t(`responses.tab.${tab}`), current: filter.tab === tab }))}
      />
      <LinkFilter
        label={t("responses.list.statusFilter")}
        links={[
          { key: "", to: link(filter.tab), text: t("responses.list.countAll", { count: total }), current: filter.status === "" },
          ...responseStatuses.map((s) => ({
            key: s,
            to: link(filter.tab, s),
            text: t("responses.list.countOf", { status: t(`responses.status.${s}`), count: counts[s] ?? 0 }),
            current: filter.status === s,
          })),
        ]}
      />
      {items.length ? (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t(filter.tab === "incoming" ? "responses.tab.incoming" : "responses.tab.outgoing")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("responses.col.listing")}</th>
                <th scope="col">{t(filter.tab === "incoming" ? "responses.col.responder" : "responses.col.owner")}</th>
                <th scope="col">{t("responses.col.status")}</th>
                <th scope="col">{t("responses.col.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-response-id={r.id}>
                  <th scope="row">
                    <Link to={`/responses/${r.id}`}>{r.listingTitle}</Link>
                    <br />
                    <span className="tag">{kindLabel(t, r.listingKind)}</span>
                  </th>
                  <td>{r.otherOrgName}</td>
                  <td>
                    <span className={`status status-response-${r.status}`}>{t(`responses.status.${r.status}`)}</span>
                  </td>
                  <td>{r.createdAt}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      ) : (
        <p className="muted">{t(filter.tab === "incoming" ? "responses.list.emptyIncoming" : "responses.list.emptyOutgoing")}</p>
      )}
      <p>
        <Link to="/projects">{t("responses.list.projectsLink")}</Link>
      </p>
    </section>
  );
}
