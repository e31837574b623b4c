import { z } from "zod";
import { isValidCreditCode } from "../domain/credit-code.ts";
import { industryIds } from "../domain/industries.ts";
import { locationIds } from "../domain/locations.ts";
import { keyWithVars } from "../i18n/translate.ts";

// Building blocks of every form schema. Messages are message-catalog keys, translated where shown.
// Form values arrive as strings; an empty string means "not given".
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const firstOf = (v: unknown) => (Array.isArray(v) ? v[0] : v);

// C0 and C1 control characters and DEL, tab and line feed aside. PostgreSQL refuses NUL in text outright (a 500 before
// this), and the others only garble pages, exports and logs: no one types them, pasted text carries them by accident.
// eslint-disable-next-line no-control-regex -- control characters are what this checks for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text without control characters; single-line text also turns tabs and line breaks into spaces. */
export function cleanControls(text: string, options: { multiline?: boolean } = {}): string {
  const kept = text.replace(/\r\n?/g, "\n").replace(CONTROL, "");
  return options.multiline ? kept : kept.replace(/[\t\n]+/g, " ");
}

/** Multi-line text as a preprocess step: cleaned and trimmed, blank means not given. */
export const cleanText = (v: unknown) => (typeof v === "string" ? cleanControls(v, { multiline: true }).trim() || undefined : v);

/** Messages that name the limit a value broke, so a person knows how far to go. */
export const tooLong = (max: number) => keyWithVars("validation.tooLong", { max });
export const tooShort = (min: number) => keyWithVars("validation.tooShort", { min });
export const tooLarge = (max: number) => keyWithVars("validation.tooLarge", { max });
export const tooSmall = (min: number) => keyWithVars("validation.tooSmall", { min });

/**
 * For an object-level rule (dates in order, a field required by another): run it even when some field failed, so a
 * person sees every error at the first submit. Such a rule must check the type of each value it reads.
 */
export const evenWhenFieldsFail = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
};

interface TextOptions {
  /** a textarea: line breaks and tabs are kept */
  multiline?: boolean;
}

export const requiredText = (max: number, min = 1, options: TextOptions = {}) => {
  const given = z
    .string({ message: "validation.required" })
    .overwrite((v) => cleanControls(v, options))
    .trim()
    .min(1, { message: "validation.required" });
  // Blank says "required" alone; text that is there but short says how long it must be.
  return (min > 1 ? given.min(min, { message: tooShort(min) }) : given).max(max, { message: tooLong(max) });
};

export const optionalText = (max: number, options: TextOptions = {}) =>
  z.preprocess(
    (v) => emptyToUndefined(typeof v === "string" ? cleanControls(v, options) : v),
    z.string({ message: "validation.text" }).trim().max(max, { message: tooLong(max) }).optional(),
  );

/**
 * A free-text filter from the address bar (?q=…): the first value, cleaned, cut to `max` characters; anything else
 * means no filter. Never an error: it is a link someone may have edited by hand.
 */
export const filterText = (max = 100) =>
  z
    .preprocess((v) => {
      const value = firstOf(v);
      if (typeof value !== "string") return undefined;
      return Array.from(cleanControls(value).trim()).slice(0, max).join("").trim() || undefined;
    }, z.string().optional())
    .catch(undefined);

export const email = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, { message: "validation.required" })
  .max(254, { message: tooLong(254) })
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
      .max(max, { message: tooLarge(max) })
      .optional(),
  );

export const industry = z.enum(industryIds as [string, ...string[]], { message: "validation.choose" });
export const location = z.enum(locationIds as [string, ...string[]], { message: "validation.choose" });

/** A list field sent either as repeated form values or as one comma/、-separated string. */
export const tagList = (maxItems: number, maxLength = 30) =>
  z.preprocess(
    (v) => {
      const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[,，、;；\n]/) : [];
      return [...new Set(items.map((s) => cleanControls(String(s)).trim()).filter(Boolean))];
    },
    z
      .array(z.string().max(maxLength, { message: "validation.tagTooLong" }))
      .max(maxItems, { message: "validation.tooManyTags" }),
  );

export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
