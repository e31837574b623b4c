import { z } from "zod";
import { cleanText, evenWhenFieldsFail, filterText, tooLarge, tooLong, tooShort } from "./fields.ts";
import { planStatuses, SILENT_AFTER_DAYS_MAX, SILENT_AFTER_DAYS_MIN } from "../domain/plan-status.ts";
import { uuidField } from "./ids.ts";

// Forms of the plan-tracking module. Messages are catalog keys (app/i18n/messages/plan-tracking.ts).

const chars = (text: string) => Array.from(text).length;

const text = (min: number, max: number, keys: { required: string; short?: string; long?: string }) =>
  z.preprocess(
    cleanText,
    z
      .string({ message: keys.required })
      .refine((v) => chars(v) >= min, { message: keys.short ?? tooShort(min) })
      .refine((v) => chars(v) <= max, { message: keys.long ?? tooLong(max) }),
  );

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? undefined : cleanText(v)),
    z
      .string({ message: "plan.validation.text" })
      .refine((v) => chars(v) <= max, { message: tooLong(max) })
      .optional(),
  );

/** "2026-Q4" (a quarter) or "2026-11" (a month). */
export const PERIOD_PATTERN = /^20\d{2}-(Q[1-4]|0[1-9]|1[0-2])$/;
export const period = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string({ message: "plan.validation.period" }).regex(PERIOD_PATTERN, { message: "plan.validation.period" }),
);

/** The current quarter in Beijing, e.g. "2026-Q4". */
export function currentPeriod(now: Date = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 60 * 60 * 1000);
  return `${beijing.getUTCFullYear()}-Q${Math.floor(beijing.getUTCMonth() / 3) + 1}`;
}

/** How far back a report may go: this quarter and the seven before it. */
export const REPORTABLE_QUARTERS = 8;

/** The quarters a report may be filed for at `now`, newest first: never a future one, never older than two years. */
export function reportablePeriods(now: Date = new Date()): string[] {
  const [year, quarter] = currentPeriod(now).split("-Q").map(Number);
  const index = year * 4 + (quarter - 1);
  return Array.from({ length: REPORTABLE_QUARTERS }, (_, back) => `${Math.floor((index - back) / 4)}-Q${((index - back) % 4) + 1}`);
}

/** Whether a period ("2026-Q4" or a month "2026-11") falls within the reportable quarters at `now`. */
export function isReportablePeriod(period: string, now: Date = new Date()): boolean {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  const quarter = month ? `${month[1]}-Q${Math.floor((Number(month[2]) - 1) / 3) + 1}` : period;
  return reportablePeriods(now).includes(quarter);
}

export const MAX_EVIDENCE_LINKS = 10;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** Evidence links, one per line (or separated by spaces/commas): http(s) addresses only. */
export const evidenceLinks = z.preprocess(
  (v) => {
    const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[\s,，、]+/) : v === undefined || v === null ? [] : v;
    return Array.isArray(items) ? [...new Set(items.map((s) => (typeof s === "string" ? s.trim() : s)).filter((s) => s !== ""))] : items;
  },
  // Checked as a whole list, so the message belongs to the field (not to "evidenceLinks.3").
  z
    .array(z.unknown(), { message: "plan.validation.link" })
    .refine((list) => list.every((s) => typeof s === "string"), { message: "plan.validation.link" })
    .refine((list) => list.every((s) => typeof s !== "string" || s.length <= 500), { message: "plan.validation.linkTooLong" })
    .refine((list) => list.every((s) => typeof s === "string" && isHttpUrl(s)), { message: "plan.validation.link" })
    .transform((list) => list as string[])
    .refine((list) => list.length <= MAX_EVIDENCE_LINKS, { message: "plan.validation.tooManyLinks" }),
);

const percent = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
  z.coerce
    .number({ message: "plan.validation.percent" })
    .int({ message: "plan.validation.percent" })
    .min(0, { message: "plan.validation.percent" })
    .max(100, { message: "plan.validation.percent" }),
);

const narrative = text(10, 4000, {
  required: "plan.validation.narrativeRequired",
  short: "plan.validation.narrativeShort",
  long: "plan.validation.narrativeLong",
});

/** A lead unit's progress report. */
export const planReportSchema = z.object({
  period,
  narrative,
  completionPercent: percent,
  milestones: optionalText(2000),
  evidenceLinks,
});
export type PlanReportInput = z.infer<typeof planReportSchema>;

/** A cooperating unit's contribution: what it did, no completion estimate (that is the lead's call). */
export const planContributionSchema = z.object({
  period,
  narrative,
  milestones: optionalText(2000),
  evidenceLinks,
});
export type PlanContributionInput = z.infer<typeof planContributionSchema>;

export const planReviewIntents = ["accept", "return"] as const;

/** An administrator accepts a report (comment optional) or returns it (comment required, 5–1000 characters). */
export const planReviewSchema = z
  .object({
    decision: z.enum(planReviewIntents, { message: "validation.choose" }),
    reportId: uuidField("plan.validation.report"),
    comment: optionalText(1000),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "return" && (typeof value.comment !== "string" || chars(value.comment) < 5)) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "plan.validation.returnComment" });
    }
  }, evenWhenFieldsFail);
export type PlanReviewInput = z.infer<typeof planReviewSchema>;

/** Unit names, one per line or separated by 、，, (as the plan writes them). */
const unitList = (max: number, required: boolean) =>
  z.preprocess(
    (v) => {
      const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[\n,，、;；]+/) : v === undefined || v === null ? [] : v;
      return Array.isArray(items)
        ? [...new Set(items.map((s) => (typeof s === "string" ? s.replaceAll("\u0000", "").trim() : s)).filter((s) => s !== ""))]
        : items;
    },
    z
      .array(z.unknown(), { message: "plan.validation.unit" })
      .refine((list) => list.every((u) => typeof u === "string" && Array.from(u).length <= 40), { message: "plan.validation.unit" })
      .transform((list) => list as string[])
      .refine((list) => list.length <= max, { message: "plan.validation.tooManyUnits" })
      .refine((list) => !required || list.length > 0, { message: "plan.validation.leadRequired" }),
  );

/** An administrator's correction of a task, or a new task. */
export const planTaskSchema = z
  .object({
    section: z.coerce
      .number({ message: "validation.choose" })
      .int({ message: "validation.choose" })
      .min(1, { message: "validation.choose" })
      .max(20, { message: "validation.choose" }),
    theme: text(2, 200, { required: "validation.required" }),
    content: text(5, 4000, { required: "validation.required" }),
    deadline: optionalText(50),
    leadUnits: unitList(10, true),
    cooperatingUnits: unitList(40, false),
    targetValue: z.preprocess(
      (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v),
      z.coerce
        .number({ message: "validation.number" })
        .int({ message: "validation.integer" })
        .min(0, { message: "validation.notNegative" })
        .max(1_000_000, { message: tooLarge(1_000_000) })
        .optional(),
    ),
    targetNote: optionalText(200),
  })
  .superRefine((value, ctx) => {
    if (!Array.isArray(value.cooperatingUnits) || !Array.isArray(value.leadUnits)) return;
    const overlap = value.cooperatingUnits.filter((u) => value.leadUnits.includes(u));
    if (overlap.length) ctx.addIssue({ code: "custom", path: ["cooperatingUnits"], message: "plan.validation.unitTwice" });
  }, evenWhenFieldsFail);
export type PlanTaskInput = z.infer<typeof planTaskSchema>;

/** Reminders from the supervision page: one unit, or (without unit) every unit with overdue or silent tasks. */
export const planRemindSchema = z.object({
  unit: z.preprocess(
    (v) => (v === undefined || v === null ? undefined : cleanText(v)),
    z.string({ message: "plan.validation.unit" }).max(40, { message: "plan.validation.unit" }).optional(),
  ),
});

/** Filters from the address bar: anything unexpected is dropped rather than refused. */
export const planFilterSchema = z.object({
  section: z.coerce.number().int().min(1).max(20).optional().catch(undefined),
  unit: filterText(40),
  status: z.enum(planStatuses).optional().catch(undefined),
});
export type PlanFilter = z.infer<typeof planFilterSchema>;

/** The supervision settings administrators change (/admin/plan). */
export const planSettingsSchema = z.object({
  silentAfterDays: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : typeof v === "string" ? v.trim() : v),
    z.coerce
      .number({ message: "plan.validation.silentDays" })
      .int({ message: "plan.validation.silentDays" })
      .min(SILENT_AFTER_DAYS_MIN, { message: "plan.validation.silentDays" })
      .max(SILENT_AFTER_DAYS_MAX, { message: "plan.validation.silentDays" }),
  ),
});
export type PlanSettingsInput = z.infer<typeof planSettingsSchema>;

/**
 * The task page's forms (but the multipart upload), told apart by `intent`: a lead report, a contribution, an
 * administrator's review of a report, or an administrator's correction of the task.
 */
export const planTaskPageSchema = z.discriminatedUnion("intent", [
  planReportSchema.extend({ intent: z.literal("report") }),
  planContributionSchema.extend({ intent: z.literal("contribution") }),
  planReviewSchema.safeExtend({ intent: z.literal("review") }),
  planTaskSchema.safeExtend({ intent: z.literal("edit") }),
]);
export type PlanTaskPageInput = z.infer<typeof planTaskPageSchema>;
export type PlanTaskPageIntent = PlanTaskPageInput["intent"];
/** One form of the task page, by its intent. */
export type PlanTaskPageForms = { [K in PlanTaskPageIntent]: Extract<PlanTaskPageInput, { intent: K }> };

/** The supervision page's forms: the silence threshold, or reminders to one unit or to all. */
export const planSupervisionSchema = z.discriminatedUnion("intent", [
  planSettingsSchema.extend({ intent: z.literal("settings") }),
  planRemindSchema.extend({ intent: z.literal("remind") }),
]);
export type PlanSupervisionInput = z.infer<typeof planSupervisionSchema>;
export type PlanSupervisionIntent = PlanSupervisionInput["intent"];
/** One form of the supervision page, by its intent. */
export type PlanSupervisionForms = { [K in PlanSupervisionIntent]: Extract<PlanSupervisionInput, { intent: K }> };
