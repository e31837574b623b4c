import { z } from "zod";
import { newPasswordSchema } from "../domain/password-policy.ts";
import { checkbox, email, evenWhenFieldsFail, requiredText, tooLong } from "./fields.ts";
import { checkProfileRules, organizationProfileFields } from "./organization.ts";

export const loginSchema = z.object({
  email: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(254, { message: tooLong(254) }),
  password: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }).max(256, { message: tooLong(256) }),
  redirectTo: z.string({ message: "validation.text" }).max(500, { message: tooLong(500) }).optional(),
});

const passwordPair = {
  password: newPasswordSchema,
  passwordConfirm: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }),
};

function passwordsMatch(value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  // A failed password field still holds what was typed: comparing it tells the person about both at once.
  if (typeof value.passwordConfirm === "string" && value.passwordConfirm !== "" && value.password !== value.passwordConfirm) {
    ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "validation.passwordMismatch" });
  }
}

export const registrationSchema = z
  .object({
    ...organizationProfileFields,
    userName: requiredText(50),
    userEmail: email,
    ...passwordPair,
    consent: checkbox.refine((v) => v, { message: "validation.consentRequired" }),
  })
  .superRefine((value, ctx) => {
    checkProfileRules(value, ctx);
    passwordsMatch(value, ctx);
  }, evenWhenFieldsFail);
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object(passwordPair).superRefine(passwordsMatch, evenWhenFieldsFail);

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }).max(256),
    ...passwordPair,
  })
  .superRefine(passwordsMatch, evenWhenFieldsFail);

export const acceptInvitationSchema = z
  .object({ name: requiredText(50), ...passwordPair, consent: checkbox.refine((v) => v, { message: "validation.consentRequired" }) })
  .superRefine(passwordsMatch, evenWhenFieldsFail);
