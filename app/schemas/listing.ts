import { z } from "zod";
import {
  cooperationTypes,
  deliveryModes,
  listingKinds,
  maturityLevels,
  provisionLevels,
  transferModes,
  type ListingKind,
} from "../domain/listing-kinds.ts";
import { keyWithVars } from "../i18n/translate.ts";
import { checkbox, evenWhenFieldsFail, industry, location, optionalCount, optionalText, requiredText, tagList, tooLarge, tooLong, tooSmall } from "./fields.ts";

// One schema per kind of listing, shared by the form (react-hook-form) and the action. Form fields are flat;
// splitListingInput() turns a parsed value into the common columns and the kind's `details`.

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const isoDate = z
  .string({ message: "validation.required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "validation.date" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: "validation.date",
  });

const requiredCount = (min: number, max: number, overMax = tooLarge(max)) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "validation.required" })
      .int({ message: "validation.integer" })
      .min(min, { message: min === 1 ? "validation.atLeastOne" : min === 0 ? "validation.notNegative" : tooSmall(min) })
      .max(max, { message: overMax }),
  );

const contactPhone = z
  .string({ message: "validation.required" })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: "validation.phone" });

export const listingCommonFields = {
  title: requiredText(80, 4),
  description: requiredText(5000, 10, { multiline: true }),
  industry,
  majors: tagList(20),
  skills: tagList(20),
  location: z.preprocess(emptyToUndefined, location.optional()),
  validUntil: isoDate,
  contactName: requiredText(50),
  contactPhone,
  contactEmail: z.preprocess(
    emptyToUndefined,
    z.string({ message: "validation.email" }).trim().max(254, { message: tooLong(254) }).email({ message: "validation.email" }).optional(),
  ),
};

const internshipFields = {
  positions: requiredCount(1, 10_000),
  startDate: isoDate,
  endDate: isoDate,
  hoursPerWeek: requiredCount(1, 44, keyWithVars("validation.hoursPerWeek", { max: 44 })),
  monthlyPay: requiredCount(1, 100_000),
  insurance: checkbox,
  accommodation: z.enum(provisionLevels, { message: "validation.choose" }),
  meals: z.enum(provisionLevels, { message: "validation.choose" }),
  supervisor: checkbox,
};

const orderTrainingFields = {
  major: requiredText(40),
  students: requiredCount(1, 5_000),
  cohort: requiredCount(2020, 2040),
  trainingPeriod: requiredText(40),
  employmentOnCompletion: checkbox,
  scholarship: optionalCount(1_000_000),
  practiceShare: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "validation.number" })
      .int({ message: "validation.integer" })
      .min(0, { message: "validation.percent" })
      .max(100, { message: "validation.percent" })
      .optional(),
  ),
  certificate: optionalText(100),
};

export interface Course {
  name: string;
  hours: number;
}

/** One course per line: "课程名称 32" or "课程名称：32学时". */
export function parseCourses(text: string): Course[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const courses: Course[] = [];
  for (const line of lines) {
    const match = /^(.{1,60}?)[\s:：|,，]+(\d{1,4})\s*(学时|课时|小时|h)?$/.exec(line);
    if (!match) return null;
    courses.push({ name: match[1].trim(), hours: Number(match[2]) });
  }
  return courses;
}

const trainingPackageFields = {
  courses: z
    .string({ message: "validation.required" })
    .max(4000, { message: tooLong(4000) })
    .transform((text, ctx) => {
      const courses = parseCourses(text);
      if (!courses || courses.length === 0 || courses.length > 50 || courses.some((c) => c.hours < 1)) {
        ctx.addIssue({ code: "custom", message: "validation.courses" });
        return z.NEVER;
      }
      return courses;
    }),
  priceYuan: requiredCount(0, 10_000_000),
  mode: z.enum(deliveryModes, { message: "validation.choose" }),
  audience: requiredText(200),
  certificate: optionalText(100),
  seats: requiredCount(1, 10_000),
  schedule: requiredText(200),
};

const cooperationFields = {
  cooperationType: z.enum(cooperationTypes, { message: "validation.choose" }),
  budgetMinWan: optionalCount(1_000_000),
  budgetMaxWan: optionalCount(1_000_000),
  durationMonths: optionalCount(240),
};

const researchResultFields = {
  field: requiredText(60),
  maturity: z.enum(maturityLevels, { message: "validation.choose" }),
  transferMode: z.enum(transferModes, { message: "validation.choose" }),
  patents: tagList(20, 60),
};

const fieldsOf = {
  internship: internshipFields,
  order_training: orderTrainingFields,
  training_package: trainingPackageFields,
  cooperation: cooperationFields,
  research_result: researchResultFields,
} as const;

export const detailKeysOf: Record<ListingKind, string[]> = Object.fromEntries(
  listingKinds.map((k) => [k, Object.keys(fieldsOf[k])]),
) as Record<ListingKind, string[]>;

function checkRules(kind: ListingKind, value: Record<string, unknown>, ctx: z.RefinementCtx) {
  if (kind === "internship" && typeof value.startDate === "string" && typeof value.endDate === "string") {
    if (value.endDate < value.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "validation.endBeforeStart" });
  }
  if (kind === "cooperation") {
    const min = value.budgetMinWan;
    const max = value.budgetMaxWan;
    if (typeof min === "number" && typeof max === "number" && max < min) {
      ctx.addIssue({ code: "custom", path: ["budgetMaxWan"], message: "validation.budgetRange" });
    }
  }
}

const schemas = Object.fromEntries(
  listingKinds.map((kind) => [
    kind,
    z
      .object({ ...listingCommonFields, ...fieldsOf[kind] })
      .superRefine((value, ctx) => checkRules(kind, value as Record<string, unknown>, ctx), evenWhenFieldsFail),
  ]),
) as unknown as { [K in ListingKind]: z.ZodType<Record<string, unknown>> };

export function listingSchemaFor(kind: ListingKind) {
  return schemas[kind];
}

export const listingKindSchema = z.enum(listingKinds, { message: "validation.choose" });

export interface ListingInput {
  title: string;
  description: string;
  industry: string;
  majors: string[];
  skills: string[];
  location?: string;
  validUntil: string;
  contactName: string;
  contactPhone: string;
  contactEmail?: string;
  details: Record<string, unknown>;
}

export function splitListingInput(kind: ListingKind, value: Record<string, unknown>): ListingInput {
  const details: Record<string, unknown> = {};
  for (const key of detailKeysOf[kind]) if (value[key] !== undefined) details[key] = value[key];
  if (kind === "training_package") {
    details.totalHours = (details.courses as Course[]).reduce((sum, c) => sum + c.hours, 0);
  }
  return {
    title: value.title as string,
    description: value.description as string,
    industry: value.industry as string,
    majors: value.majors as string[],
    skills: value.skills as string[],
    location: value.location as string | undefined,
    validUntil: value.validUntil as string,
    contactName: value.contactName as string,
    contactPhone: value.contactPhone as string,
    contactEmail: value.contactEmail as string | undefined,
    details,
  };
}

/** Flat form values of a stored listing, for the edit form. */
export function listingFormValues(listing: {
  title: string;
  description: string;
  industry: string | null;
  majors: string[];
  skills: string[];
  location: string | null;
  valid_until: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  details: Record<string, unknown>;
}): Record<string, unknown> {
  const details = { ...listing.details };
  if (Array.isArray(details.courses)) {
    details.courses = (details.courses as Course[]).map((c) => `${c.name} ${c.hours}`).join("\n");
  }
  delete details.totalHours;
  return {
    title: listing.title,
    description: listing.description,
    industry: listing.industry ?? "",
    majors: listing.majors.join("、"),
    skills: listing.skills.join("、"),
    location: listing.location ?? "",
    validUntil: listing.valid_until,
    contactName: listing.contact_name ?? "",
    contactPhone: listing.contact_phone ?? "",
    contactEmail: listing.contact_email ?? "",
    ...Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === "number" ? String(v) : v])),
  };
}
