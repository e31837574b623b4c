import { z } from "zod";
import { changePasswordSchema } from "./auth.ts";
import { checkbox, mobilePhone, requiredText, tooLong } from "./fields.ts";

// A user's own account forms; messages are catalog keys.
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const profileSchema = z.object({
  name: requiredText(50),
  phone: z.preprocess(emptyToUndefined, mobilePhone.optional()),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const deleteAccountSchema = z.object({
  password: z
    .string({ message: "validation.required" })
    .min(1, { message: "validation.required" })
    .max(256, { message: tooLong(256) }),
  confirm: checkbox.refine((v) => v, { message: "account.delete.confirmRequired" }),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;

/** Ending one session: the id is the stored session id (a SHA-256 hex digest). */
export const endSessionSchema = z.object({
  sessionId: z.string({ message: "validation.required" }).regex(/^[0-9a-f]{64}$/, { message: "validation.required" }),
});

/** The account page's one form post: the intent picks which of its forms was sent. */
export const accountActionSchema = z.discriminatedUnion("intent", [
  profileSchema.extend({ intent: z.literal("profile") }),
  changePasswordSchema.safeExtend({ intent: z.literal("password") }),
  endSessionSchema.extend({ intent: z.literal("end-session") }),
  z.object({ intent: z.literal("end-others") }),
], { message: "validation.choose" });
