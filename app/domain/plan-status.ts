import { todayInChina } from "../utils/dates.ts";

/**
 * A plan task's status, computed from its deadline and reports at a given moment; never stored or typed.
 *
 * - completed: an accepted lead report says 100 %, or the task's live indicator has reached the plan's target (the
 *   platform's own figures show it done, whatever the reports say). Completion wins over everything else.
 * - overdue: the deadline names a year and today (Beijing) is after 31 December of it.
 * - silent: an ongoing task, or one in progress, with no accepted report for `silentAfterDays` days (a setting
 *   administrators change, DEFAULT_SILENT_AFTER_DAYS unless they do)
 *   (counted from the latest accepted report, or from when tracking began if none was ever accepted).
 * - in_progress: a report that was not returned exists; not_started: none.
 */
export const planStatuses = ["not_started", "in_progress", "completed", "overdue", "silent"] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** How long an ongoing or running task may go without an accepted report, unless administrators set otherwise. */
export const DEFAULT_SILENT_AFTER_DAYS = 90;
export const SILENT_AFTER_DAYS_MIN = 7;
export const SILENT_AFTER_DAYS_MAX = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface StatusTask {
  /** null: ongoing (持续推进) or no deadline. */
  deadlineYear: number | null;
  /** When tracking of the task began (the row's creation). */
  trackedSince: Date;
}

export interface StatusReport {
  kind: "lead" | "contribution";
  status: "submitted" | "accepted" | "returned";
  completionPercent: number | null;
  acceptedAt: Date | null;
}

export interface PlanStatusOptions {
  silentAfterDays?: number;
  /** The task's live indicator has reached its target. */
  targetMet?: boolean;
}

/** Whether a live indicator shows its target reached: a positive target, and a live figure at or above it. */
export function indicatorMet(indicator: { target: number | null; live: number | null }): boolean {
  return indicator.target !== null && indicator.target > 0 && indicator.live !== null && indicator.live >= indicator.target;
}

/** True when `now` (in Beijing) is past 31 December of the year. */
export function isPastYear(year: number, now: Date): boolean {
  return Number(todayInChina(now).slice(0, 4)) > year;
}

export function planTaskStatus(
  task: StatusTask,
  reports: readonly StatusReport[],
  now: Date,
  options: PlanStatusOptions = {},
): PlanStatus {
  const accepted = reports.filter((r) => r.status === "accepted");
  if (options.targetMet || accepted.some((r) => r.kind === "lead" && r.completionPercent === 100)) return "completed";
  if (task.deadlineYear !== null && isPastYear(task.deadlineYear, now)) return "overdue";

  const live = reports.some((r) => r.status !== "returned");
  const ongoing = task.deadlineYear === null;
  if (ongoing || live) {
    const lastAccepted = accepted.reduce<number | null>((latest, r) => {
      const at = r.acceptedAt?.getTime() ?? null;
      return at !== null && (latest === null || at > latest) ? at : latest;
    }, null);
    const since = lastAccepted ?? task.trackedSince.getTime();
    const days = options.silentAfterDays ?? DEFAULT_SILENT_AFTER_DAYS;
    if (now.getTime() - since > days * DAY_MS) return "silent";
  }
  return live ? "in_progress" : "not_started";
}
