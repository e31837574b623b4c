import { z } from "zod";
import { cleanText, evenWhenFieldsFail, tooLarge, tooLong, tooShort } from "./fields.ts";
import type { ListingKind } from "../domain/listing-kinds.ts";
import { UPLOAD_LIMITS } from "../domain/upload-limits.ts";

// Responding to a listing (one schema per kind, shared by the form and the action), deciding on a response,
// and working on the cooperation project an accepted response becomes. Messages are catalog keys.

/** Training packages are ordered (package_orders), not responded to. */
export const respondableKinds = ["internship", "order_training", "cooperation", "research_result"] as const;
export type RespondableKind = (typeof respondableKinds)[number];
export const isRespondableKind = (kind: ListingKind | string): kind is RespondableKind =>
  (respondableKinds as readonly string[]).includes(kind);

export const responseStatuses = ["pending", "accepted", "declined", "withdrawn"] as const;
export const projectStatuses = ["in_progress", "completed", "ended"] as const;

export const RESPONSE_MESSAGE_MIN = 5;
export const RESPONSE_MESSAGE_MAX = 2000;
export const PROPOSAL_MIN = 10;
export const PROPOSAL_MAX = 5000;
export const REASON_MIN = 2;
export const REASON_MAX = 500;

/** Length as a person counts it: characters, not UTF-16 units. */
const chars = (text: string) => Array.from(text).length;


/** Required text of min..max characters, with a message for each way it can be wrong. */
const text = (min: number, max: number, messages: { required: string; short?: string; long?: string } = { required: "validation.required" }) =>
  z.preprocess(
    cleanText,
    z
      .string({ message: messages.required })
      .refine((v) => chars(v) >= min, { message: messages.short ?? tooShort(min) })
      .refine((v) => chars(v) <= max, { message: messages.long ?? tooLong(max) }),
  );

const optionalText = (max: number) =>
  z.preprocess(
    cleanText,
    z
      .string({ message: "validation.text" })
      .refine((v) => chars(v) <= max, { message: tooLong(max) })
      .optional(),
  );

export const isoDate = z.preprocess(
  cleanText,
  z
    .string({ message: "validation.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "validation.date" })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
      message: "validation.date",
    }),
);

const optionalDate = z.preprocess(
  cleanText,
  z
    .string({ message: "validation.date" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "validation.date" })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
      message: "validation.date",
    })
    .optional(),
);

/** A whole number typed into a form ("12", " 12 ", "-5" to be refused as negative); not "1e3", "0x10" or "12.5". */
const count = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : cleanText(v)),
    z
      .string({ message: "validation.required" })
      .transform((v) => v.replace(/^[−－]/, "-"))
      .pipe(z.string().regex(/^-?\d{1,9}$/, { message: "validation.integer" }))
      .transform(Number)
      .refine((n) => n >= min, { message: min > 0 ? "validation.atLeastOne" : "validation.notNegative" })
      .refine((n) => n <= max, { message: tooLarge(max) }),
  );

/** A cohort as schools write it: "2027级", "2027 级" or "2027"; kept as the year. */
const cohort = z.preprocess(
  (v) => (typeof v === "string" ? v.replaceAll("\u0000", "").replace(/\s*级\s*$/, "").trim() || undefined : v),
  z
    .string({ message: "responses.validation.cohortRequired" })
    .regex(/^\d{4}$/, { message: "responses.validation.cohort" })
    .transform(Number)
    .refine((n) => n >= 2020 && n <= 2040, { message: "responses.validation.cohort" }),
);

const message = text(RESPONSE_MESSAGE_MIN, RESPONSE_MESSAGE_MAX, {
  required: "responses.validation.messageRequired",
  short: "responses.validation.messageTooShort",
  long: "responses.validation.messageTooLong",
});

const proposal = text(PROPOSAL_MIN, PROPOSAL_MAX, {
  required: "responses.validation.proposalRequired",
  short: "responses.validation.proposalTooShort",
  long: tooLong(PROPOSAL_MAX),
});

const endNotBeforeStart = (value: { startDate?: string; endDate?: string }, ctx: z.RefinementCtx) => {
  if (typeof value.startDate === "string" && typeof value.endDate === "string" && value.endDate < value.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "validation.endBeforeStart" });
  }
};

const responseSchemas = {
  internship: z
    .object({ message, students: count(1, 10_000), startDate: isoDate, endDate: isoDate })
    .superRefine(endNotBeforeStart, evenWhenFieldsFail),
  order_training: z.object({ message, major: text(1, 40), students: count(1, 5_000), cohort }),
  cooperation: z.object({ message, proposal }),
  research_result: z.object({ message, proposal }),
} as const;

/** The fields each kind's form has, besides the message. */
export const responseDetailKeys: Record<RespondableKind, string[]> = {
  internship: ["students", "startDate", "endDate"],
  order_training: ["major", "students", "cohort"],
  cooperation: ["proposal"],
  research_result: ["proposal"],
};

export function responseSchemaFor(kind: RespondableKind): z.ZodType<Record<string, unknown> & { message: string }> {
  return responseSchemas[kind] as unknown as z.ZodType<Record<string, unknown> & { message: string }>;
}

export interface ResponseDetails {
  students?: number;
  startDate?: string;
  endDate?: string;
  major?: string;
  cohort?: number;
  proposal?: string;
}

export interface ResponseInput {
  message: string;
  details: ResponseDetails;
}

/** A parsed form as the message and the kind's `details`. */
export function splitResponseInput(kind: RespondableKind, value: Record<string, unknown>): ResponseInput {
  const details: Record<string, unknown> = {};
  for (const key of responseDetailKeys[kind]) if (value[key] !== undefined) details[key] = value[key];
  return { message: String(value.message), details: details as ResponseDetails };
}

const reason = text(REASON_MIN, REASON_MAX, {
  required: "responses.validation.reasonRequired",
  short: "responses.validation.reasonTooShort",
  long: "responses.validation.reasonTooLong",
});

/** The owner's decision: accepting and declining both say why, so the responder learns something either way. */
export const responseDecisionSchema = z.object({
  intent: z.enum(["accept", "decline"], { message: "validation.choose" }),
  reason,
});
export type ResponseDecision = z.infer<typeof responseDecisionSchema>;

/** Everything that can be posted to /responses/$id. */
export const responseActionSchema = z.discriminatedUnion(
  "intent",
  [responseDecisionSchema.extend({ intent: z.literal("accept") }), responseDecisionSchema.extend({ intent: z.literal("decline") }), z.object({ intent: z.literal("withdraw") })],
  { message: "validation.choose" },
);

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The filters of /responses, read from the URL: an edited link falls back to the default instead of failing. */
export const responseListFilterSchema = z.object({
  tab: z.enum(["incoming", "outgoing"]).catch("incoming"),
  status: z.preprocess(emptyToUndefined, z.enum(responseStatuses).optional()).catch(undefined),
});
export type ResponseListFilter = z.infer<typeof responseListFilterSchema>;

export const projectListFilterSchema = z.object({
  status: z.preprocess(emptyToUndefined, z.enum(projectStatuses).optional()).catch(undefined),
});

// ---------------------------------------------------------------------------------------------------
// Cooperation projects

/** Closing a project: completed (a note is optional) or ended early (the reason is required). */
export const projectStatusSchema = z
  .object({
    intent: z.literal("status", { message: "validation.choose" }),
    status: z.enum(["completed", "ended"], { message: "validation.choose" }),
    reason: optionalText(REASON_MAX),
  })
  .superRefine((value, ctx) => {
    if (value.status !== "ended") return;
    if (!value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "responses.validation.endReasonRequired" });
    else if (typeof value.reason === "string" && chars(value.reason) < REASON_MIN) ctx.addIssue({ code: "custom", path: ["reason"], message: "responses.validation.reasonTooShort" });
  }, evenWhenFieldsFail);
export type ProjectStatusChange = z.infer<typeof projectStatusSchema>;

export const milestoneAddSchema = z.object({
  intent: z.literal("milestone-add", { message: "validation.choose" }),
  title: text(2, 100, { required: "responses.validation.milestoneRequired" }),
  dueDate: optionalDate,
});
export type MilestoneInput = z.infer<typeof milestoneAddSchema>;

export const milestoneDoneSchema = z.object({
  intent: z.literal("milestone-done", { message: "validation.choose" }),
  milestoneId: z.preprocess(
    cleanText,
    z
      .string({ message: "validation.required" })
      .regex(/^\d{1,15}$/, { message: "validation.integer" })
      .transform(Number),
  ),
});

const yesNo = z.enum(["yes", "no"], { message: "responses.validation.yesNo" }).transform((v) => v === "yes");

/** Task 52: how many students were placed, when, and whether the agreement and insurance are in place; no names. */
export const placementSchema = z
  .object({
    intent: z.literal("placement", { message: "validation.choose" }),
    studentsPlaced: count(0, 10_000),
    startDate: isoDate,
    endDate: optionalDate,
    tripartiteAgreement: yesNo,
    liabilityInsurance: yesNo,
  })
  .superRefine(endNotBeforeStart, evenWhenFieldsFail);
export type PlacementInput = z.infer<typeof placementSchema>;

export const projectActionSchema = z.discriminatedUnion("intent", [projectStatusSchema, milestoneAddSchema, milestoneDoneSchema, placementSchema], {
  message: "validation.choose",
});

/** Agreement files: PDF or an image (checked by content, app/models/stored-file.server.ts), at most 10 MB. */
export const AGREEMENT_MAX_BYTES = UPLOAD_LIMITS.projectAgreement;

/** A file name fit for storing and for a Content-Disposition header: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: unknown): string {
  const base = typeof name === "string" ? (name.split(/[/\\]/).pop() ?? "") : "";
  // eslint-disable-next-line no-control-regex
  const cleaned = Array.from(base.replace(/[\u0000-\u001f\u007f"]/g, "").trim()).slice(-120).join("");
  return cleaned || "agreement";
}
