import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema.ts";
import type { Actor } from "../policy.server.ts";

// Certification of integration enterprises (plan task 46): types and versioned rubrics, applications
// with evidence (platform figures + the applicant's own, frozen at submission), two independent blind reviews,
// decisions with reasons, public notice (公示), certificates, revocation, expiry reminders, and the
// education-surcharge credit history (task 48). Routes guard first (app/models/policy.server.ts); functions
// here check the state machine again and scope every read of an application to its organisation.
// One module per concept in this folder: rubrics, applications (with their files), reviews, certificates
// (decisions, notices, certificates), credit, evidence (platform figures) and objections; this one holds
// what they share.

export interface Meta {
  ip?: string | null;
}


/** Difference between the two reviewers' scores on a criterion at or above this share of its weight is highlighted. */
export const DIFFERENCE_SHARE = 0.2;
export const REVIEWERS_PER_APPLICATION = 2;
export const EXPIRY_NOTICE_DAYS = 60;

export const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
export const actorFields = (actor: Actor | null, meta: Meta = {}) => ({
  actorUserId: actor?.user.id ?? null,
  actorLabel: actor ? actor.user.email : "system",
  ip: meta.ip ?? null,
});

/** An application row, locked for the rest of the transaction so two decisions about it run one after the other. */
export function lockApplication(trx: Transaction<Database>, id: string) {
  return trx.selectFrom("certification_applications").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}
