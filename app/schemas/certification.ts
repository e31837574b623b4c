import { z } from "zod";
import { cleanText, filterText, tooLarge, tooLong, tooShort } from "./fields.ts";
import { industryIds } from "../domain/industries.ts";
import { parseYuanToFen } from "../domain/surcharge-credit.ts";
import { organizationKinds } from "../domain/organization-kinds.ts";
import { uuidField } from "./ids.ts";
import { UPLOAD_LIMITS } from "../domain/upload-limits.ts";

// Forms of the certification module. Messages are catalog keys (app/i18n/messages/certification.ts).

export const REASON_MIN = 5;
export const REASON_MAX = 500;
export const STATEMENT_MAX = 2000;
export const COMMENT_MIN = 2;
export const COMMENT_MAX = 1000;
export const MAX_CRITERIA = 12;
export const MAX_FILE_BYTES = UPLOAD_LIMITS.certificationEvidence;

const chars = (text: string) => Array.from(text).length;
/** Trimmed text without NUL characters (PostgreSQL refuses them); blank is not given. */
const firstOf = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const TYPE_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
export const typeCode = z.preprocess(
  firstOf,
  z.string({ message: "certification.validation.type" }).regex(TYPE_CODE_PATTERN, { message: "certification.validation.type" }),
);

const uuid = z.preprocess(
  firstOf,
  uuidField("validation.choose"),
);

/** A reason (decisions, revocations): 5–500 characters as a person counts them. */
export const reason = z.preprocess(
  (v) => cleanText(firstOf(v)),
  z
    .string({ message: "certification.validation.reasonRequired" })
    .refine((v) => chars(v) >= REASON_MIN, { message: "certification.validation.reasonTooShort" })
    .refine((v) => chars(v) <= REASON_MAX, { message: "certification.validation.reasonTooLong" }),
);

const intNumber = (min: number, max: number, overMax = tooLarge(max)) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : firstOf(v)),
    z.coerce
      .number({ message: "validation.number" })
      .refine((n) => Number.isFinite(n), { message: "validation.number" })
      .refine((n) => Number.isInteger(n), { message: "validation.integer" })
      .refine((n) => n >= min, { message: "validation.notNegative" })
      .refine((n) => n <= max, { message: overMax }),
  );

export const applySchema = z.object({ typeCode });

/** Field names of the evidence form: value__<criterion>, statement__<criterion>. */
export const valueField = (key: string) => `value__${key}`;
export const statementField = (key: string) => `statement__${key}`;
export const scoreField = (key: string) => `score__${key}`;
export const commentField = (key: string) => `comment__${key}`;

/** The applicant's figure and statement for each criterion of the rubric (both optional in a draft). */
export function evidenceSchema(keys: string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const key of keys) {
    shape[valueField(key)] = z.preprocess(
      (v) => {
        const s = firstOf(v);
        if (s === undefined || s === null || (typeof s === "string" && s.trim() === "")) return undefined;
        return typeof s === "string" ? s.trim().replace(/[,，]/g, "") : s;
      },
      z.coerce
        .number({ message: "validation.number" })
        .refine((n) => Number.isFinite(n), { message: "validation.number" })
        .refine((n) => n >= 0, { message: "validation.notNegative" })
        .refine((n) => n <= 1e12, { message: tooLarge(1e12) })
        .optional(),
    );
    shape[statementField(key)] = z.preprocess(
      (v) => cleanText(firstOf(v)) ?? "",
      z
        .string({ message: "validation.text" })
        .refine((v) => chars(v) <= STATEMENT_MAX, { message: tooLong(STATEMENT_MAX) }),
    );
  }
  return z.object(shape);
}

/** A reviewer's score (0 … weight, whole points) and comment for every criterion. */
export function reviewSchema(criteria: Array<{ key: string; weight: number }>) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of criteria) {
    shape[scoreField(c.key)] = z.preprocess(
      (v) => {
        const s = firstOf(v);
        return typeof s === "string" && s.trim() === "" ? undefined : s;
      },
      z.coerce
        .number({ message: "certification.validation.scoreRequired" })
        .refine((n) => Number.isInteger(n), { message: "validation.integer" })
        .refine((n) => n >= 0 && n <= c.weight, { message: "certification.validation.scoreRange" }),
    );
    shape[commentField(c.key)] = z.preprocess(
      (v) => cleanText(firstOf(v)),
      z
        .string({ message: "certification.validation.commentRequired" })
        .refine((v) => chars(v) >= COMMENT_MIN, { message: "certification.validation.commentRequired" })
        .refine((v) => chars(v) <= COMMENT_MAX, { message: tooLong(COMMENT_MAX) }),
    );
  }
  return z.object(shape);
}

export const decisionIntents = ["approve", "reject", "return"] as const;
export type DecisionIntent = (typeof decisionIntents)[number];

/** An administrator's decision: always with a reason. */
export const decisionSchema = z.object({
  intent: z.enum(decisionIntents, { message: "validation.choose" }),
  reason,
});

export const revokeSchema = z.object({ certificateId: uuid, reason });
export const assignSchema = z.object({ reviewerId: uuid });

const typeName = z.preprocess(
  (v) => cleanText(firstOf(v)),
  z
    .string({ message: "validation.required" })
    .refine((v) => chars(v) >= 2, { message: tooShort(2) })
    .refine((v) => chars(v) <= 40, { message: tooLong(40) }),
);

const applicantKinds = z.preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
  z.array(z.enum(organizationKinds, { message: "validation.choose" })).max(organizationKinds.length, { message: "validation.choose" }),
);

/** Settings of a certification type (the code is fixed once made). */
export const typeSettingsSchema = z.object({
  name: typeName,
  validityYears: intNumber(1, 10, "certification.validation.validityRange"),
  noticeDays: intNumber(0, 60, "certification.validation.noticeRange"),
  applicantKinds,
});

export const newTypeSchema = typeSettingsSchema.extend({ code: typeCode });

/** A new rubric version: up to MAX_CRITERIA rows (key_i, title_i, weight_i, evidence_i, figures_i); blank rows ignored. */
export const rubricSchema = z
  .record(z.string(), z.unknown())
  .transform((input, ctx) => {
    const text = (name: string) => {
      const v = Object.hasOwn(input, name) ? cleanText(firstOf(input[name])) : undefined;
      return typeof v === "string" ? v : undefined;
    };
    const passRaw = text("passMark");
    const passMark = passRaw !== undefined && /^\d{1,3}$/.test(passRaw) ? Number(passRaw) : NaN;
    if (!(passMark >= 0 && passMark <= 100)) ctx.addIssue({ code: "custom", path: ["passMark"], message: "certification.validation.passMark" });
    const criteria: Array<{ key: string; title: string; weight: number; evidence: string; figures: string[] }> = [];
    const keys = new Set<string>();
    for (let i = 0; i < MAX_CRITERIA; i++) {
      const key = text(`key_${i}`);
      const title = text(`title_${i}`);
      const weight = text(`weight_${i}`);
      const evidence = text(`evidence_${i}`) ?? "";
      const figures = text(`figures_${i}`);
      if (!key && !title && !weight) continue;
      if (!key || !/^[a-z][a-z0-9_]{0,39}$/.test(key) || keys.has(key)) {
        ctx.addIssue({ code: "custom", path: [`key_${i}`], message: "certification.validation.criterionKey" });
        continue;
      }
      keys.add(key);
      if (!title || chars(title) > 80) ctx.addIssue({ code: "custom", path: [`title_${i}`], message: "validation.required" });
      if (!weight || !/^\d{1,3}$/.test(weight) || Number(weight) < 1 || Number(weight) > 100) {
        ctx.addIssue({ code: "custom", path: [`weight_${i}`], message: "certification.validation.weight" });
      }
      if (chars(evidence) > 300) ctx.addIssue({ code: "custom", path: [`evidence_${i}`], message: tooLong(300) });
      const figureList = (figures ?? "").split(/[,，、\s]+/).filter(Boolean).slice(0, 10);
      criteria.push({ key, title: title ?? "", weight: Number(weight), evidence, figures: figureList });
    }
    if (criteria.length === 0) ctx.addIssue({ code: "custom", path: ["key_0"], message: "certification.validation.noCriteria" });
    else if (criteria.reduce((s, c) => s + (Number.isFinite(c.weight) ? c.weight : 0), 0) !== 100) {
      ctx.addIssue({ code: "custom", path: ["passMark"], message: "certification.validation.weightsSum" });
    }
    return { passMark, criteria };
  });

/** One year of the education-surcharge credit estimator; amounts in yuan with up to two decimals. */
const yuan = z.preprocess(
  (v) => cleanText(firstOf(v)),
  z
    .string({ message: "certification.validation.amount" })
    .transform((v, ctx) => {
      const fen = parseYuanToFen(v);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: "certification.validation.amount" });
        return z.NEVER;
      }
      return fen;
    }),
);

export const creditYearSchema = z.object({
  year: intNumber(2000, 2100, "certification.validation.year"),
  investment: yuan,
  payable: yuan,
});

export const deleteCreditYearSchema = z.object({ year: intNumber(2000, 2100, "certification.validation.year") });

/** The public directory's filters (from the URL: bad values fall back to none). */
export const directoryFilterSchema = z.object({
  type: z.preprocess((v) => emptyToUndefined(firstOf(v)), z.string().regex(TYPE_CODE_PATTERN).optional()).catch(undefined),
  industry: z.preprocess((v) => emptyToUndefined(firstOf(v)), z.enum(industryIds as [string, ...string[]]).optional()).catch(undefined),
  q: filterText(50),
});

export const applicationStatuses = ["draft", "submitted", "under_review", "returned", "rejected", "approved", "certified"] as const;

export const queueFilterSchema = z.object({
  status: z
    .preprocess((v) => emptyToUndefined(firstOf(v)), z.enum([...applicationStatuses, "open", "all"] as const).optional())
    .catch(undefined),
});

export const fileFieldSchema = z.object({ criterionKey: z.preprocess(firstOf, z.string({ message: "validation.choose" }).regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "validation.choose" })) });
export const deleteFileSchema = z.object({ fileId: uuid });

// Objections to a public notice (公示异议): anyone may file one; administrators alone see who filed it.
export const OBJECTION_MIN = 20;
export const OBJECTION_MAX = 2000;

const boundedText = (min: number, max: number, messages: { required: string; tooShort: string; tooLong: string }) =>
  z.preprocess(
    (v) => cleanText(firstOf(v)),
    z
      .string({ message: messages.required })
      .refine((v) => chars(v) >= min, { message: messages.tooShort })
      .refine((v) => chars(v) <= max, { message: messages.tooLong }),
  );

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;

export const objectionSchema = z.object({
  name: boundedText(2, 50, {
    required: "certification.validation.objectorName",
    tooShort: "certification.validation.objectorName",
    tooLong: tooLong(50),
  }),
  organization: z.preprocess(
    (v) => cleanText(firstOf(v)),
    z
      .string({ message: "validation.text" })
      .refine((v) => chars(v) <= 100, { message: tooLong(100) })
      .optional(),
  ),
  contact: z.preprocess(
    (v) => cleanText(firstOf(v)),
    z
      .string({ message: "certification.validation.objectorContact" })
      .refine((v) => PHONE.test(v) || EMAIL.test(v), { message: "certification.validation.objectorContact" }),
  ),
  content: boundedText(OBJECTION_MIN, OBJECTION_MAX, {
    required: "certification.validation.objectionContent",
    tooShort: "certification.validation.objectionContent",
    tooLong: "certification.validation.objectionTooLong",
  }),
});
export type ObjectionInput = z.infer<typeof objectionSchema>;

/** A 受理编号: the first eight hex digits of the objection's id, as the receipt shows them. */
export const OBJECTION_REFERENCE = /^[0-9A-F]{8}$/;

/** Normalised for comparison: lower case, without spaces or hyphens (029-84812345 is 02984812345). */
export const normalizeObjectionContact = (contact: string) => contact.toLowerCase().replace(/[\s-]/g, "");

/** The objector's lookup: the 受理编号 and the contact they gave in the objection. */
export const objectionLookupSchema = z.object({
  reference: z.preprocess(
    (v) => {
      const value = firstOf(v);
      return typeof value === "string" ? value.replace(/[\s-]/g, "").toUpperCase() : value;
    },
    z.string({ message: "certification.lookup.badReference" }).regex(OBJECTION_REFERENCE, { message: "certification.lookup.badReference" }),
  ),
  contact: z.preprocess(
    (v) => cleanText(firstOf(v)),
    z
      .string({ message: "certification.lookup.badContact" })
      .refine((v) => Array.from(v).length <= 254 && (PHONE.test(v) || EMAIL.test(v)), { message: "certification.lookup.badContact" }),
  ),
});
export type ObjectionLookupInput = z.infer<typeof objectionLookupSchema>;

export const objectionHandlings = ["dismiss", "uphold"] as const;
export const handleObjectionSchema = z.object({
  objectionId: uuid,
  handling: z.preprocess(firstOf, z.enum(objectionHandlings, { message: "validation.choose" })),
  note: reason,
});
