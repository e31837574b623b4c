import { z } from "zod";
import { defaultInternshipRules, internshipRuleIds } from "../domain/internship-rules.ts";
import { evenWhenFieldsFail, requiredText } from "./fields.ts";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An administrator's change to one rule: its figure (where it has one), source and level, and why. */
export const internshipRuleChangeSchema = z
  .object({
    rule: z.enum(internshipRuleIds, { message: "validation.choose" }),
    figure: z.preprocess(
      emptyToUndefined,
      z
        .string({ message: "internshipRules.figureRange" })
        .trim()
        .regex(/^\d{1,4}$/, { message: "internshipRules.figureRange" })
        .transform(Number)
        .refine((n) => n <= 1000, { message: "internshipRules.figureRange" })
        .optional(),
    ),
    article: requiredText(200, 4),
    level: z.enum(["refuse", "warn"], { message: "validation.choose" }),
    reason: requiredText(500, 5, { multiline: true }),
  })
  .superRefine((value, ctx) => {
    if (!(internshipRuleIds as readonly unknown[]).includes(value.rule)) return;
    const hasFigure = defaultInternshipRules[value.rule].figure !== null;
    if (hasFigure && value.figure === undefined) ctx.addIssue({ code: "custom", path: ["figure"], message: "internshipRules.figureRequired" });
    if (!hasFigure && value.figure !== undefined) ctx.addIssue({ code: "custom", path: ["figure"], message: "internshipRules.figureNone" });
  }, evenWhenFieldsFail);
export type InternshipRuleChange = z.infer<typeof internshipRuleChangeSchema>;
