import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../db.server.ts";
import type { ListingKind } from "../../domain/listing-kinds.ts";
import { overviewStatuses, type OverviewFilter } from "../../schemas/matchmaking-overview.ts";
import { containsPattern } from "../../utils/like-pattern.ts";

// Platform staff's view across organisations of what matchmaking produced (plan tasks 16, 17, 28, 30, 35):
// every response, cooperation project and training-package order, with the two parties and the state.

export const OVERVIEW_PAGE_SIZE = 30;

export interface OverviewRow {
  id: string;
  title: string;
  kind: ListingKind | null;
  /** The side that acted first: the responder, the project's owner, the buyer. */
  fromOrg: string;
  toOrg: string;
  status: string;
  createdAt: Date;
  /** Students of a project, seats of an order. */
  people: number | null;
  totalYuan: number | null;
}

export interface Overview {
  rows: OverviewRow[];
  counts: Record<string, number>;
  total: number;
  page: number;
  pageCount: number;
}

type BaseRow = { id: string; title: string; kind: ListingKind | null; people: number | null; totalYuan: number | null };

/** The record of a view as `x`, its two parties as `a` (who acted first) and `b`: one query shape for all three. */
function base(db: DB, view: OverviewFilter["view"]): SelectQueryBuilder<any, any, BaseRow> {
  if (view === "responses") {
    return db
      .selectFrom("listing_responses as x")
      .innerJoin("listings as l", "l.id", "x.listing_id")
      .innerJoin("organizations as a", "a.id", "x.responder_org_id")
      .innerJoin("organizations as b", "b.id", "l.organization_id")
      .select([
        "x.id",
        "l.title",
        sql<ListingKind | null>`l.kind`.as("kind"),
        sql<number | null>`null::int`.as("people"),
        sql<number | null>`null::numeric`.as("totalYuan"),
      ]);
  }
  if (view === "projects") {
    return db
      .selectFrom("cooperation_projects as x")
      .innerJoin("organizations as a", "a.id", "x.owner_org_id")
      .innerJoin("organizations as b", "b.id", "x.partner_org_id")
      .select(["x.id", "x.title", sql<ListingKind | null>`x.kind`.as("kind"), sql<number | null>`x.students_count`.as("people"), sql<number | null>`null::numeric`.as("totalYuan")]);
  }
  return db
    .selectFrom("package_orders as x")
    .innerJoin("organizations as a", "a.id", "x.buyer_org_id")
    .innerJoin("organizations as b", "b.id", "x.provider_org_id")
    .leftJoin("listings as l", "l.id", "x.listing_id")
    .select([
      "x.id",
      // The title frozen at ordering; the listing's (if it still exists) for orders made without one.
      sql<string>`coalesce(x.package_snapshot->>'title', l.title, '')`.as("title"),
      sql<ListingKind | null>`'training_package'`.as("kind"),
      sql<number | null>`x.seats`.as("people"),
      sql<number | null>`x.total_yuan`.as("totalYuan"),
    ]);
}

export async function matchmakingOverview(db: DB, filter: OverviewFilter): Promise<Overview> {
  const scoped = () => {
    const query = base(db, filter.view);
    if (!filter.q) return query;
    const pattern = containsPattern(filter.q);
    return query.where(sql<boolean>`(a.name ilike ${pattern} or b.name ilike ${pattern})`);
  };
  const grouped = await scoped()
    .clearSelect()
    .select([sql<string>`x.status`.as("status"), sql<number>`count(*)`.as("n")])
    .groupBy(sql`x.status`)
    .execute();
  const counts = Object.fromEntries(overviewStatuses[filter.view].map((s) => [s, 0])) as Record<string, number>;
  for (const g of grouped) counts[g.status] = Number(g.n);
  const total = filter.status ? (counts[filter.status] ?? 0) : Object.values(counts).reduce((s, n) => s + n, 0);
  const pageCount = Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  let rowsQuery = scoped().select([sql<string>`a.name`.as("fromOrg"), sql<string>`b.name`.as("toOrg"), sql<string>`x.status`.as("status"), sql<Date>`x.created_at`.as("createdAt")]);
  if (filter.status) rowsQuery = rowsQuery.where(sql<boolean>`x.status = ${filter.status}`);
  const rows = await rowsQuery
    .orderBy(sql`x.created_at`, "desc")
    .orderBy(sql`x.id`)
    .limit(OVERVIEW_PAGE_SIZE)
    .offset((page - 1) * OVERVIEW_PAGE_SIZE)
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, people: r.people === null ? null : Number(r.people), totalYuan: r.totalYuan === null ? null : Number(r.totalYuan) })),
    counts,
    total,
    page,
    pageCount,
  };
}
