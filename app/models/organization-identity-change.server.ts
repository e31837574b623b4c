import { sql } from "kysely";
import type { Organization, OrganizationIdentityChange } from "../../db/schema.ts";
import { enqueueOrganizationAndListings } from "../../search/outbox.ts";
import type { DB } from "../db.server.ts";
import type { OrganizationKind } from "../domain/organization-kinds.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { isUuid } from "../schemas/ids.ts";
import { REVIEW_REASON_MAX, REVIEW_REASON_MIN } from "../schemas/organization-review.ts";
import { audit } from "./audit.server.ts";
import { notify } from "./notification.server.ts";
import { canReviewOrganizations, type Actor } from "./policy.server.ts";
import { inTransaction } from "../../db/client.ts";

// Identity changes go back to review (task "Identity changes go back to review"; refusals per ADR 013): a
// verified organisation's new 全称, 统一社会信用代码 or kind is a request that a reviewer approves or rejects;
// until then the old identity is the public one.

export type IdentityChangeRefusal =
  | "forbidden"
  | "notFound"
  | "alreadyDecided"
  | "reasonRequired"
  | "reasonInvalid"
  | "creditCodeTaken"
  | "nameTaken";

export const identityChangeRefusals = {
  forbidden: { kind: "forbidden", message: "error.forbiddenAction", page: true },
  notFound: { kind: "notFound", message: "error.notFound" },
  alreadyDecided: { kind: "conflict", message: "identityChange.alreadyDecided" },
  reasonRequired: { kind: "invalid", message: "admin.review.reasonRequired", field: "reason" },
  reasonInvalid: { kind: "invalid", message: "admin.review.reasonTooShort", field: "reason" },
  creditCodeTaken: { kind: "conflict", message: "identityChange.creditCodeTaken" },
  nameTaken: { kind: "conflict", message: "identityChange.nameTaken" },
} satisfies RefusalTable<IdentityChangeRefusal>;

export interface Identity {
  name: string;
  credit_code: string | null;
  kind: OrganizationKind;
}

/** Whether the identity differs (name compared as typed: a changed letter case is a change of 全称 too). */
export function identityDiffers(current: Identity, next: Identity): boolean {
  return current.name !== next.name || (current.credit_code ?? null) !== (next.credit_code ?? null) || current.kind !== next.kind;
}

/** The organisation's pending request, if any. */
export async function getPendingIdentityChange(db: DB, orgId: string): Promise<OrganizationIdentityChange | null> {
  if (!isUuid(orgId)) return null;
  return (
    (await db
      .selectFrom("organization_identity_changes")
      .selectAll()
      .where("organization_id", "=", orgId)
      .where("status", "=", "pending")
      .executeTakeFirst()) ?? null
  );
}

/** Organisations with a pending identity change, oldest request first (the review queue's second list). */
export async function listPendingIdentityChanges(db: DB): Promise<(OrganizationIdentityChange & { current_name: string })[]> {
  return db
    .selectFrom("organization_identity_changes")
    .innerJoin("organizations", "organizations.id", "organization_identity_changes.organization_id")
    .selectAll("organization_identity_changes")
    .select("organizations.name as current_name")
    .where("organization_identity_changes.status", "=", "pending")
    .orderBy("organization_identity_changes.created_at")
    .orderBy("organization_identity_changes.id")
    .execute();
}

/**
 * Inside the profile save's transaction: records the request (called only when the organisation is verified, its
 * identity differs and no request is pending: the caller refuses a second one, so one is pending at a time).
 */
export async function recordIdentityChange(
  trx: DB,
  actor: Actor,
  current: Organization,
  next: Identity,
  meta: { ip?: string | null } = {},
): Promise<OrganizationIdentityChange> {
  const change = await trx
    .insertInto("organization_identity_changes")
    .values({
      organization_id: current.id,
      old_name: current.name,
      old_credit_code: current.credit_code,
      old_kind: current.kind,
      new_name: next.name,
      new_credit_code: next.credit_code,
      new_kind: next.kind,
      requested_by: actor.user.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, {
    action: "organization.identity_request",
    outcome: "success",
    actorUserId: actor.user.id,
    actorLabel: actor.user.email,
    organizationId: current.id,
    targetType: "organization",
    targetId: current.id,
    ip: meta.ip,
    detail: { changeId: change.id, before: identityOf(current), after: next },
  });
  return change;
}

const identityOf = (o: Identity): Identity => ({ name: o.name, credit_code: o.credit_code, kind: o.kind });

export type IdentityDecisionResult = Result<{ change: OrganizationIdentityChange }, IdentityChangeRefusal>;

function uniqueViolation(error: unknown): "creditCodeTaken" | "nameTaken" | null {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== "23505") return null;
  const where = `${e.constraint ?? ""} ${e.message ?? ""}`;
  if (where.includes("credit_code")) return "creditCodeTaken";
  if (where.includes("name")) return "nameTaken";
  return null;
}

/**
 * A reviewer's decision. Approve applies the new identity (and re-indexes the organisation and its listings
 * through the outbox); reject keeps the old one with the reason. Both notify the organisation and are audited.
 */
export async function decideIdentityChange(
  db: DB,
  actor: Actor,
  target: { orgId: string; changeId: string },
  decision: "approve" | "reject",
  reason?: string | null,
  meta: { ip?: string | null } = {},
): Promise<IdentityDecisionResult> {
  const { orgId, changeId } = target;
  const action = `organization.identity_${decision}` as const;
  if (!canReviewOrganizations(actor)) {
    await audit(db, {
      action,
      outcome: "denied",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      organizationId: actor.user.organization_id,
      targetType: "organization_identity_change",
      targetId: isUuid(changeId) ? changeId : null,
      ip: meta.ip,
    });
    return refused("forbidden");
  }
  const note = typeof reason === "string" ? reason.trim() : "";
  if (decision === "reject") {
    if (!note) return refused("reasonRequired");
    if (note.length < REVIEW_REASON_MIN || note.length > REVIEW_REASON_MAX) return refused("reasonInvalid");
  }
  if (!isUuid(changeId) || !isUuid(orgId)) return refused("notFound");
  try {
    return await inTransaction(db, async (trx): Promise<IdentityDecisionResult> => {
      const pending = await trx
        .selectFrom("organization_identity_changes")
        .selectAll()
        .where("id", "=", changeId)
        .where("organization_id", "=", orgId)
        .forUpdate()
        .executeTakeFirst();
      if (!pending) return refused("notFound");
      if (pending.status !== "pending") return refused("alreadyDecided");
      if (decision === "approve") {
        if (pending.new_credit_code) {
          const taken = await trx
            .selectFrom("organizations")
            .select("id")
            .where("credit_code", "=", pending.new_credit_code)
            .where("id", "!=", pending.organization_id)
            .executeTakeFirst();
          if (taken) return refused("creditCodeTaken");
        }
        const nameTaken = await trx
          .selectFrom("organizations")
          .select("id")
          .where(sql`lower(name)`, "=", pending.new_name.toLowerCase())
          .where("id", "!=", pending.organization_id)
          .executeTakeFirst();
        if (nameTaken) return refused("nameTaken");
        await trx
          .updateTable("organizations")
          .set({ name: pending.new_name, credit_code: pending.new_credit_code, kind: pending.new_kind, updated_at: sql`now()` })
          .where("id", "=", pending.organization_id)
          .execute();
      }
      const change = await trx
        .updateTable("organization_identity_changes")
        .set({
          status: decision === "approve" ? "approved" : "rejected",
          reason: note || null,
          decided_by: actor.user.id,
          decided_at: sql`now()`,
        })
        .where("id", "=", changeId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, {
        action,
        outcome: "success",
        actorUserId: actor.user.id,
        actorLabel: actor.user.email,
        organizationId: pending.organization_id,
        targetType: "organization",
        targetId: pending.organization_id,
        ip: meta.ip,
        detail: {
          changeId,
          before: { name: pending.old_name, credit_code: pending.old_credit_code, kind: pending.old_kind },
          after: { name: pending.new_name, credit_code: pending.new_credit_code, kind: pending.new_kind },
          ...(note ? { reason: note } : {}),
        },
      });
      await notify(trx, { organizationId: pending.organization_id }, {
        kind: action,
        title: decision === "approve" ? "notifications.organization.identityApprove" : "notifications.organization.identityReject",
        body: note ? "notifications.reason" : undefined,
        params: { reason: note, name: pending.new_name },
        link: "/org/edit",
      });
      if (decision === "approve") await enqueueOrganizationAndListings(trx, pending.organization_id);
      return { ok: true, change };
    });
  } catch (error) {
    const taken = uniqueViolation(error);
    if (taken) return refused(taken);
    throw error;
  }
}

/** The organisation's latest request, pending or decided (the editor shows a pending one or the last rejection). */
export async function getLatestIdentityChange(db: DB, orgId: string): Promise<OrganizationIdentityChange | null> {
  if (!isUuid(orgId)) return null;
  return (
    (await db
      .selectFrom("organization_identity_changes")
      .selectAll()
      .where("organization_id", "=", orgId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst()) ?? null
  );
}

/** A request as the pages show it (dates formatted by the caller's helper). */
export function identityChangeView(change: OrganizationIdentityChange, formatAt: (d: Date) => string) {
  return {
    id: change.id,
    createdAt: formatAt(change.created_at),
    before: { name: change.old_name, creditCode: change.old_credit_code, kind: change.old_kind },
    after: { name: change.new_name, creditCode: change.new_credit_code, kind: change.new_kind },
  };
}
