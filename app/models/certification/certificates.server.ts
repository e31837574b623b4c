import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { ApplicationStatus, Certificate, DecisionKind } from "../../../db/schema-certification.ts";
import type { MessageKey } from "../../i18n/zh-CN.ts";
import { enqueueOrganizationAndListings } from "../../../search/outbox.ts";
import { addDays, dayjs, formatDateTime, todayInChina } from "../../utils/dates.ts";
import { audit } from "../audit.server.ts";
import { notify } from "../notification.server.ts";
import type { Actor } from "../policy.server.ts";
import { reviewStatuses } from "./reviews.server.ts";
import { actorFields, EXPIRY_NOTICE_DAYS, type Meta, REVIEWERS_PER_APPLICATION, lockApplication } from "./shared.server.ts";
import { isUuid } from "../../schemas/ids.ts";
import { refused, type Refused } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";

// Decisions with reasons, the public notice (公示), certificates with revocation and expiry, and where they show.

export type DecideError = "notFound" | "wrongStatus" | "reviewsMissing";

export async function decide(
  db: DB,
  actor: Actor,
  applicationId: string,
  input: { intent: "approve" | "reject" | "return"; reason: string },
  meta: Meta = {},
  now: Date = new Date(),
): Promise<{ ok: true } | Refused<DecideError>> {
  if (!isUuid(applicationId)) return refused("notFound");
  if (!input.reason?.trim()) throw new Error("a decision needs a reason");
  return inTransaction(db, async (trx) => {
    const app = await lockApplication(trx, applicationId);
    if (!app) return refused("notFound");
    if (!reviewStatuses.includes(app.status)) return refused("wrongStatus");
    if (input.intent === "approve") {
      const done = await trx
        .selectFrom("certification_reviews")
        .select(sql<number>`count(distinct reviewer_id)`.as("n"))
        .where("application_id", "=", applicationId)
        .where("round", "=", app.round)
        .where("submitted_at", "is not", null)
        .executeTakeFirstOrThrow();
      if (Number(done.n) < REVIEWERS_PER_APPLICATION) return refused("reviewsMissing");
    }
    const status: ApplicationStatus = input.intent === "approve" ? "approved" : input.intent === "reject" ? "rejected" : "returned";
    const type = (await trx.selectFrom("certification_types").selectAll().where("code", "=", app.type_code).executeTakeFirst())!;
    await trx
      .updateTable("certification_applications")
      .set({
        status,
        decision_reason: input.reason,
        decided_at: now,
        updated_at: sql`now()`,
        // A returned application is reviewed afresh once resubmitted.
        ...(input.intent === "return" ? { round: app.round + 1 } : {}),
      })
      .where("id", "=", applicationId)
      .execute();
    await trx
      .insertInto("certification_decisions")
      .values({ application_id: applicationId, decision: input.intent as DecisionKind, reason: input.reason, decided_by: actor.user.id })
      .execute();
    let noticeEnds: Date | null = null;
    if (input.intent === "approve") {
      noticeEnds = new Date(now.getTime() + type.notice_days * 86_400_000);
      await trx
        .insertInto("certification_notices")
        .values({ application_id: applicationId, organization_id: app.organization_id, type_code: app.type_code, starts_at: now, ends_at: noticeEnds })
        .onConflict((oc) => oc.column("application_id").doUpdateSet({ starts_at: now, ends_at: noticeEnds! }))
        .execute();
    }
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: app.organization_id,
      action: `certification.${input.intent}`,
      outcome: "success",
      targetType: "certification_application",
      targetId: applicationId,
      detail: { reason: input.reason, typeCode: app.type_code, round: app.round, ...(noticeEnds ? { noticeEnds: noticeEnds.toISOString() } : {}) },
    });
    const titles: Record<typeof input.intent, MessageKey> = {
      approve: "certification.notify.approved",
      reject: "certification.notify.rejected",
      return: "certification.notify.returned",
    };
    await notify(trx, { organizationId: app.organization_id }, {
      kind: `certification.${input.intent}`,
      title: titles[input.intent],
      body: "certification.notify.reasonBody",
      params: { type: type.name, reason: input.reason, days: type.notice_days },
      link: `/certification/applications/${applicationId}`,
    });
    return { ok: true as const };
  });
}

function addYears(isoDate: string, years: number): string {
  return dayjs.utc(isoDate).add(years, "year").format("YYYY-MM-DD");
}

export type IssueError = "notFound" | "wrongStatus" | "noticeRunning" | "objectionsOpen";

/**
 * Issues the certificate of an approved application once its public notice has ended: number HYCJ-<year>-<nnnn>
 * (a counter per year), issued today (China), valid for the type's years. By an administrator, or by the
 * scheduled job (actor null).
 */
export async function issueCertificate(
  db: DB,
  actor: Actor | null,
  applicationId: string,
  meta: Meta = {},
  now: Date = new Date(),
): Promise<{ ok: true; certificate: Certificate } | Refused<IssueError>> {
  if (!isUuid(applicationId)) return refused("notFound");
  return inTransaction(db, async (trx) => {
    const app = await lockApplication(trx, applicationId);
    if (!app) return refused("notFound");
    if (app.status !== "approved") return refused("wrongStatus");
    const notice = await trx.selectFrom("certification_notices").selectAll().where("application_id", "=", applicationId).executeTakeFirst();
    if (notice && notice.ends_at.getTime() > now.getTime()) return refused("noticeRunning", { vars: { endsAt: formatDateTime(notice.ends_at) } });
    const openObjection = await trx
      .selectFrom("certification_objections")
      .select("id")
      .where("application_id", "=", applicationId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (openObjection) return refused("objectionsOpen");
    const type = (await trx.selectFrom("certification_types").selectAll().where("code", "=", app.type_code).executeTakeFirst())!;
    const issuedOn = todayInChina(now);
    const year = Number(issuedOn.slice(0, 4));
    const counter = await trx
      .insertInto("certificate_number_counters")
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column("year").doUpdateSet({ last: sql`certificate_number_counters.last + 1` }))
      .returning("last")
      .executeTakeFirstOrThrow();
    const number = `HYCJ-${year}-${String(counter.last).padStart(4, "0")}`;
    const certificate = await trx
      .insertInto("certificates")
      .values({
        organization_id: app.organization_id,
        type_code: app.type_code,
        application_id: app.id,
        number,
        issued_on: issuedOn,
        valid_until: addYears(issuedOn, type.validity_years),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("certification_applications")
      .set({ status: "certified", updated_at: now })
      .where("id", "=", applicationId)
      .execute();
    await trx.insertInto("certification_decisions").values({ application_id: applicationId, decision: "issue", decided_by: actor?.user.id ?? null }).execute();
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: app.organization_id,
      action: "certification.issue",
      outcome: "success",
      targetType: "certificate",
      targetId: certificate.id,
      detail: { number, typeCode: app.type_code, issuedOn, validUntil: certificate.valid_until, applicationId },
    });
    await notify(trx, { organizationId: app.organization_id }, {
      kind: "certification.issue",
      title: "certification.notify.issued",
      body: "certification.notify.issuedBody",
      params: { type: type.name, number, validUntil: certificate.valid_until },
      link: "/certification/applications",
    });
    await enqueueOrganizationAndListings(trx, app.organization_id);
    return { ok: true as const, certificate };
  });
}

/** The scheduled job: issues every certificate whose notice has ended without an open objection. */
export async function issueDueCertificates(db: DB, now: Date = new Date()): Promise<{ issued: number }> {
  const due = await db
    .selectFrom("certification_applications as a")
    .innerJoin("certification_notices as n", "n.application_id", "a.id")
    .select("a.id")
    .where("a.status", "=", "approved")
    .where("n.ends_at", "<=", now)
    // Held back while an objection is open; an administrator handles it first.
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("certification_objections as x").select("x.id").whereRef("x.application_id", "=", "a.id").where("x.status", "=", "open")),
      ),
    )
    .limit(100)
    .execute();
  let issued = 0;
  for (const { id } of due) {
    const result = await issueCertificate(db, null, id, {}, now);
    if (result.ok) issued++;
  }
  return { issued };
}

export async function revokeCertificate(
  db: DB,
  actor: Actor,
  certificateId: string,
  reason: string,
  meta: Meta = {},
): Promise<{ ok: true } | Refused<"notFound" | "alreadyRevoked">> {
  if (!isUuid(certificateId)) return refused("notFound");
  if (!reason?.trim()) throw new Error("a revocation needs a reason");
  return inTransaction(db, async (trx) => {
    const cert = await trx.selectFrom("certificates").selectAll().where("id", "=", certificateId).forUpdate().executeTakeFirst();
    if (!cert) return refused("notFound");
    if (cert.revoked_at) return refused("alreadyRevoked");
    await trx
      .updateTable("certificates")
      .set({ revoked_at: sql`now()`, revoke_reason: reason, revoked_by: actor.user.id })
      .where("id", "=", certificateId)
      .execute();
    if (cert.application_id) {
      await trx
        .insertInto("certification_decisions")
        .values({ application_id: cert.application_id, decision: "revoke", reason, decided_by: actor.user.id })
        .execute();
    }
    const type = await trx.selectFrom("certification_types").select("name").where("code", "=", cert.type_code).executeTakeFirst();
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: cert.organization_id,
      action: "certification.revoke",
      outcome: "success",
      targetType: "certificate",
      targetId: certificateId,
      detail: { number: cert.number, reason },
    });
    await notify(trx, { organizationId: cert.organization_id }, {
      kind: "certification.revoke",
      title: "certification.notify.revoked",
      body: "certification.notify.reasonBody",
      params: { type: type?.name ?? cert.type_code, number: cert.number, reason, days: 0 },
      link: "/certification/applications",
    });
    await enqueueOrganizationAndListings(trx, cert.organization_id);
    return { ok: true as const };
  });
}

/**
 * The daily expiry job: holders are told once, 60 days before a certificate expires; a certificate that has
 * expired is re-indexed once (its badge and the search facet go).
 */
export async function certificateExpiryJob(db: DB, today?: string, now: Date = new Date()): Promise<{ reminded: number; expired: number }> {
  today ??= todayInChina(now);
  const horizon = addDays(today, EXPIRY_NOTICE_DAYS);
  let reminded = 0;
  let expired = 0;
  await inTransaction(db, async (trx) => {
    const soon = await trx
      .selectFrom("certificates as c")
      .innerJoin("certification_types as t", "t.code", "c.type_code")
      .select(["c.id", "c.organization_id", "c.number", "c.valid_until", "t.name"])
      .where("c.revoked_at", "is", null)
      .where("c.expiry_notified_at", "is", null)
      .where("c.valid_until", ">=", today)
      .where("c.valid_until", "<=", horizon)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const cert of soon) {
      await notify(trx, { organizationId: cert.organization_id }, {
        kind: "certification.expiring",
        title: "certification.notify.expiring",
        body: "certification.notify.expiringBody",
        params: { type: cert.name, number: cert.number, validUntil: cert.valid_until },
        link: "/certification/apply",
      });
      await trx.updateTable("certificates").set({ expiry_notified_at: now }).where("id", "=", cert.id).execute();
      reminded++;
    }
    const gone = await trx
      .selectFrom("certificates")
      .select(["id", "organization_id"])
      .where("valid_until", "<", today)
      .where("expiry_indexed_at", "is", null)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const cert of gone) {
      await enqueueOrganizationAndListings(trx, cert.organization_id);
      await trx.updateTable("certificates").set({ expiry_indexed_at: now }).where("id", "=", cert.id).execute();
      expired++;
    }
  });
  return { reminded, expired };
}
