import { z } from "zod";
import { kindsRequiringCreditCode, organizationKinds } from "../domain/organization-kinds.ts";
import { creditCode, email, evenWhenFieldsFail, industry, location, mobilePhone, optionalCount, optionalText, requiredText, tagList } from "./fields.ts";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An organisation's profile: registration and the profile editor share it. */
export const organizationProfileFields = {
  kind: z.enum(organizationKinds, { message: "validation.choose" }),
  name: requiredText(100, 2),
  creditCode: z.preprocess(emptyToUndefined, creditCode.optional()),
  industry: z.preprocess(emptyToUndefined, industry.optional()),
  location: z.preprocess(emptyToUndefined, location.optional()),
  address: optionalText(200),
  contactName: requiredText(50),
  contactPhone: mobilePhone,
  contactEmail: email,
  staffCount: optionalCount(1_000_000),
  annualPayroll: optionalCount(1_000_000_000_000),
  studentCount: optionalCount(1_000_000),
  majors: tagList(40),
  description: optionalText(4000, { multiline: true }),
};

type ProfileShape = z.infer<z.ZodObject<typeof organizationProfileFields>>;

export function checkProfileRules(value: ProfileShape, ctx: z.RefinementCtx) {
  if (kindsRequiringCreditCode.includes(value.kind) && !value.creditCode) {
    ctx.addIssue({ code: "custom", path: ["creditCode"], message: "validation.creditCodeRequired" });
  }
  if (value.kind === "enterprise") {
    if (!value.industry) ctx.addIssue({ code: "custom", path: ["industry"], message: "validation.industryRequired" });
    if (value.staffCount === undefined)
      ctx.addIssue({ code: "custom", path: ["staffCount"], message: "validation.staffRequired" });
  }
}

export const organizationProfileSchema = z.object(organizationProfileFields).superRefine(checkProfileRules, evenWhenFieldsFail);
export type OrganizationProfileInput = z.infer<typeof organizationProfileSchema>;
