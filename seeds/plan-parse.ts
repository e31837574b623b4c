// Parser for the tab-indented dump of the district plan table
// 深化产教融合工作任务分解表 (序号 / 主要任务 / 具体内容 / 牵头单位 / 配合单位 / 完成时限).

import type { PlanDeadline, PlanSection, PlanTable, PlanTask } from "../db/reference/plan.ts";

export type { PlanDeadline, PlanSection, PlanTable, PlanTask };

const HEADER = ["序号", "主要任务", "具体内容", "牵头单位", "配合单位", "完成时限"];
const CHINESE_NUMERALS = "一二三四五六七八九十";
const SECTION_HEADING = new RegExp(`^([${CHINESE_NUMERALS}])、(.+)$`);
const UNIT_SEPARATOR = /[、，,\s]+/;
const OTHERS_SUFFIX = "等区级部门";

/** One table row: its cells in order, and the 1-based line where it starts (for errors). */
interface Row {
  line: number;
  cells: string[];
}

export function parsePlanTable(text: string): PlanTable {
  const [header, ...rows] = splitRows(text);
  if (!header || header.cells.join("|") !== HEADER.join("|")) {
    throw new Error(`plan table: expected header ${HEADER.join(" ")}`);
  }

  const sections: PlanSection[] = [];
  const tasks: PlanTask[] = [];
  let theme: string | undefined;

  for (const row of rows) {
    const heading = row.cells.length === 1 ? SECTION_HEADING.exec(row.cells[0]) : null;
    if (heading) {
      sections.push({ number: CHINESE_NUMERALS.indexOf(heading[1]) + 1, title: heading[2].trim() });
      // A merged 主要任务 cell never spans a section heading.
      theme = undefined;
      continue;
    }

    if (row.cells.length !== HEADER.length) {
      throw new Error(`plan table line ${row.line}: expected ${HEADER.length} cells, got ${row.cells.length}`);
    }
    const [numberCell, themeCell, content, leadCell, cooperatingCell, deadlineCell] = row.cells;
    const section = sections.at(-1);
    if (!section) throw new Error(`plan table line ${row.line}: task before the first section heading`);
    if (!/^\d+$/.test(numberCell)) throw new Error(`plan table line ${row.line}: bad task number "${numberCell}"`);

    // A blank 主要任务 cell is the lower part of a merged cell: the theme of the task above.
    theme = themeCell || theme;
    if (!theme) throw new Error(`plan table line ${row.line}: task ${numberCell} has no theme to continue`);

    const cooperating = parseUnits(cooperatingCell);
    tasks.push({
      number: Number(numberCell),
      section: section.number,
      theme,
      content,
      leadUnits: parseUnits(leadCell).units,
      cooperatingUnits: cooperating.units,
      cooperatingIncludesOthers: cooperating.includesOthers,
      deadline: parseDeadline(deadlineCell, row.line),
    });
  }

  return { sections, tasks };
}

/**
 * Groups the lines into rows. A line starting with a tab opens a new cell (even if it is
 * otherwise blank: that is an empty cell). A non-empty line without the tab continues the
 * previous cell on a new line, which is how two lead units stacked in one cell were dumped.
 * Truly blank lines end a row. The first line is the document title and is skipped.
 */
function splitRows(text: string): Row[] {
  const lines = text.split(/\r?\n/);
  const rows: Row[] = [];
  let row: Row | undefined;

  lines.slice(1).forEach((line, index) => {
    const lineNumber = index + 2;
    if (line.startsWith("\t")) {
      if (!row) rows.push((row = { line: lineNumber, cells: [] }));
      row.cells.push(line.trim());
    } else if (line.trim() === "") {
      row = undefined;
    } else {
      if (!row) throw new Error(`plan table line ${lineNumber}: text outside any cell`);
      const last = row.cells.length - 1;
      row.cells[last] = `${row.cells[last]}\n${line.trim()}`;
    }
  });

  return rows;
}

/** Short names the plan uses once for a unit it names in full everywhere else: one unit, one name. */
export const UNIT_ALIASES: Readonly<Record<string, string>> = { 区文旅局: "区文化旅游局" };

function parseUnits(cell: string): { units: string[]; includesOthers: boolean } {
  let includesOthers = false;
  const units = cell
    .split(UNIT_SEPARATOR)
    .filter((name) => name !== "")
    .map((name) => {
      if (!name.endsWith(OTHERS_SUFFIX)) return name;
      includesOthers = true;
      return name.slice(0, -OTHERS_SUFFIX.length);
    })
    .map((name) => UNIT_ALIASES[name] ?? name);
  return { units: [...new Set(units)], includesOthers };
}

function parseDeadline(cell: string, line: number): PlanDeadline {
  if (cell === "") return { kind: "unspecified" };
  if (cell === "持续推进") return { kind: "ongoing" };
  const year = /^(\d{4})年$/.exec(cell);
  if (year) return { kind: "year", year: Number(year[1]) };
  throw new Error(`plan table line ${line}: unknown deadline "${cell}"`);
}
