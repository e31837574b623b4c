import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { kindLabel } from "~/components/listing-details.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { appDb } from "~/db.server.ts";
import { labelFor, useT, type Translate, metaTranslator } from "~/i18n/index.ts";
import { matchmakingOverview } from "~/models/matchmaking/overview.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { overviewFilterSchema, overviewStatuses, overviewViews, type OverviewView } from "~/schemas/matchmaking-overview.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { LinkFilter } from "~/components/link-filter.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("overview.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:review");
  const filter = overviewFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const overview = await matchmakingOverview(appDb(), filter);
  return {
    filter: { view: filter.view, status: filter.status ?? "", q: filter.q ?? "" },
    ...overview,
    rows: overview.rows.map((r) => ({ ...r, createdAt: formatDateTime(r.createdAt) })),
  };
}

type Filter = { view: OverviewView; status: string; q: string };

function hrefOf(filter: Filter, page = 1): string {
  const params = new URLSearchParams({ view: filter.view });
  if (filter.status) params.set("status", filter.status);
  if (filter.q) params.set("q", filter.q);
  if (page > 1) params.set("page", String(page));
  return `/admin/matchmaking?${params}`;
}

const detailPath = { responses: "/responses", projects: "/projects", orders: "/orders" } as const;

function statusLabel(t: Translate, view: OverviewView, status: string): string {
  const prefix = view === "responses" ? "responses.status" : view === "projects" ? "responses.projectStatus" : "orders.status";
  return labelFor(t, prefix, status);
}

const statusClass = { responses: "status-response", projects: "status-project", orders: "status-order" } as const;

export default function MatchmakingOverview() {
  const { filter, rows, counts, total, page, pageCount } = useLoaderData<typeof loader>();
  const t = useT();
  const all = Object.values(counts).reduce((s, n) => s + n, 0);
  const view = filter.view;
  return (
    <section aria-labelledby="overview-title" className="page-stack">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1 id="overview-title">{t("overview.title")}</h1>
      <p className="muted">{t("overview.intro")}</p>

      <LinkFilter
        label={t("overview.views")}
        tabs
        links={overviewViews.map((v) => ({ key: v, to: hrefOf({ view: v, status: "", q: filter.q }), text: t(`overview.view.${v}`), current: v === view }))}
      />

      <Form method="get" className="filters" role="search" aria-label={t("overview.filters")}>
        <input type="hidden" name="view" value={view} />
        <div className="field">
          <label htmlFor="overview-q">{t("overview.q")}</label>
          <input id="overview-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <div>
          <button type="submit">{t("overview.filterButton")}</button>
        </div>
      </Form>

      <LinkFilter
        label={t("overview.statusFilter")}
        links={[
          { key: "", to: hrefOf({ ...filter, status: "" }), text: t("overview.countAll", { count: all }), current: filter.status === "" },
          ...overviewStatuses[view].map((s) => ({
            key: s,
            to: hrefOf({ ...filter, status: s }),
            text: t("overview.countOf", { status: statusLabel(t, view, s), count: counts[s] ?? 0 }),
            current: filter.status === s,
          })),
        ]}
      />

      <p role="status">{t("overview.total", { total })}</p>
      {rows.length === 0 ? (
        <p className="muted">{t("overview.empty")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t(`overview.view.${view}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.col.title")}</th>
                <th scope="col">{t(`overview.col.from.${view}`)}</th>
                <th scope="col">{t(`overview.col.to.${view}`)}</th>
                {view !== "responses" ? <th scope="col">{t(`overview.col.people.${view}`)}</th> : null}
                {view === "orders" ? <th scope="col">{t("overview.col.total")}</th> : null}
                <th scope="col">{t("overview.col.status")}</th>
                <th scope="col">{t("overview.col.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`${detailPath[view]}/${r.id}`}>{r.title || t(`overview.view.${view}`)}</Link>
                    {r.kind ? (
                      <>
                        <br />
                        <span className="tag">{kindLabel(t, r.kind)}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{r.fromOrg}</td>
                  <td>{r.toOrg}</td>
                  {view !== "responses" ? <td>{r.people ?? "—"}</td> : null}
                  {view === "orders" ? <td>{r.totalYuan?.toLocaleString("zh-CN") ?? "—"}</td> : null}
                  <td>
                    <span className={`status ${statusClass[view]}-${r.status}`}>{statusLabel(t, view, r.status)}</span>
                  </td>
                  <td>{r.createdAt}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(n) => hrefOf(filter, n)} />
    </section>
  );
}
