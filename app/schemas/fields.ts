import { z } from "zod";
import { isValidCreditCode } from "../domain/credit-code.ts";
import { industryIds } from "../domain/industries.ts";
import { locationIds } from "../domain/locations.ts";

// Building blocks of every form schema. Messages are message-catalog keys, translated where shown.
// Form values arrive as strings; an empty string means "not given".
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const requiredText = (max: number, min = 1) =>
  z
    .string({ message: "validation.required" })
    .trim()
    .min(min, { message: min <= 1 ? "validation.required" : "validation.tooShort" })
    .max(max, { message: "validation.tooLong" });

export const optionalText = (max: number) =>
  z.preprocess(emptyToUndefined, z.string({ message: "validation.text" }).trim().max(max, { message: "validation.tooLong" }).optional());

export const email = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, { message: "validation.required" })
  .max(254, { message: "validation.tooLong" })
  .email({ message: "validation.email" })
  .transform((v) => v.toLowerCase());

export const mobilePhone = z
  .string({ message: "validation.required" })
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: "validation.mobile" });

export const creditCode = z
  .string({ message: "validation.required" })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => v.length === 18, { message: "validation.creditCodeLength" })
  .refine(isValidCreditCode, { message: "validation.creditCodeCheck" });

export const optionalCount = (max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "validation.number" })
      .int({ message: "validation.integer" })
      .min(0, { message: "validation.notNegative" })
      .max(max, { message: "validation.tooLarge" })
      .optional(),
  );

export const industry = z.enum(industryIds as [string, ...string[]], { message: "validation.choose" });
export const location = z.enum(locationIds as [string, ...string[]], { message: "validation.choose" });

/** A list field sent either as repeated form values or as one comma/、-separated string. */
export const tagList = (maxItems: number, maxLength = 30) =>
  z.preprocess(
    (v) => {
      const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[,，、;；\n]/) : [];
      return [...new Set(items.map((s) => String(s).trim()).filter(Boolean))];
    },
    z
      .array(z.string().max(maxLength, { message: "validation.tagTooLong" }))
      .max(maxItems, { message: "validation.tooManyTags" }),
  );

export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
