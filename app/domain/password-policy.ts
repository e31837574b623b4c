import { z } from "zod";
import { commonPasswords } from "./common-passwords.ts";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
}

/** Shared by every form that sets a password; messages are catalog keys. */
export const newPasswordSchema = z
  .string({ message: "validation.required" })
  .min(PASSWORD_MIN_LENGTH, { message: "validation.passwordTooShort" })
  .max(PASSWORD_MAX_LENGTH, { message: "validation.passwordTooLong" })
  .refine((p) => characterClasses(p) >= 3, { message: "validation.passwordClasses" })
  .refine((p) => !commonPasswords.has(p.toLowerCase()), { message: "validation.passwordCommon" });
