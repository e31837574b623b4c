import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type {
  ApplicationStatus,
  CertificationApplication,
  CertificationRubric,
  CertificationType,
  Certificate,
  CriterionEvidence,
  DecisionKind,
  RubricCriterion,
} from "../../db/schema-certification.ts";
import type { Organization } from "../../db/schema.ts";
import { computeCreditHistory, type CreditYearResult } from "../domain/surcharge-credit.ts";
import type { MessageKey } from "../i18n/zh-CN.ts";
import { enqueueOrganizationAndListings } from "../../search/outbox.ts";
import { addDays, dayjs, todayInChina } from "../utils/dates.ts";
import { audit } from "./audit.server.ts";
import { platformFigures, type PlatformFigures } from "./certification-evidence.server.ts";
import { notify } from "./notification.server.ts";
import type { Actor } from "./policy.server.ts";
import { containsPattern } from "../utils/like-pattern.ts";

// Certification of integration enterprises (plan task 46): types and versioned rubrics, applications
// with evidence (platform figures + the applicant's own, frozen at submission), two independent blind reviews,
// decisions with reasons, public notice (公示), certificates, revocation, expiry reminders, and the
// education-surcharge credit history (task 48). Routes guard first (app/models/policy.server.ts); functions
// here check the state machine again and scope every read of an application to its organisation.

export interface Meta {
  ip?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

/** Difference between the two reviewers' scores on a criterion at or above this share of its weight is highlighted. */
export const DIFFERENCE_SHARE = 0.2;
export const REVIEWERS_PER_APPLICATION = 2;
export const EXPIRY_NOTICE_DAYS = 60;

const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
const actorFields = (actor: Actor | null, meta: Meta = {}) => ({
  actorUserId: actor?.user.id ?? null,
  actorLabel: actor ? actor.user.email : "system",
  ip: meta.ip ?? null,
});

// ---------------------------------------------------------------------------------------------------------
// Types and rubrics

export type Rubric = Omit<CertificationRubric, "criteria"> & { criteria: RubricCriterion[] };
export type TypeWithRubric = CertificationType & { rubric: Rubric | null };

function rubricOf(row: CertificationRubric): Rubric {
  return { ...row, criteria: json<RubricCriterion[]>(row.criteria) };
}

export async function latestRubric(db: DB, typeCode: string): Promise<Rubric | null> {
  const row = await db
    .selectFrom("certification_rubrics")
    .selectAll()
    .where("type_code", "=", typeCode)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? rubricOf(row) : null;
}

export async function getRubric(db: DB, id: string): Promise<Rubric | null> {
  const row = await db.selectFrom("certification_rubrics").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rubricOf(row) : null;
}

export async function listTypes(db: DB): Promise<TypeWithRubric[]> {
  const types = await db.selectFrom("certification_types").selectAll().orderBy("sort").orderBy("code").execute();
  return Promise.all(types.map(async (t) => ({ ...t, rubric: await latestRubric(db, t.code) })));
}

export async function getType(db: DB, code: string): Promise<CertificationType | null> {
  return (await db.selectFrom("certification_types").selectAll().where("code", "=", code).executeTakeFirst()) ?? null;
}

export interface TypeSettings {
  name: string;
  validityYears: number;
  noticeDays: number;
  applicantKinds: string[];
}

export async function createType(
  db: DB,
  actor: Actor,
  input: TypeSettings & { code: string },
  meta: Meta = {},
): Promise<{ ok: true } | { ok: false; error: "exists" }> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("certification_types")
      .values({
        code: input.code,
        name: input.name,
        validity_years: input.validityYears,
        notice_days: input.noticeDays,
        applicant_kinds: input.applicantKinds,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("code")
      .executeTakeFirst();
    if (!inserted) return { ok: false as const, error: "exists" as const };
    await audit(trx, {
      ...actorFields(actor, meta),
      action: "certification.type.create",
      outcome: "success",
      targetType: "certification_type",
      targetId: input.code,
      detail: { ...input },
    });
    return { ok: true as const };
  });
}

export async function updateType(db: DB, actor: Actor, code: string, input: TypeSettings, meta: Meta = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("certification_types").selectAll().where("code", "=", code).forUpdate().executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable("certification_types")
      .set({
        name: input.name,
        validity_years: input.validityYears,
        notice_days: input.noticeDays,
        applicant_kinds: input.applicantKinds,
        updated_at: sql`now()`,
      })
      .where("code", "=", code)
      .execute();
    await audit(trx, {
      ...actorFields(actor, meta),
      action: "certification.type.update",
      outcome: "success",
      targetType: "certification_type",
      targetId: code,
      detail: {
        before: { name: before.name, validityYears: before.validity_years, noticeDays: before.notice_days, applicantKinds: before.applicant_kinds },
        after: { ...input },
      },
    });
    return true;
  });
}

export async function createRubricVersion(
  db: DB,
  actor: Actor,
  typeCode: string,
  input: { passMark: number; criteria: RubricCriterion[] },
  meta: Meta = {},
): Promise<{ ok: true; version: number } | { ok: false; error: "notFound" | "weights" }> {
  if (input.criteria.reduce((s, c) => s + c.weight, 0) !== 100) return { ok: false, error: "weights" };
  return db.transaction().execute(async (trx) => {
    const type = await trx.selectFrom("certification_types").select("code").where("code", "=", typeCode).forUpdate().executeTakeFirst();
    if (!type) return { ok: false as const, error: "notFound" as const };
    const last = await trx
      .selectFrom("certification_rubrics")
      .select(sql<number>`coalesce(max(version), 0)`.as("v"))
      .where("type_code", "=", typeCode)
      .executeTakeFirstOrThrow();
    const version = Number(last.v) + 1;
    const row = await trx
      .insertInto("certification_rubrics")
      .values({
        type_code: typeCode,
        version,
        pass_mark: input.passMark,
        criteria: JSON.stringify(input.criteria),
        created_by: actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      ...actorFields(actor, meta),
      action: "certification.rubric.create",
      outcome: "success",
      targetType: "certification_rubric",
      targetId: row.id,
      detail: { typeCode, version, passMark: input.passMark, criteria: input.criteria.map((c) => ({ key: c.key, weight: c.weight })) },
    });
    return { ok: true as const, version };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Applications

export type ApplicationRow = Omit<CertificationApplication, "evidence" | "frozen_evidence"> & {
  evidence: Record<string, CriterionEvidence>;
  frozen_evidence: FrozenEvidence | null;
};

export interface FrozenEvidence {
  submittedAt: string;
  rubricVersion: number;
  passMark: number;
  criteria: RubricCriterion[];
  platform: PlatformFigures;
  applicant: Record<string, CriterionEvidence>;
  files: Array<{ id: string; criterionKey: string; fileName: string; sizeBytes: number; sha256: string }>;
}

function applicationOf(row: CertificationApplication): ApplicationRow {
  return {
    ...row,
    evidence: json<Record<string, CriterionEvidence>>(row.evidence) ?? {},
    frozen_evidence: row.frozen_evidence ? json<FrozenEvidence>(row.frozen_evidence) : null,
  };
}

export const editableStatuses: ApplicationStatus[] = ["draft", "returned"];
export const isEditable = (status: ApplicationStatus) => editableStatuses.includes(status);

export type CreateApplicationError = "notVerified" | "kindNotAllowed" | "noRubric" | "unknownType" | "alreadyOpen";

export async function createApplication(
  db: DB,
  actor: Actor & { organization: Organization },
  typeCode: string,
  meta: Meta = {},
): Promise<{ ok: true; id: string } | { ok: false; error: CreateApplicationError; id?: string }> {
  const organization = actor.organization;
  if (organization.status !== "verified") return { ok: false, error: "notVerified" };
  const type = await getType(db, typeCode);
  if (!type) return { ok: false, error: "unknownType" };
  if (type.applicant_kinds.length > 0 && !type.applicant_kinds.includes(organization.kind)) return { ok: false, error: "kindNotAllowed" };
  const rubric = await latestRubric(db, typeCode);
  if (!rubric) return { ok: false, error: "noRubric" };
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("certification_applications")
      .select("id")
      .where("organization_id", "=", organization.id)
      .where("type_code", "=", typeCode)
      .where("status", "not in", ["rejected", "certified"])
      .executeTakeFirst();
    if (open) return { ok: false as const, error: "alreadyOpen" as const, id: open.id };
    const row = await trx
      .insertInto("certification_applications")
      .values({
        organization_id: organization.id,
        type_code: typeCode,
        rubric_id: rubric.id,
        evidence: "{}",
        created_by: actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: organization.id,
      action: "certification.apply",
      outcome: "success",
      targetType: "certification_application",
      targetId: row.id,
      detail: { typeCode, rubricVersion: rubric.version },
    });
    return { ok: true as const, id: row.id };
  });
}

/** An application of one organisation; null when unknown or another organisation's (the route answers 404). */
export async function getApplicationForOrg(db: DB, organizationId: string, id: string): Promise<ApplicationRow | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom("certification_applications")
    .selectAll()
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return row ? applicationOf(row) : null;
}

/** Any application, for platform staff only (routes guard with requirePlatformRole first). */
export async function getApplication(db: DB, id: string): Promise<ApplicationRow | null> {
  if (!isUuid(id)) return null;
  const row = await db.selectFrom("certification_applications").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? applicationOf(row) : null;
}

export interface ApplicationListItem {
  id: string;
  typeCode: string;
  typeName: string;
  status: ApplicationStatus;
  organizationId: string;
  organizationName: string;
  submittedAt: Date | null;
  updatedAt: Date;
  reviewsDone: number;
  reviewers: number;
}

function applicationList(db: DB) {
  return db
    .selectFrom("certification_applications as a")
    .innerJoin("certification_types as t", "t.code", "a.type_code")
    .innerJoin("organizations as o", "o.id", "a.organization_id")
    .select([
      "a.id",
      "a.type_code as typeCode",
      "t.name as typeName",
      "a.status",
      "a.organization_id as organizationId",
      "o.name as organizationName",
      "a.submitted_at as submittedAt",
      "a.updated_at as updatedAt",
      sql<number>`(select count(*) from certification_reviews r where r.application_id = a.id and r.round = a.round and r.submitted_at is not null)`.as(
        "reviewsDone",
      ),
      sql<number>`(select count(*) from certification_reviews r where r.application_id = a.id and r.round = a.round)`.as("reviewers"),
    ]);
}

const listItem = (r: ApplicationListItem) => ({ ...r, reviewsDone: Number(r.reviewsDone), reviewers: Number(r.reviewers) });

export async function listApplicationsForOrg(db: DB, organizationId: string): Promise<ApplicationListItem[]> {
  const rows = await applicationList(db).where("a.organization_id", "=", organizationId).orderBy("a.created_at", "desc").execute();
  return rows.map(listItem);
}

/** The review queue: everything submitted, by default the applications still waiting for a decision or certificate. */
export async function listApplicationsForStaff(db: DB, status: ApplicationStatus | "open" | "all" = "open"): Promise<ApplicationListItem[]> {
  let query = applicationList(db).where("a.status", "<>", "draft");
  if (status === "open") query = query.where("a.status", "in", ["submitted", "under_review", "approved"]);
  else if (status !== "all") query = query.where("a.status", "=", status);
  const rows = await query.orderBy("a.submitted_at", "asc").limit(500).execute();
  return rows.map(listItem);
}

export async function saveEvidence(
  db: DB,
  actor: Actor,
  application: ApplicationRow,
  evidence: Record<string, CriterionEvidence>,
): Promise<{ ok: true } | { ok: false; error: "notEditable" }> {
  if (!isEditable(application.status)) return { ok: false, error: "notEditable" };
  const result = await db
    .updateTable("certification_applications")
    .set({ evidence: JSON.stringify(evidence), updated_at: sql`now()` })
    .where("id", "=", application.id)
    .where("status", "in", editableStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) ? { ok: true } : { ok: false, error: "notEditable" };
}

export interface FileInfo {
  id: string;
  criterionKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

export async function listFiles(db: DB, applicationId: string): Promise<FileInfo[]> {
  return db
    .selectFrom("certification_files")
    .select([
      "id",
      "criterion_key as criterionKey",
      "file_name as fileName",
      "content_type as contentType",
      "size_bytes as sizeBytes",
      "sha256",
      "created_at as createdAt",
    ])
    .where("application_id", "=", applicationId)
    .orderBy("created_at")
    .execute();
}

export const MAX_FILES_PER_APPLICATION = 30;

export async function addFile(
  db: DB,
  actor: Actor,
  application: ApplicationRow,
  file: { criterionKey: string; fileName: string; contentType: string; content: Buffer },
): Promise<{ ok: true; id: string } | { ok: false; error: "notEditable" | "tooMany" }> {
  if (!isEditable(application.status)) return { ok: false, error: "notEditable" };
  return db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom("certification_applications")
      .select("status")
      .where("id", "=", application.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!isEditable(locked.status)) return { ok: false as const, error: "notEditable" as const };
    const count = await trx
      .selectFrom("certification_files")
      .select(sql<number>`count(*)`.as("n"))
      .where("application_id", "=", application.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_FILES_PER_APPLICATION) return { ok: false as const, error: "tooMany" as const };
    const row = await trx
      .insertInto("certification_files")
      .values({
        application_id: application.id,
        criterion_key: file.criterionKey,
        file_name: file.fileName.replaceAll("\u0000", "").slice(0, 200) || "file",
        content_type: file.contentType,
        size_bytes: file.content.length,
        sha256: crypto.createHash("sha256").update(file.content).digest("hex"),
        content: file.content,
        uploaded_by: actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true as const, id: row.id };
  });
}

export async function deleteFile(db: DB, application: ApplicationRow, fileId: string): Promise<boolean> {
  if (!isEditable(application.status) || !isUuid(fileId)) return false;
  const result = await db
    .deleteFrom("certification_files")
    .where("id", "=", fileId)
    .where("application_id", "=", application.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A file with the organisation its application belongs to (the route decides who may read it). */
export async function getFile(db: DB, fileId: string) {
  if (!isUuid(fileId)) return null;
  return (
    (await db
      .selectFrom("certification_files as f")
      .innerJoin("certification_applications as a", "a.id", "f.application_id")
      .select(["f.id", "f.file_name", "f.content_type", "f.content", "f.size_bytes", "a.organization_id"])
      .where("f.id", "=", fileId)
      .executeTakeFirst()) ?? null
  );
}

/** Submits a draft (or a returned application): the platform figures, the applicant's evidence and the files are frozen. */
export async function submitApplication(
  db: DB,
  actor: Actor,
  application: ApplicationRow,
  meta: Meta = {},
): Promise<{ ok: true } | { ok: false; error: "notEditable" | "incomplete"; missing?: string[] }> {
  if (!isEditable(application.status)) return { ok: false, error: "notEditable" };
  const rubric = (await getRubric(db, application.rubric_id))!;
  const missing = rubric.criteria
    .filter((c) => {
      const e = application.evidence[c.key];
      return !e || (e.value === null && !e.statement);
    })
    .map((c) => c.key);
  if (missing.length) return { ok: false, error: "incomplete", missing };
  const platform = await platformFigures(db, application.organization_id);
  return db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom("certification_applications")
      .select(["status", "evidence"])
      .where("id", "=", application.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!isEditable(locked.status)) return { ok: false as const, error: "notEditable" as const };
    const files = await trx
      .selectFrom("certification_files")
      .select(["id", "criterion_key as criterionKey", "file_name as fileName", "size_bytes as sizeBytes", "sha256"])
      .where("application_id", "=", application.id)
      .orderBy("created_at")
      .execute();
    const frozen: FrozenEvidence = {
      submittedAt: new Date().toISOString(),
      rubricVersion: rubric.version,
      passMark: rubric.pass_mark,
      criteria: rubric.criteria,
      platform,
      applicant: json<Record<string, CriterionEvidence>>(locked.evidence),
      files,
    };
    await trx
      .updateTable("certification_applications")
      .set({
        status: "submitted",
        frozen_evidence: JSON.stringify(frozen),
        submitted_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where("id", "=", application.id)
      .execute();
    await trx.insertInto("certification_decisions").values({ application_id: application.id, decision: "submit", decided_by: actor.user.id }).execute();
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: application.organization_id,
      action: "certification.submit",
      outcome: "success",
      targetType: "certification_application",
      targetId: application.id,
      detail: { round: application.round, files: files.length },
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reviews

export type ReviewError = "notFound" | "wrongStatus" | "full" | "alreadyAssigned" | "notReviewer" | "notAssigned" | "alreadyScored";

const reviewStatuses: ApplicationStatus[] = ["submitted", "under_review"];

/** Assigns a reviewer (an administrator choosing, or a reviewer taking it): two different people per round. */
export async function assignReviewer(
  db: DB,
  actor: Actor,
  applicationId: string,
  reviewerId: string,
  meta: Meta = {},
): Promise<{ ok: true } | { ok: false; error: ReviewError }> {
  if (!isUuid(applicationId) || !isUuid(reviewerId)) return { ok: false, error: "notFound" };
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("certification_applications")
      .select(["id", "status", "round", "organization_id"])
      .where("id", "=", applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return { ok: false as const, error: "notFound" as const };
    if (!reviewStatuses.includes(app.status)) return { ok: false as const, error: "wrongStatus" as const };
    const reviewer = await trx
      .selectFrom("users")
      .select(["id", "email"])
      .where("id", "=", reviewerId)
      .where("status", "=", "active")
      .where("platform_role", "in", ["reviewer", "platform_admin"])
      .executeTakeFirst();
    if (!reviewer) return { ok: false as const, error: "notReviewer" as const };
    const existing = await trx
      .selectFrom("certification_reviews")
      .select("reviewer_id")
      .where("application_id", "=", applicationId)
      .where("round", "=", app.round)
      .execute();
    if (existing.some((r) => r.reviewer_id === reviewerId)) return { ok: false as const, error: "alreadyAssigned" as const };
    if (existing.length >= REVIEWERS_PER_APPLICATION) return { ok: false as const, error: "full" as const };
    await trx
      .insertInto("certification_reviews")
      .values({ application_id: applicationId, round: app.round, reviewer_id: reviewerId, assigned_by: actor.user.id })
      .execute();
    if (app.status === "submitted") {
      await trx
        .updateTable("certification_applications")
        .set({ status: "under_review", updated_at: sql`now()` })
        .where("id", "=", applicationId)
        .execute();
    }
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: app.organization_id,
      action: "certification.reviewer.assign",
      outcome: "success",
      targetType: "certification_application",
      targetId: applicationId,
      detail: { reviewer: reviewer.email, round: app.round, self: reviewerId === actor.user.id },
    });
    return { ok: true as const };
  });
}

export async function submitReview(
  db: DB,
  actor: Actor,
  applicationId: string,
  scores: Record<string, { score: number; comment: string }>,
  meta: Meta = {},
): Promise<{ ok: true } | { ok: false; error: ReviewError }> {
  if (!isUuid(applicationId)) return { ok: false, error: "notFound" };
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("certification_applications")
      .select(["id", "status", "round", "rubric_id", "organization_id"])
      .where("id", "=", applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return { ok: false as const, error: "notFound" as const };
    if (app.status !== "under_review") return { ok: false as const, error: "wrongStatus" as const };
    const review = await trx
      .selectFrom("certification_reviews")
      .select(["id", "submitted_at"])
      .where("application_id", "=", applicationId)
      .where("round", "=", app.round)
      .where("reviewer_id", "=", actor.user.id)
      .executeTakeFirst();
    if (!review) return { ok: false as const, error: "notAssigned" as const };
    if (review.submitted_at) return { ok: false as const, error: "alreadyScored" as const };
    const rubric = (await getRubric(trx, app.rubric_id))!;
    const clean: Record<string, { score: number; comment: string }> = {};
    let total = 0;
    for (const c of rubric.criteria) {
      const s = scores[c.key];
      if (!s || !Number.isInteger(s.score) || s.score < 0 || s.score > c.weight || !s.comment) {
        return { ok: false as const, error: "notFound" as const };
      }
      clean[c.key] = { score: s.score, comment: s.comment };
      total += s.score;
    }
    await trx
      .updateTable("certification_reviews")
      .set({ scores: JSON.stringify(clean), total, submitted_at: sql`now()` })
      .where("id", "=", review.id)
      .execute();
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: app.organization_id,
      action: "certification.review.submit",
      outcome: "success",
      targetType: "certification_application",
      targetId: applicationId,
      detail: { round: app.round, total },
    });
    return { ok: true as const };
  });
}

export interface ReviewView {
  reviewerId: string;
  reviewerName: string;
  mine: boolean;
  submitted: boolean;
  /** Null while blind (another reviewer's, before both are in). */
  scores: Record<string, { score: number; comment: string }> | null;
  total: number | null;
}

export interface ComparisonRow {
  key: string;
  title: string;
  weight: number;
  scores: Array<number | null>;
  difference: number | null;
  highlighted: boolean;
}

export interface ReviewState {
  round: number;
  reviews: ReviewView[];
  allIn: boolean;
  comparison: ComparisonRow[] | null;
  average: number | null;
}

/**
 * The reviews of the current round as one viewer may see them: a reviewer sees the other's scores only once
 * both are in (blind review); so does everyone else.
 */
export async function reviewState(db: DB, application: ApplicationRow, viewerId: string, criteria: RubricCriterion[]): Promise<ReviewState> {
  const rows = await db
    .selectFrom("certification_reviews as r")
    .innerJoin("users as u", "u.id", "r.reviewer_id")
    .select(["r.reviewer_id", "u.name", "r.scores", "r.total", "r.submitted_at"])
    .where("r.application_id", "=", application.id)
    .where("r.round", "=", application.round)
    .orderBy("r.created_at")
    .execute();
  const allIn = rows.length === REVIEWERS_PER_APPLICATION && rows.every((r) => r.submitted_at);
  const reviews: ReviewView[] = rows.map((r) => {
    const mine = r.reviewer_id === viewerId;
    const visible = (allIn || mine) && r.submitted_at;
    return {
      reviewerId: r.reviewer_id,
      reviewerName: r.name,
      mine,
      submitted: !!r.submitted_at,
      scores: visible ? json<Record<string, { score: number; comment: string }>>(r.scores) : null,
      total: visible && r.total !== null ? Number(r.total) : null,
    };
  });
  const comparison = allIn
    ? criteria.map((c) => {
        const scores = reviews.map((r) => r.scores?.[c.key]?.score ?? null);
        const [a, b] = scores;
        const difference = a !== null && b !== null ? Math.abs(a - b) : null;
        return { key: c.key, title: c.title, weight: c.weight, scores, difference, highlighted: difference !== null && difference >= DIFFERENCE_SHARE * c.weight };
      })
    : null;
  const average = allIn ? reviews.reduce((s, r) => s + (r.total ?? 0), 0) / reviews.length : null;
  return { round: application.round, reviews, allIn, comparison, average };
}

export async function listReviewers(db: DB) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "platform_role"])
    .where("status", "=", "active")
    .where("platform_role", "in", ["reviewer", "platform_admin"])
    .orderBy("platform_role", "desc")
    .orderBy("name")
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// Decisions, notices, certificates

export type DecideError = "notFound" | "wrongStatus" | "reviewsMissing";

export async function decide(
  db: DB,
  actor: Actor,
  applicationId: string,
  input: { intent: "approve" | "reject" | "return"; reason: string },
  meta: Meta = {},
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; error: DecideError }> {
  if (!isUuid(applicationId)) return { ok: false, error: "notFound" };
  if (!input.reason?.trim()) throw new Error("a decision needs a reason");
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("certification_applications")
      .selectAll()
      .where("id", "=", applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return { ok: false as const, error: "notFound" as const };
    if (!reviewStatuses.includes(app.status)) return { ok: false as const, error: "wrongStatus" as const };
    if (input.intent === "approve") {
      const done = await trx
        .selectFrom("certification_reviews")
        .select(sql<number>`count(distinct reviewer_id)`.as("n"))
        .where("application_id", "=", applicationId)
        .where("round", "=", app.round)
        .where("submitted_at", "is not", null)
        .executeTakeFirstOrThrow();
      if (Number(done.n) < REVIEWERS_PER_APPLICATION) return { ok: false as const, error: "reviewsMissing" as const };
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
): Promise<{ ok: true; certificate: Certificate } | { ok: false; error: IssueError; endsAt?: Date }> {
  if (!isUuid(applicationId)) return { ok: false, error: "notFound" };
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("certification_applications")
      .selectAll()
      .where("id", "=", applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return { ok: false as const, error: "notFound" as const };
    if (app.status !== "approved") return { ok: false as const, error: "wrongStatus" as const };
    const notice = await trx.selectFrom("certification_notices").selectAll().where("application_id", "=", applicationId).executeTakeFirst();
    if (notice && notice.ends_at.getTime() > now.getTime()) return { ok: false as const, error: "noticeRunning" as const, endsAt: notice.ends_at };
    const openObjection = await trx
      .selectFrom("certification_objections")
      .select("id")
      .where("application_id", "=", applicationId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (openObjection) return { ok: false as const, error: "objectionsOpen" as const };
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
): Promise<{ ok: true } | { ok: false; error: "notFound" | "alreadyRevoked" }> {
  if (!isUuid(certificateId)) return { ok: false, error: "notFound" };
  if (!reason?.trim()) throw new Error("a revocation needs a reason");
  return db.transaction().execute(async (trx) => {
    const cert = await trx.selectFrom("certificates").selectAll().where("id", "=", certificateId).forUpdate().executeTakeFirst();
    if (!cert) return { ok: false as const, error: "notFound" as const };
    if (cert.revoked_at) return { ok: false as const, error: "alreadyRevoked" as const };
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
  await db.transaction().execute(async (trx) => {
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

/** Certificates in force: not revoked, issued and not yet expired (China dates). */
export function currentCertificates(db: DB, today: string = todayInChina()) {
  return db
    .selectFrom("certificates as c")
    .where("c.revoked_at", "is", null)
    .where("c.issued_on", "<=", today)
    .where("c.valid_until", ">=", today);
}

export interface CertificateBadge {
  number: string;
  typeCode: string;
  typeName: string;
  validUntil: string;
}

export async function badgesOf(db: DB, organizationId: string): Promise<CertificateBadge[]> {
  if (!isUuid(organizationId)) return [];
  return currentCertificates(db)
    .innerJoin("certification_types as t", "t.code", "c.type_code")
    .select(["c.number", "c.type_code as typeCode", "t.name as typeName", "c.valid_until as validUntil"])
    .where("c.organization_id", "=", organizationId)
    .orderBy("t.sort")
    .execute();
}

export interface DirectoryEntry {
  id: string;
  number: string;
  typeCode: string;
  typeName: string;
  issuedOn: string;
  validUntil: string;
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  industry: string | null;
}


/** The public directory (认证目录): certificates in force of verified organisations. */
export async function listDirectory(db: DB, filter: { type?: string; industry?: string; q?: string } = {}): Promise<DirectoryEntry[]> {
  let query = currentCertificates(db)
    .innerJoin("certification_types as t", "t.code", "c.type_code")
    .innerJoin("organizations as o", "o.id", "c.organization_id")
    .where("o.status", "=", "verified")
    .select([
      "c.id",
      "c.number",
      "c.type_code as typeCode",
      "t.name as typeName",
      "c.issued_on as issuedOn",
      "c.valid_until as validUntil",
      "o.id as organizationId",
      "o.name as organizationName",
      "o.kind as organizationKind",
      "o.industry",
    ]);
  if (filter.type) query = query.where("c.type_code", "=", filter.type);
  if (filter.industry) query = query.where("o.industry", "=", filter.industry);
  if (filter.q) query = query.where(sql<boolean>`lower(o.name) like lower(${containsPattern(filter.q)})`);
  return query.orderBy("t.sort").orderBy("c.issued_on", "desc").orderBy("c.number").limit(500).execute();
}

export interface NoticeEntry {
  applicationId: string;
  organizationId: string;
  organizationName: string;
  typeName: string;
  startsAt: Date;
  endsAt: Date;
  running: boolean;
}

/** The public notices (公示): running ones and those ended within the last 30 days. */
export async function listNotices(db: DB, now: Date = new Date()): Promise<NoticeEntry[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db
    .selectFrom("certification_notices as n")
    .innerJoin("certification_applications as a", "a.id", "n.application_id")
    .innerJoin("organizations as o", "o.id", "n.organization_id")
    .innerJoin("certification_types as t", "t.code", "n.type_code")
    .select(["n.application_id as applicationId", "o.id as organizationId", "o.name as organizationName", "t.name as typeName", "n.starts_at as startsAt", "n.ends_at as endsAt"])
    .where("a.status", "in", ["approved", "certified"])
    .where("n.ends_at", ">=", since)
    .orderBy("n.starts_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, running: r.endsAt.getTime() > now.getTime() }));
}

export async function certificatesOfOrg(db: DB, organizationId: string) {
  return db
    .selectFrom("certificates as c")
    .innerJoin("certification_types as t", "t.code", "c.type_code")
    .select(["c.id", "c.number", "c.type_code as typeCode", "t.name as typeName", "c.issued_on as issuedOn", "c.valid_until as validUntil", "c.revoked_at as revokedAt", "c.revoke_reason as revokeReason", "c.application_id as applicationId"])
    .where("c.organization_id", "=", organizationId)
    .orderBy("c.issued_on", "desc")
    .execute();
}

export async function certificateOfApplication(db: DB, applicationId: string) {
  return (await db.selectFrom("certificates").selectAll().where("application_id", "=", applicationId).executeTakeFirst()) ?? null;
}

export async function noticeOf(db: DB, applicationId: string) {
  return (await db.selectFrom("certification_notices").selectAll().where("application_id", "=", applicationId).executeTakeFirst()) ?? null;
}

export async function decisionsOf(db: DB, applicationId: string) {
  return db
    .selectFrom("certification_decisions as d")
    .leftJoin("users as u", "u.id", "d.decided_by")
    .select(["d.id", "d.decision", "d.reason", "d.created_at as at", "u.name as by"])
    .where("d.application_id", "=", applicationId)
    .orderBy("d.id")
    .execute();
}

export async function hasCurrentCertificate(db: DB, organizationId: string, typeCode = "enterprise"): Promise<boolean> {
  const row = await currentCertificates(db).select("c.id").where("c.organization_id", "=", organizationId).where("c.type_code", "=", typeCode).executeTakeFirst();
  return !!row;
}

// ---------------------------------------------------------------------------------------------------------
// Education-surcharge credit (task 48)

/** Stores one year's inputs and recalculates (FIFO carry-forward) and stores every year of the enterprise. */
export async function saveCreditYear(
  db: DB,
  actor: Actor,
  organizationId: string,
  input: { year: number; investmentFen: number; payableFen: number },
  meta: Meta = {},
): Promise<CreditYearResult[]> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("surcharge_credit_years")
      .values({ organization_id: organizationId, year: input.year, investment_fen: input.investmentFen, payable_fen: input.payableFen, updated_by: actor.user.id })
      .onConflict((oc) =>
        oc.columns(["organization_id", "year"]).doUpdateSet({
          investment_fen: input.investmentFen,
          payable_fen: input.payableFen,
          updated_by: actor.user.id,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    const results = await recalculate(trx, organizationId);
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId,
      action: "certification.credit.save",
      outcome: "success",
      targetType: "organization",
      targetId: organizationId,
      detail: { year: input.year, investmentFen: input.investmentFen, payableFen: input.payableFen },
    });
    return results;
  });
}

export async function deleteCreditYear(db: DB, actor: Actor, organizationId: string, year: number, meta: Meta = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("surcharge_credit_years").where("organization_id", "=", organizationId).where("year", "=", year).executeTakeFirst();
    if (!Number(result.numDeletedRows)) return false;
    await recalculate(trx, organizationId);
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId,
      action: "certification.credit.delete",
      outcome: "success",
      targetType: "organization",
      targetId: organizationId,
      detail: { year },
    });
    return true;
  });
}

async function recalculate(db: DB, organizationId: string): Promise<CreditYearResult[]> {
  const rows = await db
    .selectFrom("surcharge_credit_years")
    .select(["year", "investment_fen", "payable_fen"])
    .where("organization_id", "=", organizationId)
    .orderBy("year")
    .forUpdate()
    .execute();
  const results = computeCreditHistory(rows.map((r) => ({ year: r.year, investmentFen: Number(r.investment_fen), payableFen: Number(r.payable_fen) })));
  for (const r of results) {
    await db
      .updateTable("surcharge_credit_years")
      .set({ new_credit_fen: r.newCreditFen, carried_in_fen: r.carriedInFen, credited_fen: r.creditedFen, carried_out_fen: r.carriedOutFen })
      .where("organization_id", "=", organizationId)
      .where("year", "=", r.year)
      .execute();
  }
  return results;
}

export async function creditHistory(db: DB, organizationId: string): Promise<CreditYearResult[]> {
  const rows = await db
    .selectFrom("surcharge_credit_years")
    .select(["year", "investment_fen", "payable_fen"])
    .where("organization_id", "=", organizationId)
    .orderBy("year")
    .execute();
  return computeCreditHistory(rows.map((r) => ({ year: r.year, investmentFen: Number(r.investment_fen), payableFen: Number(r.payable_fen) })));
}

export async function storedCreditYears(db: DB, organizationId: string) {
  return db.selectFrom("surcharge_credit_years").selectAll().where("organization_id", "=", organizationId).orderBy("year").execute();
}
