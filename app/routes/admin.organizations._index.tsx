import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { organizationKinds, organizationStatuses } from "~/domain/organization-kinds.ts";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listOrganizationsForReview } from "~/models/organization-review.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { reviewQueueFilterSchema, type ReviewQueueFilter } from "~/schemas/organization-review.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { Pagination } from "~/components/pagination.tsx";
import { listPendingIdentityChanges } from "~/models/organization-identity-change.server.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("admin.queue.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:review");
  const url = new URL(request.url);
  const filter = reviewQueueFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [result, changes] = await Promise.all([listOrganizationsForReview(appDb(), filter), listPendingIdentityChanges(appDb())]);
  return {
    identityChanges: changes.map((c) => ({
      id: c.id,
      orgId: c.organization_id,
      name: c.current_name,
      newName: c.new_name,
      createdAt: formatDateTime(c.created_at),
    })),
    filter: { status: filter.status, kind: filter.kind ?? "", q: filter.q ?? "" },
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    rows: result.rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      creditCode: r.credit_code,
      createdAt: formatDateTime(r.created_at),
      reviewedAt: formatDateTime(r.reviewed_at),
    })),
  };
}

function pageHref(filter: { status: ReviewQueueFilter["status"]; kind: string; q: string }, page: number): string {
  const params = new URLSearchParams();
  params.set("status", filter.status);
  if (filter.kind) params.set("kind", filter.kind);
  if (filter.q) params.set("q", filter.q);
  if (page > 1) params.set("page", String(page));
  return `/admin/organizations?${params.toString()}`;
}

export default function ReviewQueue() {
  const { filter, rows, total, page, pageCount, identityChanges } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="queue-title" className="page-stack">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1 id="queue-title">{t("admin.queue.title")}</h1>

      <section aria-labelledby="identity-queue-title" className="card">
        <h2 id="identity-queue-title">{t("identityChange.queueTitle")}</h2>
        {identityChanges.length === 0 ? (
          <p className="muted">{t("identityChange.queueEmpty")}</p>
        ) : (
          <ul>
            {identityChanges.map((c) => (
              <li key={c.id}>
                <Link to={`/admin/organizations/${c.orgId}`}>{c.name}</Link> → {c.newName}
                <span className="muted">（{t("identityChange.requestedAt")}：{c.createdAt}）</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Form method="get" className="filters" role="search" aria-label={t("admin.queue.filters")}>
        <div className="field">
          <label htmlFor="filter-status">{t("admin.queue.status")}</label>
          <select id="filter-status" name="status" defaultValue={filter.status}>
            <option value="all">{t("admin.queue.allStatuses")}</option>
            {organizationStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`org.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t("admin.queue.kind")}</label>
          <select id="filter-kind" name="kind" defaultValue={filter.kind}>
            <option value="">{t("admin.queue.allKinds")}</option>
            {organizationKinds.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("admin.queue.q")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <div>
          <button type="submit">{t("admin.queue.filterButton")}</button>
        </div>
      </Form>

      <p role="status">{t("admin.queue.total", { total })}</p>

      {rows.length === 0 ? (
        <p className="muted">{t("admin.queue.empty")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable className="wide">
            <caption className="visually-hidden">{t("admin.queue.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("org.name")}</th>
                <th scope="col">{t("org.kind")}</th>
                <th scope="col">{t("org.creditCode")}</th>
                <th scope="col">{t("admin.queue.status")}</th>
                <th scope="col">{t("admin.queue.registeredAt")}</th>
                <th scope="col">{t("admin.queue.reviewedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/admin/organizations/${r.id}`}>{r.name}</Link>
                  </th>
                  <td>{t(`orgKind.${r.kind}`)}</td>
                  <td>{r.creditCode ?? "—"}</td>
                  <td>
                    <span className={`status status-${r.status}`}>{t(`org.status.${r.status}`)}</span>
                  </td>
                  <td>{r.createdAt}</td>
                  <td>{r.reviewedAt || "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}

      {pageCount > 1 ? (
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => pageHref(filter, n)} />
      ) : null}
    </section>
  );
}
