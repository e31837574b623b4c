import type { DB } from "../db.server.ts";
import type { Listing, Organization } from "../../db/schema.ts";
import { isUuid } from "../schemas/ids.ts";

// What a reviewer reads about one listing, beside app/models/listing.server.ts (reviewListing) and
// app/models/listing-views.server.ts (listReviewQueue, changesSinceLastSubmission). Only for platform staff: routes guard with requirePermission first.

export type ListingForReview = Listing & {
  organization: Pick<Organization, "id" | "name" | "kind" | "status">;
  submissions: number;
  submittedBy: { name: string; email: string } | null;
};

/** Any listing, whatever its status or organisation; null for an unknown or malformed id. */
export async function getListingForReview(db: DB, id: string): Promise<ListingForReview | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom("listings")
    .innerJoin("organizations", "organizations.id", "listings.organization_id")
    .selectAll("listings")
    .select(["organizations.name as org_name", "organizations.kind as org_kind", "organizations.status as org_status"])
    .where("listings.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const [revisions, latest] = await Promise.all([
    db
      .selectFrom("listing_revisions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("listing_id", "=", id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("listing_revisions")
      .leftJoin("users", "users.id", "listing_revisions.submitted_by")
      .select(["users.name", "users.email"])
      .where("listing_revisions.listing_id", "=", id)
      .orderBy("listing_revisions.id", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const { org_name, org_kind, org_status, ...listing } = row;
  return {
    ...listing,
    organization: { id: listing.organization_id, name: org_name, kind: org_kind, status: org_status },
    submissions: Number(revisions.n),
    submittedBy: latest?.name && latest.email ? { name: latest.name, email: latest.email } : null,
  };
}

export interface ListingDecisionEntry {
  id: number;
  at: Date;
  action: string;
  reviewer: string | null;
  reason: string | null;
}

/** The review decisions taken on a listing (audit trail), oldest first. */
export async function listListingDecisions(db: DB, id: string): Promise<ListingDecisionEntry[]> {
  if (!isUuid(id)) return [];
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.id", "audit_log.at", "audit_log.action", "audit_log.actor_label", "audit_log.detail", "users.name as user_name"])
    .where("audit_log.target_type", "=", "listing")
    .where("audit_log.target_id", "=", id)
    .where("audit_log.outcome", "=", "success")
    .orderBy("audit_log.id")
    .execute();
  return rows.map((r) => {
    const detail = (typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail) as Record<string, unknown> | null;
    return {
      id: Number(r.id),
      at: r.at,
      action: r.action,
      reviewer: r.user_name ?? r.actor_label,
      reason: typeof detail?.reason === "string" ? detail.reason : null,
    };
  });
}
