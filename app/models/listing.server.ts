import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { Listing } from "../../db/schema.ts";
import { canPublishKind, type ListingKind, type ListingStatus } from "../domain/listing-kinds.ts";
import type { ListingInput } from "../schemas/listing.ts";
import { addDays, todayInChina } from "../utils/dates.ts";
import { enqueueIndexJob } from "../../search/outbox.ts";
import { audit } from "./audit.server.ts";
import { notify } from "./notification.server.ts";
import { isPlatformStaff, type Actor, type OrgActor } from "./policy.server.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";

export type ListingError =
  | "notFound"
  | "kindNotAllowed"
  | "organizationNotVerified"
  | "validUntilPast"
  | "validUntilTooFar"
  | "wrongStatus";
export type ListingResult<T = Listing> = Result<{ listing: T }, ListingError>;

export const listingRefusals = {
  notFound: { kind: "notFound", message: "error.notFound" },
  kindNotAllowed: { kind: "forbidden", message: "listings.error.kindNotAllowed", page: true },
  organizationNotVerified: { kind: "conflict", message: "listings.error.notVerified" },
  validUntilPast: { kind: "invalid", message: "validation.validUntilPast", field: "validUntil" },
  validUntilTooFar: { kind: "invalid", message: "validation.validUntilTooFar", field: "validUntil" },
  wrongStatus: { kind: "conflict", message: "listings.error.wrongStatus" },
} satisfies RefusalTable<ListingError>;


/** The content a reviewer approves; a change to anything here sends a published listing back to review. */
const contentKeys = ["title", "description", "industry", "majors", "skills", "location", "contact_name", "contact_phone", "contact_email", "details"] as const;

/** The listing's columns from a parsed form, except the kind's `details`. */
export function listingColumns(input: ListingInput) {
  return {
    title: input.title,
    description: input.description,
    industry: input.industry,
    majors: input.majors,
    skills: input.skills,
    location: input.location ?? null,
    valid_until: input.validUntil,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail ?? null,
  };
}

function columnsOf(input: ListingInput) {
  return { ...listingColumns(input), details: JSON.stringify(input.details) };
}

// jsonb does not keep key order, so compare with keys sorted.
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function snapshotOf(listing: Listing): Record<string, unknown> {
  const snapshot: Record<string, unknown> = { valid_until: listing.valid_until };
  for (const key of contentKeys) snapshot[key] = listing[key];
  return snapshot;
}

function checkValidUntil(validUntil: string, today = todayInChina()): ListingError | null {
  if (validUntil <= today) return "validUntilPast";
  if (validUntil > addDays(today, 731)) return "validUntilTooFar";
  return null;
}

function checkCanSubmit(actor: OrgActor, kind: ListingKind, validUntil: string): ListingError | null {
  if (!canPublishKind(actor.organization.kind, kind)) return "kindNotAllowed";
  if (actor.organization.status !== "verified") return "organizationNotVerified";
  return checkValidUntil(validUntil);
}

async function ownListing(db: DB, actor: OrgActor, id: string): Promise<Listing | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("listings")
    .selectAll()
    .where("id", "=", id)
    .where("organization_id", "=", actor.organization.id)
    .executeTakeFirst();
}

export async function getOwnListing(db: DB, actor: OrgActor, id: string): Promise<Listing | null> {
  return (await ownListing(db, actor, id)) ?? null;
}

async function recordSubmission(db: DB, actor: OrgActor, listing: Listing) {
  await db
    .insertInto("listing_revisions")
    .values({ listing_id: listing.id, snapshot: JSON.stringify(snapshotOf(listing)), submitted_by: actor.user.id })
    .execute();
}

/** Creates a draft, or submits it for review at once. Pending organisations may draft but not submit. */
export async function createListing(
  db: DB,
  actor: OrgActor,
  kind: ListingKind,
  input: ListingInput,
  options: { submit: boolean },
): Promise<ListingResult> {
  if (!canPublishKind(actor.organization.kind, kind)) return refused("kindNotAllowed");
  if (options.submit) {
    const problem = checkCanSubmit(actor, kind, input.validUntil);
    if (problem) return refused(problem);
  }
  return inTransaction(db, async (trx) => {
    const listing = await trx
      .insertInto("listings")
      .values({
        ...columnsOf(input),
        organization_id: actor.organization.id,
        kind,
        status: options.submit ? "submitted" : "draft",
        submitted_at: options.submit ? sql`now()` : null,
        created_by: actor.user.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (options.submit) await recordSubmission(trx, actor, listing);
    return { ok: true as const, listing };
  });
}

/**
 * Saves an edit. A published listing whose content changed goes back to review (and leaves the public
 * site until approved); changing only its valid-until date keeps it published, and extending an expired
 * one publishes it again.
 */
export async function updateListing(
  db: DB,
  actor: OrgActor,
  id: string,
  input: ListingInput,
  options: { submit: boolean },
): Promise<ListingResult> {
  const current = await ownListing(db, actor, id);
  if (!current) return refused("notFound");
  if (current.status === "closed") return refused("wrongStatus");
  const next = { ...current, ...columnsOf(input), details: input.details } as Listing;
  const contentChanged =
    stableStringify(snapshotOf({ ...next, valid_until: "" })) !== stableStringify(snapshotOf({ ...current, valid_until: "" }));

  let status: ListingStatus = current.status;
  if (current.status === "published" || current.status === "expired") {
    if (contentChanged) status = "submitted";
    else {
      const problem = checkValidUntil(input.validUntil);
      if (problem) return refused(problem);
      status = "published";
    }
  } else if (options.submit) {
    status = "submitted";
  }
  if (status === "submitted") {
    const problem = checkCanSubmit(actor, current.kind, input.validUntil);
    if (problem) return refused(problem);
  }

  return inTransaction(db, async (trx) => {
    const listing = await trx
      .updateTable("listings")
      .set({
        ...columnsOf(input),
        status,
        updated_at: sql`now()`,
        ...(status === "submitted" && current.status !== "submitted" ? { submitted_at: sql`now()` } : {}),
      })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status === "submitted" && (options.submit || current.status !== "submitted")) await recordSubmission(trx, actor, listing);
    if (current.status === "published" || status === "published") await enqueueIndexJob(trx, "listing", listing.id);
    return { ok: true as const, listing };
  });
}

export async function submitListing(db: DB, actor: OrgActor, id: string): Promise<ListingResult> {
  const current = await ownListing(db, actor, id);
  if (!current) return refused("notFound");
  if (current.status !== "draft" && current.status !== "rejected") return refused("wrongStatus");
  const problem = checkCanSubmit(actor, current.kind, current.valid_until);
  if (problem) return refused(problem);
  return inTransaction(db, async (trx) => {
    const listing = await trx
      .updateTable("listings")
      .set({ status: "submitted", submitted_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordSubmission(trx, actor, listing);
    return { ok: true as const, listing };
  });
}

export async function closeListing(db: DB, actor: OrgActor, id: string, reason: "filled" | "withdrawn"): Promise<ListingResult> {
  const current = await ownListing(db, actor, id);
  if (!current) return refused("notFound");
  if (!["published", "submitted", "draft", "rejected"].includes(current.status)) return refused("wrongStatus");
  return inTransaction(db, async (trx) => {
    const listing = await trx
      .updateTable("listings")
      .set({ status: "closed", closed_reason: reason, updated_at: sql`now()` })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueIndexJob(trx, "listing", id);
    return { ok: true as const, listing };
  });
}

/** A reviewer approves (publishes) or rejects with a reason; both are audited. */
export async function reviewListing(
  db: DB,
  reviewer: Actor,
  id: string,
  decision: { approve: true } | { approve: false; reason: string },
  meta: { ip?: string | null } = {},
): Promise<ListingResult> {
  if (!isPlatformStaff(reviewer) || !isUuid(id)) return refused("notFound");
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom("listings").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!current) return refused("notFound");
    if (current.status !== "submitted") return refused("wrongStatus");
    const listing = await trx
      .updateTable("listings")
      .set({
        status: decision.approve ? "published" : "rejected",
        review_note: decision.approve ? null : decision.reason,
        reviewed_by: reviewer.user.id,
        reviewed_at: sql`now()`,
        updated_at: sql`now()`,
        ...(decision.approve ? { published_at: sql`coalesce(published_at, now())` } : {}),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      action: decision.approve ? "listing.approve" : "listing.reject",
      outcome: "success",
      actorUserId: reviewer.user.id,
      actorLabel: reviewer.user.email,
      organizationId: listing.organization_id,
      targetType: "listing",
      targetId: id,
      targetTitle: listing.title,
      ip: meta.ip,
      detail: decision.approve ? {} : { reason: decision.reason },
    });
    await notify(trx, { organizationId: listing.organization_id }, {
      kind: decision.approve ? "listing.approve" : "listing.reject",
      title: decision.approve ? "notifications.listing.approve" : "notifications.listing.reject",
      body: decision.approve ? undefined : "notifications.reason",
      params: { title: listing.title, reason: decision.approve ? "" : decision.reason },
      link: decision.approve ? `/l/${id}` : `/listings/${id}/edit`,
    });
    await enqueueIndexJob(trx, "listing", id);
    return { ok: true as const, listing };
  });
}

/**
 * Published listings whose valid-until date has passed become expired (run by the scheduler at the tick's
 * time `now`; `today` is its date in China), so a listing valid until D expires on D + 1.
 */
export async function expireListings(db: DB, today?: string, now: Date = new Date()): Promise<number> {
  today ??= todayInChina(now);
  return inTransaction(db, async (trx) => {
    const expired = await trx
      .updateTable("listings")
      .set({ status: "expired", updated_at: now })
      .where("status", "=", "published")
      .where("valid_until", "<", today)
      .returning("id")
      .execute();
    await enqueueIndexJob(
      trx,
      "listing",
      expired.map((r) => r.id),
    );
    return expired.length;
  });
}
