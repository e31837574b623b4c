import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listingKinds } from "~/domain/listing-kinds.ts";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listReviewQueue } from "~/models/listing-views.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { listingQueueFilterSchema } from "~/schemas/listing-review.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { Pagination } from "~/components/pagination.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("listingReview.queueTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:review");
  const filter = listingQueueFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listReviewQueue(appDb(), filter);
  return {
    filter: { kind: filter.kind ?? "", q: filter.q ?? "" },
    total: result.total,
    page: result.page,
    pageCount: Math.max(1, Math.ceil(result.total / result.pageSize)),
    rows: result.rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      organization: r.organization_name,
      submittedAt: formatDateTime(r.submitted_at),
      submissions: Math.max(1, Number(r.submissions ?? 0)),
    })),
  };
}

function pageHref(filter: { kind: string; q: string }, page: number): string {
  const params = new URLSearchParams();
  if (filter.kind) params.set("kind", filter.kind);
  if (filter.q) params.set("q", filter.q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/admin/listings${query ? `?${query}` : ""}`;
}

export default function ListingReviewQueue() {
  const { filter, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="listing-queue-title" className="page-stack">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1 id="listing-queue-title">{t("listingReview.queueTitle")}</h1>
      <p className="muted">{t("listingReview.queueIntro")}</p>

      <Form method="get" className="filters" role="search" aria-label={t("listingReview.filters")}>
        <div className="field">
          <label htmlFor="filter-kind">{t("listingReview.kind")}</label>
          <select id="filter-kind" name="kind" defaultValue={filter.kind}>
            <option value="">{t("listingReview.allKinds")}</option>
            {listingKinds.map((k) => (
              <option key={k} value={k}>
                {t(`listingKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("listingReview.q")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <div>
          <button type="submit">{t("listingReview.filterButton")}</button>
        </div>
      </Form>

      <p role="status">{t("listingReview.total", { total })}</p>

      {rows.length === 0 ? (
        <p className="muted">{t("listingReview.empty")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("listingReview.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("listingReview.col.title")}</th>
                <th scope="col">{t("listingReview.col.organization")}</th>
                <th scope="col">{t("listingReview.col.kind")}</th>
                <th scope="col">{t("listingReview.col.submittedAt")}</th>
                <th scope="col">{t("listingReview.col.submissions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/admin/listings/${r.id}`}>{r.title}</Link>
                  </th>
                  <td>{r.organization}</td>
                  <td>{t(`listingKind.${r.kind}`)}</td>
                  <td>{r.submittedAt}</td>
                  <td>{t("listingReview.submissionNumber", { n: r.submissions })}</td>
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
