import type { ColumnType, Generated, Selectable } from "kysely";

// Tables of the plan-tracking module: the district plan's units and tasks as records, their
// change history, and progress reports. Reports of cooperating units are rows of plan_reports with
// kind 'contribution' (one table, one review flow); a task's status is computed, never stored.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<Record<string, unknown>, string, never>;

export type PlanUnitCategory = "district_department" | "park" | "sub_district" | "other";
export type PlanUnitRole = "lead" | "cooperating";
export type PlanReportKind = "lead" | "contribution";
export type PlanReportStatus = "submitted" | "accepted" | "returned";

export interface PlanSectionsTable {
  number: number;
  title: string;
}

export interface PlanUnitsTable {
  id: Generated<number>;
  name: string;
  category: PlanUnitCategory;
  created_at: Timestamp;
}

export interface PlanTasksTable {
  id: Generated<number>;
  /** 序号: 1..63 from the plan, then numbers given to tasks added later. */
  number: number;
  section: number;
  theme: string;
  content: string;
  /** 完成时限 as written in the plan: "持续推进", "2023年", or "" when the cell is empty. */
  deadline: string;
  /** The year the deadline names; null means ongoing (no year). */
  deadline_year: number | null;
  /** A countable target where the plan names one (e.g. task 11: 1 integration enterprise). */
  target_value: number | null;
  target_note: string | null;
  /** The cooperating list ends with "等区级部门" (and other district departments). */
  cooperating_includes_others: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanTaskUnitsTable {
  task_id: number;
  unit_id: number;
  role: PlanUnitRole;
  position: number;
}

export interface PlanTaskHistoryTable {
  id: Generated<number>;
  task_id: number;
  action: "create" | "update";
  actor_user_id: string | null;
  actor_label: string | null;
  before: ColumnType<Record<string, unknown> | null, string | null, never>;
  after: Json;
  at: Timestamp;
}

export interface PlanReportsTable {
  id: Generated<string>;
  task_id: number;
  unit_id: number;
  kind: PlanReportKind;
  author_id: string | null;
  /** "2026-Q4" (quarter) or "2026-11" (month). */
  period: string;
  narrative: string;
  /** The lead unit's completion estimate; null for contributions. */
  completion_percent: number | null;
  milestones: Generated<string>;
  evidence_links: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<PlanReportStatus>;
  admin_comment: string | null;
  accepted_by: string | null;
  accepted_at: NullableTimestamp;
  returned_by: string | null;
  returned_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanReportFilesTable {
  id: Generated<string>;
  report_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

/** db/migrations/2026_11_27_0110_create_plan_settings.ts: one row. */
export interface PlanSettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  silent_after_days: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlanTrackingTables {
  plan_sections: PlanSectionsTable;
  plan_units: PlanUnitsTable;
  plan_tasks: PlanTasksTable;
  plan_task_units: PlanTaskUnitsTable;
  plan_task_history: PlanTaskHistoryTable;
  plan_reports: PlanReportsTable;
  plan_report_files: PlanReportFilesTable;
  plan_settings: PlanSettingsTable;
}

export type PlanUnit = Selectable<PlanUnitsTable>;
export type PlanTaskRow = Selectable<PlanTasksTable>;
export type PlanReportRow = Selectable<PlanReportsTable>;
