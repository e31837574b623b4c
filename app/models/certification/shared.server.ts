import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema.ts";
import type { Actor } from "../policy.server.ts";
import type { RefusalTable } from "../../domain/refusal.ts";

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

export type CertificationRefusal =
  | "notFound"
  | "notVerified"
  | "kindNotAllowed"
  | "noRubric"
  | "unknownType"
  | "alreadyOpen"
  | "notEditable"
  | "incomplete"
  | "tooMany"
  | "wrongStatus"
  | "full"
  | "alreadyAssigned"
  | "notReviewer"
  | "notAssigned"
  | "alreadyScored"
  | "reviewsMissing"
  | "noticeRunning"
  | "objectionsOpen"
  | "alreadyRevoked"
  | "alreadyHandled"
  | "noticeNotRunning"
  | "exists"
  | "weights";

export const certificationRefusals = {
  notFound: { kind: "notFound", message: "certification.error.notFound" },
  notVerified: { kind: "forbidden", message: "certification.error.notVerified" },
  kindNotAllowed: { kind: "forbidden", message: "certification.error.kindNotAllowed" },
  noRubric: { kind: "conflict", message: "certification.error.noRubric" },
  unknownType: { kind: "invalid", message: "certification.error.unknownType", field: "typeCode" },
  alreadyOpen: { kind: "conflict", message: "certification.error.alreadyOpen" },
  notEditable: { kind: "conflict", message: "certification.error.notEditable" },
  incomplete: { kind: "invalid", message: "certification.error.incomplete" },
  tooMany: { kind: "conflict", message: "certification.error.tooMany" },
  wrongStatus: { kind: "conflict", message: "certification.error.wrongStatus" },
  full: { kind: "conflict", message: "certification.error.full" },
  alreadyAssigned: { kind: "conflict", message: "certification.error.alreadyAssigned" },
  notReviewer: { kind: "conflict", message: "certification.error.notReviewer" },
  notAssigned: { kind: "conflict", message: "certification.error.notAssigned" },
  alreadyScored: { kind: "conflict", message: "certification.error.alreadyScored" },
  reviewsMissing: { kind: "conflict", message: "certification.error.reviewsMissing" },
  noticeRunning: { kind: "conflict", message: "certification.error.noticeRunning" },
  objectionsOpen: { kind: "conflict", message: "certification.error.objectionsOpen" },
  alreadyRevoked: { kind: "conflict", message: "certification.error.alreadyRevoked" },
  alreadyHandled: { kind: "conflict", message: "certification.error.alreadyHandled" },
  noticeNotRunning: { kind: "conflict", message: "certification.objection.notRunning" },
  exists: { kind: "invalid", message: "certification.error.exists", field: "code" },
  weights: { kind: "invalid", message: "certification.error.weights" },
} satisfies RefusalTable<CertificationRefusal>;
