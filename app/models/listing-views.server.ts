import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { Listing, Organization } from "../../db/schema.ts";
import type { ListingKind, ListingStatus } from "../domain/listing-kinds.ts";
import { containsPattern } from "../utils/like-pattern.ts";
import { isUuid } from "../schemas/ids.ts";
import { stableStringify } from "./listing.server.ts";
import { todayInChina } from "../utils/dates.ts";

export async function listOwnListings(db: DB, organizationId: string, filter: { status?: ListingStatus; kind?: ListingKind } = {}) {
  let query = db.selectFrom("listings").selectAll().where("organization_id", "=", organizationId);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  const [rows, counts] = await Promise.all([
    query.orderBy("updated_at", "desc").limit(500).execute(),
    db
      .selectFrom("listings")
      .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
      .where("organization_id", "=", organizationId)
      .groupBy("status")
      .execute(),
  ]);
  return { listings: rows, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.count)])) as Partial<Record<ListingStatus, number>> };
}

export type PublicListing = Listing & { organization: Pick<Organization, "id" | "name" | "kind" | "status"> };

/** A listing the public may see: published, by a verified organisation. */
export async function getPublicListing(db: DB, id: string): Promise<PublicListing | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom("listings")
    .innerJoin("organizations", "organizations.id", "listings.organization_id")
    .selectAll("listings")
    .select(["organizations.name as org_name", "organizations.kind as org_kind", "organizations.status as org_status"])
    .where("listings.id", "=", id)
    .where("listings.status", "=", "published")
    .where("organizations.status", "=", "verified")
    .executeTakeFirst();
  if (!row) return null;
  const { org_name, org_kind, org_status, ...listing } = row;
  return { ...listing, organization: { id: listing.organization_id, name: org_name, kind: org_kind, status: org_status } };
}

export interface PublicListingSummary {
  id: string;
  kind: ListingKind;
  title: string;
  valid_until: string;
}

/**
 * What an organisation has on offer now, for its public profile: published and still valid (valid until today,
 * in China), newest first, at most `limit`, with the total for a "see all" link. Drafts, listings under review
 * and closed or expired ones never appear.
 */
export async function publicListingsOf(
  db: DB,
  organizationId: string,
  options: { limit: number; today?: string },
): Promise<{ listings: PublicListingSummary[]; total: number }> {
  if (!isUuid(organizationId)) return { listings: [], total: 0 };
  const today = options.today ?? todayInChina();
  const open = db
    .selectFrom("listings")
    .where("organization_id", "=", organizationId)
    .where("status", "=", "published")
    .where("valid_until", ">=", today);
  const [listings, count] = await Promise.all([
    open
      .select(["id", "kind", "title", "valid_until"])
      .orderBy("published_at", "desc")
      .orderBy("id")
      .limit(options.limit)
      .execute(),
    open.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { listings, total: Number(count.n) };
}

export async function listReviewQueue(db: DB, filter: { kind?: ListingKind; q?: string; page?: number } = {}) {
  const pageSize = 20;
  const page = Math.max(1, filter.page ?? 1);
  let query = db
    .selectFrom("listings")
    .innerJoin("organizations", "organizations.id", "listings.organization_id")
    .where("listings.status", "=", "submitted");
  if (filter.kind) query = query.where("listings.kind", "=", filter.kind);
  if (filter.q) {
    const like = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb("listings.title", "ilike", like), eb("organizations.name", "ilike", like)]));
  }
  const [rows, total] = await Promise.all([
    query
      .select(["listings.id", "listings.kind", "listings.title", "listings.submitted_at", "organizations.name as organization_name"])
      .select((eb) =>
        eb
          .selectFrom("listing_revisions")
          .whereRef("listing_revisions.listing_id", "=", "listings.id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("submissions"),
      )
      .orderBy("listings.submitted_at", "asc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count), page, pageSize };
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What changed between the two latest submissions (empty for a first submission). */
export async function changesSinceLastSubmission(db: DB, listingId: string): Promise<{ first: boolean; changes: FieldChange[] }> {
  const revisions = await db
    .selectFrom("listing_revisions")
    .select("snapshot")
    .where("listing_id", "=", listingId)
    .orderBy("id", "desc")
    .limit(2)
    .execute();
  if (revisions.length < 2) return { first: true, changes: [] };
  const [after, before] = revisions.map((r) => r.snapshot);
  const changes: FieldChange[] = [];
  const flatten = (s: Record<string, unknown>) => {
    const { details, ...rest } = s;
    return { ...rest, ...Object.fromEntries(Object.entries((details as Record<string, unknown>) ?? {}).map(([k, v]) => [`details.${k}`, v])) };
  };
  const a = flatten(after);
  const b = flatten(before);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (stableStringify(a[key]) !== stableStringify(b[key])) changes.push({ field: key, before: b[key], after: a[key] });
  }
  return { first: false, changes };
}

/** Task 16: enterprises above designated size host interns at 2% of total staff. */
export async function internshipIndicator(db: DB, organization: Pick<Organization, "id" | "staff_count">) {
  const target = Math.ceil((organization.staff_count ?? 0) * 0.02);
  const row = await db
    .selectFrom("listings")
    .select(sql<number>`coalesce(sum((details->>'positions')::int), 0)`.as("positions"))
    .where("organization_id", "=", organization.id)
    .where("kind", "=", "internship")
    .where("status", "=", "published")
    .executeTakeFirstOrThrow();
  return { staff: organization.staff_count ?? 0, target, positionsPublished: Number(row.positions) };
}
