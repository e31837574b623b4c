import type { User } from "../../../db/schema.ts";
import type { RefusalTable, Result } from "../../domain/refusal.ts";

/**
 * Plan tracking: the district plan's tasks, who leads and cooperates, progress reports and their
 * review, administrators' corrections (kept as history) and supervision reminders. A report of a
 * cooperating unit is a plan_reports row with kind 'contribution'. Statuses are computed by
 * app/domain/plan-status.ts from the reports, at the moment asked.
 *
 * One module per concept in this folder: reference (the plan's summary and deadlines; db/reference/plan.ts loads
 * the plan's sections, units and tasks at start),
 * tasks (reading them), reports, task-edits, supervision, indicators, files and export; this one holds
 * what they share.
 */

export type PlanActor = Pick<User, "id" | "email" | "platform_role" | "plan_unit_id">;
export interface RequestMeta {
  ip?: string | null;
}

export type PlanRefusalCode =
  | "officersOnly"
  | "adminsOnly"
  | "noUnit"
  | "notInvolved"
  | "notLead"
  | "notCooperating"
  | "notYourReport"
  | "taskNotFound"
  | "reportNotFound"
  | "nothingToRemind"
  | "alreadyReviewed"
  | "periodTaken"
  | "periodOutOfRange"
  | "filesAfterReview"
  | "tooManyFiles"
  | "fileEmpty"
  | "fileTooLarge"
  | "fileType"
  | "unknownSection"
  | "unknownUnit";

/** What a plan model may refuse, and what each refusal means to the person asking. */
export const planRefusals = {
  officersOnly: { kind: "forbidden", message: "plan.refused.officersOnly" },
  adminsOnly: { kind: "forbidden", message: "plan.refused.adminsOnly" },
  noUnit: { kind: "forbidden", message: "plan.refused.noUnit" },
  notInvolved: { kind: "forbidden", message: "plan.refused.notInvolved" },
  notLead: { kind: "forbidden", message: "plan.refused.notLead" },
  notCooperating: { kind: "forbidden", message: "plan.refused.notCooperating" },
  notYourReport: { kind: "forbidden", message: "plan.refused.notYourReport" },
  taskNotFound: { kind: "notFound", message: "plan.error.taskNotFound" },
  reportNotFound: { kind: "notFound", message: "plan.error.reportNotFound" },
  nothingToRemind: { kind: "notFound", message: "plan.error.nothingToRemind" },
  alreadyReviewed: { kind: "conflict", message: "plan.error.alreadyReviewed" },
  /** The user mends it by choosing another period, so it is answered on that field like the form's own errors. */
  periodTaken: { kind: "invalid", message: "plan.error.periodTaken", field: "period" },
  periodOutOfRange: { kind: "invalid", message: "plan.error.periodOutOfRange", field: "period" },
  filesAfterReview: { kind: "conflict", message: "plan.error.filesAfterReview", field: "file" },
  tooManyFiles: { kind: "conflict", message: "plan.file.tooMany", field: "file" },
  fileEmpty: { kind: "invalid", message: "plan.file.empty", field: "file" },
  fileTooLarge: { kind: "invalid", message: "plan.file.tooLarge", field: "file" },
  fileType: { kind: "invalid", message: "plan.file.type", field: "file" },
  unknownSection: { kind: "invalid", message: "validation.choose", field: "section" },
  /** A lead or cooperating unit that is not in the plan's list; the refusal names which of the two fields. */
  unknownUnit: { kind: "invalid", message: "plan.validation.unknownUnit" },
} satisfies RefusalTable<PlanRefusalCode>;

export type PlanResult<T extends object> = Result<T, PlanRefusalCode>;
