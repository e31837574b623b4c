import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { kindLabel, ListingStatusBadge } from "~/components/listing-details.tsx";
import { appDb } from "~/db.server.ts";
import { canPublishKind, listingKinds, listingStatuses, type ListingKind, type ListingStatus } from "~/domain/listing-kinds.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listOwnListings } from "~/models/listing-views.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { LinkFilter } from "~/components/link-filter.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("listings.pageTitle")} · 产教通` }];

const notices = ["draft", "submitted", "published", "rejected", "closed"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const url = new URL(request.url);
  // Unknown filter values are ignored rather than refused.
  const status = listingStatuses.find((s) => s === url.searchParams.get("status"));
  const kind = listingKinds.find((k) => k === url.searchParams.get("kind"));
  const notice = notices.find((n) => n === url.searchParams.get("notice")) ?? null;
  const { listings, counts } = await listOwnListings(appDb(), actor.organization.id, { status, kind });
  return {
    organization: { kind: actor.organization.kind, status: actor.organization.status },
    filter: { status: status ?? "", kind: kind ?? "" },
    notice,
    counts,
    creatable: listingKinds.filter((k) => canPublishKind(actor.organization.kind, k)),
    listings: listings.map((l) => ({
      id: l.id,
      title: l.title,
      kind: l.kind,
      status: l.status,
      validUntil: l.valid_until,
      updatedAt: formatDateTime(l.updated_at),
      reviewNote: l.status === "rejected" ? l.review_note : null,
      closedReason: l.closed_reason,
    })),
  };
}

export default function MyListings() {
  const { organization, filter, notice, counts, creatable, listings } = useLoaderData<typeof loader>();
  const t = useT();
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const countLink = (status: ListingStatus | "") => {
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    if (filter.kind) params.set("kind", filter.kind);
    const query = params.toString();
    return query ? `/listings?${query}` : "/listings";
  };
  return (
    <section aria-labelledby="listings-title" className="page-stack">
      <h1 id="listings-title">{t("listings.pageTitle")}</h1>
      <p className="muted">{t("listings.intro")}</p>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {t(`listings.notice.${notice}`)}
        </div>
      ) : null}
      {organization.status !== "verified" ? (
        <div className="alert" role="note">
          {t(organization.status === "pending" ? "listings.pendingOrg" : "listings.unverifiedOrg")}
        </div>
      ) : null}

      <section aria-labelledby="listings-create-title" className="card">
        <h2 id="listings-create-title">{t("listings.createTitle")}</h2>
        {creatable.length ? (
          <div className="actions">
            {creatable.map((kind: ListingKind) => (
              <Link key={kind} to={`/listings/new?kind=${kind}`} className="btn">
                {t("listings.createKind", { kind: kindLabel(t, kind) })}
              </Link>
            ))}
          </div>
        ) : (
          <p>{t("listings.noKinds")}</p>
        )}
      </section>

      <LinkFilter
        label={t("listings.countsTitle")}
        links={[
          { key: "", to: countLink(""), text: t("listings.countAll", { count: total }), current: filter.status === "" },
          ...listingStatuses.map((s) => ({
            key: s,
            to: countLink(s),
            text: t("listings.countOf", { status: t(`listings.status.${s}`), count: counts[s] ?? 0 }),
            current: filter.status === s,
            testId: `count-${s}`,
          })),
        ]}
      />

      <Form method="get" className="filters" aria-label={t("listings.filterTitle")}>
        <div className="field">
          <label htmlFor="filter-status">{t("listings.filterStatus")}</label>
          <select id="filter-status" name="status" defaultValue={filter.status}>
            <option value="">{t("listings.filterAll")}</option>
            {listingStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`listings.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t("listings.filterKind")}</label>
          <select id="filter-kind" name="kind" defaultValue={filter.kind}>
            <option value="">{t("listings.filterAll")}</option>
            {listingKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("listings.filterButton")}
        </button>
      </Form>

      {listings.length ? (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("listings.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("listings.col.title")}</th>
                <th scope="col">{t("listings.col.kind")}</th>
                <th scope="col">{t("listings.col.status")}</th>
                <th scope="col">{t("listings.col.validUntil")}</th>
                <th scope="col">{t("listings.col.updated")}</th>
                <th scope="col">{t("listings.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((l) => (
                <tr key={l.id} data-listing-id={l.id}>
                  <th scope="row">{l.title}</th>
                  <td>{kindLabel(t, l.kind)}</td>
                  <td>
                    <ListingStatusBadge status={l.status} />
                    {l.closedReason ? <span className="muted">（{t(`listings.closedReason.${l.closedReason}`)}）</span> : null}
                    {l.reviewNote ? (
                      <p className="review-note">
                        {t("listings.reviewNote")}：{l.reviewNote}
                      </p>
                    ) : null}
                  </td>
                  <td>{l.validUntil}</td>
                  <td>{l.updatedAt}</td>
                  <td>
                    <span className="actions">
                      <Link to={`/listings/${l.id}/edit`} aria-label={`${t(l.status === "closed" ? "listings.view" : "listings.edit")}：${l.title}`}>
                        {t(l.status === "closed" ? "listings.view" : "listings.edit")}
                      </Link>
                      {l.status === "published" ? (
                        <Link to={`/l/${l.id}`} aria-label={`${t("listings.viewPublic")}：${l.title}`}>
                          {t("listings.viewPublic")}
                        </Link>
                      ) : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      ) : (
        <p className="muted">{t("listings.empty")}</p>
      )}
    </section>
  );
}
