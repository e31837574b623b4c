import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { ApplicationStatus, CertificationApplication, CriterionEvidence, RubricCriterion } from "../../../db/schema-certification.ts";
import type { Organization } from "../../../db/schema.ts";
import { audit } from "../audit.server.ts";
import { platformFigures, type PlatformFigures } from "./evidence.server.ts";
import type { Actor } from "../policy.server.ts";
import { getRubric, getType, latestRubric } from "./rubrics.server.ts";
import { actorFields, json, type Meta } from "./shared.server.ts";
import { isUuid } from "../../schemas/ids.ts";
import { refused, type Refused, type RefusalTable, type Result } from "../../domain/refusal.ts";
import { MAX_FILE_BYTES } from "../../schemas/certification.ts";
import { checkStoredFile, insertStoredFile, type StoredFileRefusal } from "../stored-file.server.ts";
import { inTransaction } from "../../../db/client.ts";

// Applications: created by an organisation's admin, evidence and files edited while draft or returned, frozen at submission.

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
): Promise<{ ok: true; id: string } | Refused<CreateApplicationError>> {
  const organization = actor.organization;
  if (organization.status !== "verified") return refused("notVerified");
  const type = await getType(db, typeCode);
  if (!type) return refused("unknownType");
  if (type.applicant_kinds.length > 0 && !type.applicant_kinds.includes(organization.kind)) return refused("kindNotAllowed");
  const rubric = await latestRubric(db, typeCode);
  if (!rubric) return refused("noRubric");
  return inTransaction(db, async (trx) => {
    const open = await trx
      .selectFrom("certification_applications")
      .select("id")
      .where("organization_id", "=", organization.id)
      .where("type_code", "=", typeCode)
      .where("status", "not in", ["rejected", "certified"])
      .executeTakeFirst();
    if (open) return refused("alreadyOpen", { vars: { id: open.id } });
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

/** A submitted application (any state but draft), for platform staff: drafts belong to their organisation alone. */
export async function getSubmittedApplication(db: DB, id: string): Promise<ApplicationRow | null> {
  const application = await getApplication(db, id);
  return application && application.status !== "draft" ? application : null;
}

/** Any application, for platform staff only (routes guard with requirePermission first). */
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
): Promise<{ ok: true } | Refused<"notEditable">> {
  if (!isEditable(application.status)) return refused("notEditable");
  const result = await db
    .updateTable("certification_applications")
    .set({ evidence: JSON.stringify(evidence), updated_at: sql`now()` })
    .where("id", "=", application.id)
    .where("status", "in", editableStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) ? { ok: true } : refused("notEditable");
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

export type CertificationFileRefusal = StoredFileRefusal | "notEditable" | "tooMany";

/** The evidence form answers a file over its bound with 413 and one of the wrong type with 400, on the form. */
export const certificationFileRefusals = {
  empty: { kind: "invalid", message: "certification.error.fileMissing" },
  unreadable: { kind: "invalid", message: "certification.error.fileMissing" },
  tooLarge: { kind: "tooLarge", message: "certification.error.fileTooLarge" },
  wrongType: { kind: "invalid", message: "certification.error.fileType" },
  notEditable: { kind: "conflict", message: "certification.error.notEditable" },
  tooMany: { kind: "conflict", message: "certification.error.tooMany" },
} satisfies RefusalTable<CertificationFileRefusal>;

/** An evidence file for one criterion, checked by its content; kept under the name it was uploaded with. */
export async function addFile(
  db: DB,
  actor: Actor,
  application: ApplicationRow,
  upload: { criterionKey: string; name: string; bytes: Uint8Array },
): Promise<Result<{ id: string }, CertificationFileRefusal>> {
  const check = await checkStoredFile(upload.bytes, MAX_FILE_BYTES);
  if (!check.ok) return check;
  if (!isEditable(application.status)) return refused("notEditable");
  const { file } = check;
  const fileName = (upload.name || `file.${file.extension}`).replaceAll("\u0000", "").slice(0, 200) || "file";
  return inTransaction(db, async (trx): Promise<Result<{ id: string }, CertificationFileRefusal>> => {
    const locked = await trx
      .selectFrom("certification_applications")
      .select("status")
      .where("id", "=", application.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!isEditable(locked.status)) return refused("notEditable");
    const count = await trx
      .selectFrom("certification_files")
      .select(sql<number>`count(*)`.as("n"))
      .where("application_id", "=", application.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_FILES_PER_APPLICATION) return refused("tooMany");
    const id = await insertStoredFile(trx, "certification_files", { application_id: application.id, criterion_key: upload.criterionKey }, file, {
      fileName,
      uploadedBy: actor.user.id,
    });
    const type = await trx.selectFrom("certification_types").select("name").where("code", "=", application.type_code).executeTakeFirst();
    await audit(trx, {
      ...actorFields(actor),
      action: "certification.file.upload",
      outcome: "success",
      organizationId: application.organization_id,
      targetType: "certification_application",
      targetId: application.id,
      targetTitle: type?.name ?? application.type_code,
      detail: { fileName, size: file.content.byteLength, type: file.contentType, round: application.round },
    });
    return { ok: true, id };
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
): Promise<{ ok: true } | Refused<"notEditable" | "incomplete">> {
  if (!isEditable(application.status)) return refused("notEditable");
  const rubric = (await getRubric(db, application.rubric_id))!;
  const missing = rubric.criteria
    .filter((c) => {
      const e = application.evidence[c.key];
      return !e || (e.value === null && !e.statement);
    })
    .map((c) => c.key);
  if (missing.length) return refused("incomplete", { vars: { count: missing.length } });
  const platform = await platformFigures(db, application.organization_id);
  return inTransaction(db, async (trx) => {
    const locked = await trx
      .selectFrom("certification_applications")
      .select(["status", "evidence"])
      .where("id", "=", application.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!isEditable(locked.status)) return refused("notEditable");
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
