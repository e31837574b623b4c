import ExcelJS from "exceljs";
import type { DB } from "../../db.server.ts";
import { createTranslator } from "../../i18n/translate.ts";
import { listPlanSections, listPlanTasks, type PlanTaskView } from "./tasks.server.ts";

/**
 * The plan table as the district keeps it (序号, 主要任务, 具体内容, 牵头单位, 配合单位, 完成时限), plus the
 * computed status and the latest progress, grouped by section with a heading row before each section.
 */

export const EXPORT_HEADER = ["序号", "主要任务", "具体内容", "牵头单位", "配合单位", "完成时限", "状态", "最新进展"] as const;
const NUMERALS = "一二三四五六七八九十";

export const sectionHeading = (number: number, title: string) =>
  `${number >= 1 && number <= 10 ? NUMERALS[number - 1] : String(number)}、${title}`;

interface ExportRow {
  kind: "section" | "task";
  cells: string[];
}

function cooperatingText(task: PlanTaskView): string {
  return task.cooperatingUnits.join("、") + (task.cooperatingIncludesOthers ? "等区级部门" : "");
}

function progressText(task: PlanTaskView, t: ReturnType<typeof createTranslator>): string {
  const report = task.latestReport;
  if (!report) return "";
  const state = report.status === "accepted" ? "" : t("plan.export.awaiting");
  return `${report.period} · ${report.completionPercent ?? 0}%${state} · ${report.narrative}`;
}

async function exportRows(db: DB, now: Date): Promise<ExportRow[]> {
  const t = createTranslator();
  const [sections, tasks] = await Promise.all([listPlanSections(db), listPlanTasks(db, now)]);
  const rows: ExportRow[] = [];
  for (const section of sections) {
    rows.push({ kind: "section", cells: [sectionHeading(section.number, section.title)] });
    for (const task of tasks.filter((x) => x.section === section.number)) {
      rows.push({
        kind: "task",
        cells: [
          String(task.number),
          task.theme,
          task.content,
          task.leadUnits.join("、"),
          cooperatingText(task),
          task.deadline,
          t(`plan.status.${task.status}`),
          progressText(task, t),
        ],
      });
    }
  }
  return rows;
}

export async function planWorkbook(db: DB, now: Date = new Date()): Promise<Buffer> {
  const rows = await exportRows(db, now);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "产教通";
  workbook.created = now;
  const sheet = workbook.addWorksheet("深化产教融合工作任务分解表", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { width: 6 },
    { width: 22 },
    { width: 60 },
    { width: 18 },
    { width: 36 },
    { width: 12 },
    { width: 10 },
    { width: 48 },
  ];
  const header = sheet.addRow([...EXPORT_HEADER]);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center" };
  for (const row of rows) {
    if (row.kind === "section") {
      const added = sheet.addRow([row.cells[0]]);
      sheet.mergeCells(added.number, 1, added.number, EXPORT_HEADER.length);
      added.font = { bold: true };
      added.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8F1FB" } };
    } else {
      const [number, ...rest] = row.cells;
      const added = sheet.addRow([Number(number), ...rest]);
      added.alignment = { vertical: "top", wrapText: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Spreadsheet formulas in user text would run when the file is opened: such a cell starts with a quote. */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The same rows as CSV, with a BOM so Excel reads the Chinese; quoting by exceljs's CSV writer. */
export async function planCsv(db: DB, now: Date = new Date()): Promise<Buffer> {
  const rows = await exportRows(db, now);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("plan");
  sheet.addRow([...EXPORT_HEADER]);
  for (const row of rows) {
    sheet.addRow(row.kind === "section" ? [defuse(row.cells[0])] : row.cells.map(defuse));
  }
  const body = Buffer.from(
    await workbook.csv.writeBuffer({ formatterOptions: { quoteColumns: true, quoteHeaders: true, rowDelimiter: "\r\n" } }),
  );
  return Buffer.concat([Buffer.from("\uFEFF", "utf8"), body]);
}
