import ExcelJS from "exceljs";
import type { DB } from "../db.server.ts";
import type { Translate } from "../i18n/translate.ts";
import { auditLogForExport, type AuditFilter } from "./audit.server.ts";
import { presentAuditRow } from "./audit-view.server.ts";

/** The filtered log as a workbook, in the words of the page (labels, China time), newest first. */
export async function auditWorkbook(db: DB, t: Translate, filter: AuditFilter, now: Date = new Date()): Promise<Buffer> {
  const { rows } = await auditLogForExport(db, filter);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "产教通";
  workbook.created = now;
  const sheet = workbook.addWorksheet(t("audit.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: t("audit.time"), width: 18 },
    { header: t("audit.actor"), width: 28 },
    { header: t("adminUsers.name"), width: 12 },
    { header: t("audit.organization"), width: 30 },
    { header: t("audit.category"), width: 14 },
    { header: t("audit.action"), width: 22 },
    { header: t("audit.target"), width: 36 },
    { header: t("audit.outcome"), width: 8 },
    { header: t("audit.ip"), width: 16 },
    { header: t("audit.detail"), width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const v = presentAuditRow(t, row);
    // Plain strings only: exceljs writes a formula only when given one, so text from users stays text.
    const added = sheet.addRow([
      v.at,
      v.actorEmail ?? t("audit.system"),
      v.actorName ?? "",
      v.affiliation ?? "",
      v.categoryLabel,
      v.actionLabel,
      [v.target, v.concerned ? t("audit.concerned", { org: v.concerned.name }) : null].filter(Boolean).join("\n"),
      v.outcomeLabel,
      v.ip ?? "",
      v.details.map((d) => `${d.label}：${d.value}`).join("\n"),
    ]);
    added.alignment = { vertical: "top", wrapText: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
