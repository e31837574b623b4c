import { z } from "zod";
import { cleanControls, tooLong } from "./fields.ts";

// What the site says about itself (footer, 公示 page, accessibility statement), edited at /admin/settings.
// Every field may be left empty, which hides its line. Messages are catalog keys (app/i18n/messages/site.ts).

const firstOf = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** One line of text, cleaned; blank (or a missing field) is "not set", stored as null. */
const line = (v: unknown) => {
  const value = firstOf(v);
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? cleanControls(value).trim() || null : value;
};

const optional = (max: number, check?: { pattern: RegExp; message: "site.validation.phone" | "site.validation.icp" | "site.validation.police" | "site.validation.siteCode" | "validation.email" }) =>
  z.preprocess(
    line,
    z
      .string({ message: "validation.text" })
      .refine((v) => Array.from(v).length <= max, { message: tooLong(max) })
      .refine((v) => !check || check.pattern.test(v), { message: check?.message ?? "validation.text" })
      .nullable(),
  );

/** A mobile, a landline with its area code (and extension), a 400 number or a 5-digit government hotline such as 12345. */
export const SITE_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|1\d{4})$/;
const SITE_EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;
/** 陕ICP备2026012345号, optionally with a site number (-1). */
export const ICP_NUMBER = /^[\u4e00-\u9fa5]ICP备\d{6,12}号(-\d{1,3})?$/;
/** 陕公网安备61011802000123号: a province and the 14-digit record code. */
export const POLICE_NUMBER = /^[\u4e00-\u9fa5]公网安备 ?\d{14}号$/;
/** 网站标识码: ten letters or digits (6101180001, bm01000001). */
export const SITE_CODE = /^[A-Za-z0-9]{10}$/;

export const siteSettingsSchema = z.object({
  sponsor: optional(100),
  organizer: optional(100),
  contactAddress: optional(200),
  contactPhone: optional(30, { pattern: SITE_PHONE, message: "site.validation.phone" }),
  contactEmail: optional(254, { pattern: SITE_EMAIL, message: "validation.email" }),
  icpNumber: optional(40, { pattern: ICP_NUMBER, message: "site.validation.icp" }),
  policeNumber: optional(40, { pattern: POLICE_NUMBER, message: "site.validation.police" }),
  siteCode: optional(10, { pattern: SITE_CODE, message: "site.validation.siteCode" }),
  objectionAddress: optional(200),
  objectionPhone: optional(30, { pattern: SITE_PHONE, message: "site.validation.phone" }),
});
export type SiteSettingsInput = z.infer<typeof siteSettingsSchema>;
/** The settings as stored and shown: null is "not set". */
export type SiteSettings = { [K in keyof SiteSettingsInput]: string | null };
export const siteSettingsFields = Object.keys(siteSettingsSchema.shape) as Array<keyof SiteSettingsInput>;

/** The record code of a 公安备案号, for the query link at beian.mps.gov.cn. */
export function policeRecordCode(number: string): string {
  return number.replace(/\D/g, "");
}
