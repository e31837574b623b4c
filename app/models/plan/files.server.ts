import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import { audit } from "../audit.server.ts";
import { checkStoredFile, contentOf, insertStoredFile, type StoredFileRefusal } from "../stored-file.server.ts";
import { planRefusals, type PlanActor, type PlanRefusalCode, type PlanResult, type RequestMeta } from "./shared.server.ts";
import { planUnitOf } from "./tasks.server.ts";
import { roleCan } from "../../domain/permissions.ts";
import { refused, type RefusalTable } from "../../domain/refusal.ts";
import { isUuid } from "../../schemas/ids.ts";
import { UPLOAD_LIMITS } from "../../domain/upload-limits.ts";
import { inTransaction } from "../../../db/client.ts";

/**
 * Evidence files of a progress report. What a file IS is read from its bytes (file-type), never from
 * its name or the browser's claim: PDF, PNG and JPEG only, up to 10 MB, at most 5 per report. The reporting
 * unit's officers attach them while the report awaits review; every plan officer and administrator can read
 * them, as they can read the report.
 */
export const PLAN_FILE_MAX_BYTES = UPLOAD_LIMITS.planReportEvidence;
export const PLAN_FILES_PER_REPORT = 5;

/** The upload form's answers before a report is looked at (no file, a body over the bound or one that does not parse). */
export const planFileRefusals = {
  empty: planRefusals.fileEmpty,
  tooLarge: planRefusals.fileTooLarge,
  wrongType: planRefusals.fileType,
  unreadable: { kind: "invalid", message: "plan.file.unreadable", field: "file" },
} satisfies RefusalTable<StoredFileRefusal>;

/** The plan's own codes for what the stored-file check refuses. */
const planCodeOf = { empty: "fileEmpty", tooLarge: "fileTooLarge", wrongType: "fileType" } as const satisfies Record<
  Exclude<StoredFileRefusal, "unreadable">,
  PlanRefusalCode
>;

/** A safe display name that ends with the extension of what the file really is. */
export function storedFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\p{Cc}"<>|:*?]/gu, "")
    .trim();
  const stem = Array.from(base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base)
    .slice(0, 80)
    .join("")
    .trim();
  return `${stem || "evidence"}.${extension}`;
}

export async function addReportFile(
  db: DB,
  actor: PlanActor,
  taskNumber: number,
  reportId: string,
  file: { name: string; bytes: Uint8Array },
  meta: RequestMeta = {},
): Promise<PlanResult<{ fileId: string }>> {
  if (!roleCan(actor.platform_role, "plan:report")) return refused("officersOnly");
  if (!isUuid(reportId)) return refused("reportNotFound");
  const unit = await planUnitOf(db, actor);
  const report = await db
    .selectFrom("plan_reports as r")
    .innerJoin("plan_tasks as t", "t.id", "r.task_id")
    .select(["r.id", "r.unit_id", "r.status", "r.period", "t.theme"])
    .where("r.id", "=", reportId)
    .where("t.number", "=", taskNumber)
    .executeTakeFirst();
  if (!report) return refused("reportNotFound");
  if (!unit || report.unit_id !== unit.id) return refused("notYourReport");
  if (report.status !== "submitted") return refused("filesAfterReview");
  const check = await checkStoredFile(file.bytes, PLAN_FILE_MAX_BYTES);
  if (!check.ok) return refused(planCodeOf[check.code]);
  const checked = check.file;
  return inTransaction(db, async (trx) => {
    await trx.selectFrom("plan_reports").select("id").where("id", "=", report.id).forUpdate().execute();
    const { n } = await trx
      .selectFrom("plan_report_files")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("report_id", "=", report.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= PLAN_FILES_PER_REPORT) return refused("tooManyFiles");
    const fileName = storedFileName(file.name, checked.extension);
    const fileId = await insertStoredFile(trx, "plan_report_files", { report_id: report.id }, checked, { fileName, uploadedBy: actor.id });
    await audit(trx, {
      action: "plan.report.file",
      outcome: "success",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "plan_report",
      targetId: report.id,
      targetTitle: report.theme,
      ip: meta.ip ?? null,
      detail: { task: taskNumber, unit: unit.name, period: report.period, fileName, file: fileId, size: checked.content.byteLength, type: checked.contentType },
    });
    return { ok: true as const, fileId };
  });
}

export interface PlanFileSummary {
  id: string;
  reportId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export async function listReportFiles(db: DB, reportIds: string[]): Promise<PlanFileSummary[]> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom("plan_report_files")
    .select(["id", "report_id", "file_name", "content_type", "size_bytes"])
    .where("report_id", "in", reportIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, reportId: r.report_id, fileName: r.file_name, contentType: r.content_type, sizeBytes: r.size_bytes }));
}

export async function getReportFile(db: DB, fileId: string) {
  if (!isUuid(fileId)) return null;
  const row = await db
    .selectFrom("plan_report_files")
    .select(["file_name", "content_type", "content", "sha256"])
    .where("id", "=", fileId)
    .executeTakeFirst();
  if (!row) return null;
  return { fileName: row.file_name, contentType: row.content_type, content: contentOf(row.content), sha256: row.sha256 };
}
