import type { User } from "../../../db/schema.ts";
import type { MessageKey } from "../../i18n/translate.ts";

/**
 * Plan tracking: the district plan's tasks, who leads and cooperates, progress reports and their
 * review, administrators' corrections (kept as history) and supervision reminders. A report of a
 * cooperating unit is a plan_reports row with kind 'contribution'. Statuses are computed by
 * app/domain/plan-status.ts from the reports, at the moment asked.
 *
 * One module per concept in this folder: reference (the plan's sections, units and tasks loaded at start),
 * tasks (reading them), reports, task-edits, supervision, indicators, files and export; this one holds
 * what they share.
 */

export type PlanActor = Pick<User, "id" | "email" | "platform_role" | "plan_unit">;
export interface RequestMeta {
  ip?: string | null;
}
export type PlanRefusal = { ok: false; status: 400 | 403 | 404 | 409; message: MessageKey; field?: string };
export const refuse = (status: PlanRefusal["status"], message: MessageKey, field?: string): PlanRefusal => ({
  ok: false,
  status,
  message,
  field,
});
