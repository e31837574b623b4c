import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { CertificationObjection, ObjectionStatus } from "../../../db/schema-certification.ts";
import { createTranslator } from "../../i18n/translate.ts";
import { normalizeObjectionContact, type ObjectionInput, type ObjectionLookupInput } from "../../schemas/certification.ts";
import { audit } from "../audit.server.ts";
import { type Meta, lockApplication } from "./shared.server.ts";
import { notify, notifyPlatformAdmins } from "../notification.server.ts";
import type { Actor } from "../policy.server.ts";
import { roleCan } from "../../domain/permissions.ts";
import { isUuid } from "../../schemas/ids.ts";
import { refused, type RefusalTable, type Refused, type Result } from "../../domain/refusal.ts";
import { hitRateLimit } from "../rate-limit.server.ts";
import { inTransaction } from "../../../db/client.ts";

// Objections (异议) to a public notice. Anyone may file one while the notice runs; while any is open the
// certificate is not issued (issueCertificate checks). An administrator dismisses it (异议不成立) or upholds
// it (异议成立), which rejects the application and ends the notice.

/** A running notice that can take objections: its application, organisation and type. */
export async function objectableNotice(db: DB, applicationId: string, now: Date = new Date()) {
  if (!isUuid(applicationId)) return null;
  return (
    (await db
      .selectFrom("certification_notices as n")
      .innerJoin("certification_applications as a", "a.id", "n.application_id")
      .innerJoin("organizations as o", "o.id", "n.organization_id")
      .innerJoin("certification_types as t", "t.code", "n.type_code")
      .select(["a.id as applicationId", "o.id as organizationId", "o.name as organizationName", "t.name as typeName", "n.starts_at as startsAt", "n.ends_at as endsAt"])
      .where("n.application_id", "=", applicationId)
      .where("a.status", "=", "approved")
      .where("n.ends_at", ">", now)
      .executeTakeFirst()) ?? null
  );
}

export async function fileObjection(
  db: DB,
  applicationId: string,
  input: ObjectionInput,
  meta: Meta = {},
  now: Date = new Date(),
): Promise<{ ok: true; objectionId: string } | Refused<"noticeNotRunning">> {
  return inTransaction(db, async (trx) => {
    // The application row lock orders this against a decision or issuance running at the same moment.
    const locked = isUuid(applicationId)
      ? await trx.selectFrom("certification_applications").select("id").where("id", "=", applicationId).forUpdate().executeTakeFirst()
      : undefined;
    const notice = locked ? await objectableNotice(trx, applicationId, now) : null;
    if (!notice) return refused("noticeNotRunning");
    const row = await trx
      .insertInto("certification_objections")
      .values({
        application_id: applicationId,
        objector_name: input.name,
        objector_organization: input.organization ?? null,
        objector_contact: input.contact,
        content: input.content,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The objector's identity stays in the objection row; the audit trail records only that one was filed.
    await audit(trx, {
      action: "certification.objection.file",
      outcome: "success",
      actorLabel: "public",
      organizationId: notice.organizationId,
      targetType: "certification_objection",
      targetId: row.id,
      ip: meta.ip ?? null,
      detail: { applicationId },
    });
    await notifyPlatformAdmins(trx, {
      kind: "certification.objection",
      title: "certification.notify.objectionFiled",
      params: { organization: notice.organizationName, type: notice.typeName },
      link: `/admin/certification/${applicationId}`,
    });
    // The applicant learns that the certificate waits, not who objected or what was said.
    await notify(trx, { organizationId: notice.organizationId }, {
      kind: "certification.objection",
      title: "certification.notify.objectionToApplicant",
      body: "certification.notify.objectionToApplicantBody",
      params: { type: notice.typeName },
      link: `/certification/applications/${applicationId}`,
    });
    return { ok: true as const, objectionId: row.id };
  });
}

export type ObjectionRow = CertificationObjection & { handledByName: string | null };

export async function objectionsOf(db: DB, applicationId: string): Promise<ObjectionRow[]> {
  if (!isUuid(applicationId)) return [];
  return db
    .selectFrom("certification_objections as o")
    .leftJoin("users as u", "u.id", "o.handled_by")
    .selectAll("o")
    .select("u.name as handledByName")
    .where("o.application_id", "=", applicationId)
    .orderBy("o.created_at")
    .execute();
}

export async function openObjectionCount(db: DB, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom("certification_objections")
    .select(sql<number>`count(*)`.as("n"))
    .where("application_id", "=", applicationId)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type HandleObjectionError = "notFound" | "alreadyHandled";

export async function handleObjection(
  db: DB,
  actor: Actor,
  applicationId: string,
  input: { objectionId: string; handling: "dismiss" | "uphold"; note: string },
  meta: Meta = {},
  now: Date = new Date(),
): Promise<{ ok: true } | Refused<HandleObjectionError>> {
  if (!roleCan(actor.user.platform_role, "certification:decide")) throw new Error("only platform administrators handle objections");
  if (!input.note?.trim()) throw new Error("handling an objection needs a note");
  if (!isUuid(applicationId) || !isUuid(input.objectionId)) return refused("notFound");
  return inTransaction(db, async (trx) => {
    const app = await lockApplication(trx, applicationId);
    const objection = app
      ? await trx
          .selectFrom("certification_objections")
          .selectAll()
          .where("id", "=", input.objectionId)
          .where("application_id", "=", applicationId)
          .executeTakeFirst()
      : undefined;
    if (!app || !objection) return refused("notFound");
    if (objection.status !== "open") return refused("alreadyHandled");
    const status: ObjectionStatus = input.handling === "uphold" ? "upheld" : "dismissed";
    await trx
      .updateTable("certification_objections")
      .set({ status, handling_note: input.note, handled_by: actor.user.id, handled_at: now })
      .where("id", "=", objection.id)
      .execute();
    await audit(trx, {
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      ip: meta.ip ?? null,
      organizationId: app.organization_id,
      action: `certification.objection.${input.handling}`,
      outcome: "success",
      targetType: "certification_objection",
      targetId: objection.id,
      detail: { applicationId, note: input.note },
    });
    // Upholding withdraws the approval, whatever the state of other objections; the certificate is never issued.
    if (input.handling === "uphold" && app.status === "approved") {
      const reason = createTranslator()("certification.objections.upheldReason", { note: input.note });
      await trx
        .updateTable("certification_applications")
        .set({ status: "rejected", decision_reason: reason, decided_at: now, updated_at: sql`now()` })
        .where("id", "=", applicationId)
        .execute();
      await trx.insertInto("certification_decisions").values({ application_id: applicationId, decision: "reject", reason, decided_by: actor.user.id }).execute();
      await trx.updateTable("certification_notices").set({ ends_at: now }).where("application_id", "=", applicationId).where("ends_at", ">", now).execute();
      await audit(trx, {
        actorUserId: actor.user.id,
        actorLabel: actor.user.email,
        ip: meta.ip ?? null,
        organizationId: app.organization_id,
        action: "certification.reject",
        outcome: "success",
        targetType: "certification_application",
        targetId: applicationId,
        detail: { reason, typeCode: app.type_code, round: app.round, objectionId: objection.id },
      });
      const type = await trx.selectFrom("certification_types").select("name").where("code", "=", app.type_code).executeTakeFirstOrThrow();
      await notify(trx, { organizationId: app.organization_id }, {
        kind: "certification.reject",
        title: "certification.notify.rejected",
        body: "certification.notify.reasonBody",
        params: { type: type.name, reason },
        link: `/certification/applications/${applicationId}`,
      });
    }
    return { ok: true as const };
  });
}

export interface ObjectionLookup {
  reference: string;
  organizationName: string;
  typeName: string;
  status: ObjectionStatus;
  filedAt: Date;
  handledAt: Date | null;
  reply: string | null;
}

/**
 * The objector's own look-up: the 受理编号 (the id's first eight hex digits) and the contact given in the objection.
 * A wrong number and a wrong contact both answer null, so a guess learns nothing about which was wrong. Only what the
 * objector may know comes back: the status and the reply, not who handled it.
 */
async function findObjection(db: DB, input: ObjectionLookupInput): Promise<ObjectionLookup | null> {
  const prefix = input.reference.toLowerCase();
  if (!/^[0-9a-f]{8}$/.test(prefix)) return null;
  const rows = await db
    .selectFrom("certification_objections as o")
    .innerJoin("certification_applications as a", "a.id", "o.application_id")
    .innerJoin("organizations as org", "org.id", "a.organization_id")
    .innerJoin("certification_types as t", "t.code", "a.type_code")
    .select(["o.id", "o.objector_contact", "o.status", "o.created_at", "o.handled_at", "o.handling_note", "org.name as organizationName", "t.name as typeName"])
    .where(sql<boolean>`left(o.id::text, 8) = ${prefix}`)
    .limit(20)
    .execute();
  const given = normalizeObjectionContact(input.contact);
  const row = rows.find((r) => normalizeObjectionContact(r.objector_contact) === given);
  if (!row) return null;
  return {
    reference: row.id.slice(0, 8).toUpperCase(),
    organizationName: row.organizationName,
    typeName: row.typeName,
    status: row.status,
    filedAt: row.created_at,
    handledAt: row.handled_at,
    reply: row.status === "open" ? null : row.handling_note,
  };
}

/** Look-ups per client address, and per 受理编号 (so guesses at one objection's contact spread over addresses still stop). */
export const OBJECTION_LOOKUP_LIMITS = { perAddress: 10, perReference: 10, windowSeconds: 15 * 60 } as const;

export type ObjectionLookupRefusal = "noMatch" | "tooMany";

export const objectionLookupRefusals = {
  // The same answer for a number that does not exist and a contact that does not match.
  noMatch: { kind: "invalid", message: "certification.lookup.notFound" },
  tooMany: { kind: "tooMany", message: "certification.lookup.rateLimited" },
} satisfies RefusalTable<ObjectionLookupRefusal>;

/** The public look-up: rate-limited, then the objection if the number and the contact both match. */
export async function lookupObjection(
  db: DB,
  input: ObjectionLookupInput,
  meta: { ip: string },
  now: Date = new Date(),
): Promise<Result<{ objection: ObjectionLookup }, ObjectionLookupRefusal>> {
  const { perAddress, perReference, windowSeconds } = OBJECTION_LOOKUP_LIMITS;
  const [byAddress, byReference] = [
    await hitRateLimit(db, `objection-lookup:ip:${meta.ip}`, perAddress, windowSeconds, now),
    await hitRateLimit(db, `objection-lookup:ref:${input.reference}`, perReference, windowSeconds, now),
  ];
  const blocked = [byAddress, byReference].filter((l) => !l.allowed);
  if (blocked.length) {
    const seconds = Math.max(...blocked.map((l) => l.retryAfterSeconds));
    return refused("tooMany", { vars: { minutes: Math.max(1, Math.ceil(seconds / 60)) } });
  }
  const objection = await findObjection(db, input);
  return objection ? { ok: true as const, objection } : refused("noMatch");
}
