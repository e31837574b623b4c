import { sql } from "kysely";
import type { Organization } from "../../db/schema.ts";
import { enqueueOrganizationAndListings } from "../../search/outbox.ts";
import type { DB } from "../db.server.ts";
import type { OrganizationKind, OrganizationStatus } from "../domain/organization-kinds.ts";
import { reasonRequired, REVIEW_REASON_MAX, REVIEW_REASON_MIN, reviewTransitions, type ReviewIntent, type ReviewQueueFilter } from "../schemas/organization-review.ts";
import { audit } from "./audit.server.ts";
import { notify } from "./notification.server.ts";
import { canReviewOrganizations, type Actor } from "./policy.server.ts";
import { containsPattern } from "../utils/like-pattern.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";
import type { OrganizationRefusal } from "./organization.server.ts";

// ---------------------------------------------------------------------------------------------
// Platform staff review organisations.

export const REVIEW_PAGE_SIZE = 20;

export interface ReviewQueueRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  status: OrganizationStatus;
  credit_code: string | null;
  created_at: Date;
  reviewed_at: Date | null;
}

export interface ReviewQueuePage {
  rows: ReviewQueueRow[];
  total: number;
  page: number;
  pageCount: number;
}


/** The review queue: pending first-come first-served; other lists newest change first. */
export async function listOrganizationsForReview(
  db: DB,
  filter: Partial<ReviewQueueFilter>,
): Promise<ReviewQueuePage> {
  const status = filter.status ?? "pending";
  let query = db.selectFrom("organizations");
  if (status !== "all") query = query.where("status", "=", status);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([eb("name", "ilike", pattern), eb("credit_code", "ilike", pattern)]),
    );
  }
  const { count } = await query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  const total = Number(count);
  const pageCount = Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  let ordered = query.select(["id", "name", "kind", "status", "credit_code", "created_at", "reviewed_at"]);
  ordered =
    status === "pending"
      ? ordered.orderBy("created_at", "asc").orderBy("id")
      : ordered.orderBy("updated_at", "desc").orderBy("id");
  const rows = await ordered
    .limit(REVIEW_PAGE_SIZE)
    .offset((page - 1) * REVIEW_PAGE_SIZE)
    .execute();
  return { rows, total, page, pageCount };
}

export async function countOrganizationsByStatus(db: DB): Promise<Record<OrganizationStatus, number>> {
  const rows = await db
    .selectFrom("organizations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  const counts: Record<OrganizationStatus, number> = { pending: 0, verified: 0, rejected: 0, suspended: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** The person who registered the organisation (or, failing that, its first administrator). */
export async function getRegisteringAdmin(db: DB, orgId: string): Promise<{ id: string; name: string; email: string } | null> {
  if (!isUuid(orgId)) return null;
  const registrant = await db
    .selectFrom("audit_log")
    .innerJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("audit_log.action", "=", "organization.register")
    .where("audit_log.target_type", "=", "organization")
    .where("audit_log.target_id", "=", orgId)
    .orderBy("audit_log.id")
    .executeTakeFirst();
  if (registrant) return registrant;
  return (
    (await db
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("organization_id", "=", orgId)
      .where("org_role", "=", "admin")
      .orderBy("created_at")
      .orderBy("id")
      .executeTakeFirst()) ?? null
  );
}

export interface OrganizationHistoryEntry {
  id: number;
  at: Date;
  action: string;
  outcome: string;
  actorName: string | null;
  reason: string | null;
}

/** What happened to an organisation, oldest first, from the audit trail. */
export async function listOrganizationHistory(db: DB, orgId: string): Promise<OrganizationHistoryEntry[]> {
  if (!isUuid(orgId)) return [];
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.outcome",
      "audit_log.actor_label",
      "audit_log.detail",
      "users.name as user_name",
    ])
    .where("audit_log.target_type", "=", "organization")
    .where("audit_log.target_id", "=", orgId)
    .where("audit_log.outcome", "=", "success")
    .orderBy("audit_log.id")
    .execute();
  return rows.map((r) => {
    const detail = (typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>;
    return {
      id: Number(r.id),
      at: r.at,
      action: r.action,
      outcome: r.outcome,
      actorName: r.user_name ?? r.actor_label,
      reason: typeof detail?.reason === "string" ? detail.reason : null,
    };
  });
}

export type ReviewResult = Result<
  { organization: Organization },
  Extract<OrganizationRefusal, "forbidden" | "notFound" | "invalidTransition" | "reasonRequired" | "reasonInvalid">
>;

const decisionStatus: Record<ReviewIntent, OrganizationStatus> = {
  verify: "verified",
  reject: "rejected",
  suspend: "suspended",
  reinstate: "verified",
};

/**
 * One review decision: the status, the note the organisation will read, the audit entry and the
 * search-index job commit together or not at all. Only reviewers and platform administrators may.
 */
export async function reviewOrganization(
  db: DB,
  actor: Actor,
  orgId: string,
  intent: ReviewIntent,
  reason?: string | null,
  meta: { ip?: string | null } = {},
): Promise<ReviewResult> {
  const action = `organization.${intent}` as const;
  if (!canReviewOrganizations(actor)) {
    await audit(db, {
      action,
      outcome: "denied",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      organizationId: actor.user.organization_id,
      targetType: "organization",
      targetId: isUuid(orgId) ? orgId : null,
      ip: meta.ip,
    });
    return refused("forbidden");
  }
  const note = typeof reason === "string" ? reason.trim() : "";
  if (reasonRequired(intent) && !note) return refused("reasonRequired");
  if (note && ((reasonRequired(intent) && note.length < REVIEW_REASON_MIN) || note.length > REVIEW_REASON_MAX)) {
    return refused("reasonInvalid");
  }
  if (!isUuid(orgId)) return refused("notFound");

  return inTransaction(db, async (trx): Promise<ReviewResult> => {
    const current = await trx.selectFrom("organizations").selectAll().where("id", "=", orgId).forUpdate().executeTakeFirst();
    if (!current) return refused("notFound");
    if (!reviewTransitions[intent].includes(current.status)) return refused("invalidTransition");
    const organization = await trx
      .updateTable("organizations")
      .set({
        status: decisionStatus[intent],
        review_note: note || null,
        reviewed_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where("id", "=", orgId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      action,
      outcome: "success",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      organizationId: orgId,
      targetType: "organization",
      targetId: orgId,
      ip: meta.ip,
      detail: { from: current.status, to: organization.status, ...(note ? { reason: note } : {}) },
    });
    await notify(trx, { organizationId: orgId }, {
      kind: action,
      title: `notifications.organization.${intent}`,
      body: note ? "notifications.reason" : undefined,
      params: { reason: note },
      link: "/org",
    });
    await enqueueOrganizationAndListings(trx, orgId);
    return { ok: true, organization };
  });
}

type ReviewMeta = { ip?: string | null };

export const verifyOrganization = (db: DB, actor: Actor, orgId: string, note?: string | null, meta?: ReviewMeta) =>
  reviewOrganization(db, actor, orgId, "verify", note, meta);

export const rejectOrganization = (db: DB, actor: Actor, orgId: string, reason: string, meta?: ReviewMeta) =>
  reviewOrganization(db, actor, orgId, "reject", reason, meta);

export const suspendOrganization = (db: DB, actor: Actor, orgId: string, reason: string, meta?: ReviewMeta) =>
  reviewOrganization(db, actor, orgId, "suspend", reason, meta);

export const reinstateOrganization = (db: DB, actor: Actor, orgId: string, note?: string | null, meta?: ReviewMeta) =>
  reviewOrganization(db, actor, orgId, "reinstate", note, meta);
