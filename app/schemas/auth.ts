import { z } from "zod";
import { newPasswordSchema } from "../domain/password-policy.ts";
import { checkbox, email, requiredText } from "./fields.ts";
import { checkProfileRules, organizationProfileFields } from "./organization.ts";

export const loginSchema = z.object({
  email: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(254, { message: "validation.tooLong" }),
  password: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }).max(256, { message: "validation.tooLong" }),
  redirectTo: z.string({ message: "validation.text" }).max(500, { message: "validation.tooLong" }).optional(),
});

const passwordPair = {
  password: newPasswordSchema,
  passwordConfirm: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }),
};

function passwordsMatch(value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.passwordConfirm) {
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
  });
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object(passwordPair).superRefine(passwordsMatch);

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }).max(256),
    ...passwordPair,
  })
  .superRefine(passwordsMatch);

export const acceptInvitationSchema = z
  .object({ name: requiredText(50), ...passwordPair, consent: checkbox.refine((v) => v, { message: "validation.consentRequired" }) })
  .superRefine(passwordsMatch);
