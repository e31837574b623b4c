import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { commonPasswords } from "../../app/domain/common-passwords.ts";
import { characterClasses } from "../../app/domain/password-policy.ts";
import { accountActionSchema, deleteAccountSchema, endSessionSchema, profileSchema } from "../../app/schemas/account.ts";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from "../../app/schemas/auth.ts";
import { parseForm } from "../../app/utils/forms.server.ts";
import {
  hostileStrings as hostileStringsWith,
  isCatalogKey,
  messagesOf,
  propertyNeverThrows,
  prototypeKeys,
} from "../support/hostile-input.ts";

const schemas: Record<string, { schema: z.ZodType; fields: string[] }> = {
  profile: { schema: profileSchema, fields: ["name", "phone"] },
  deleteAccount: { schema: deleteAccountSchema, fields: ["password", "confirm"] },
  endSession: { schema: endSessionSchema, fields: ["sessionId"] },
  changePassword: { schema: changePasswordSchema, fields: ["currentPassword", "password", "passwordConfirm"] },
  forgotPassword: { schema: forgotPasswordSchema, fields: ["email"] },
  resetPassword: { schema: resetPasswordSchema, fields: ["password", "passwordConfirm"] },
  accountAction: { schema: accountActionSchema, fields: ["intent", "name", "phone", "currentPassword", "password", "passwordConfirm", "sessionId"] },
};

// Phone numbers and numbers that overflow, as the forms send them; one far beyond any limit.
const hostileStrings = hostileStringsWith(["13800000000", "1e400", "a".repeat(100_000)]);
// Repeated fields of any of those, and the intents of the account page.
const accountValues = [fc.array(hostileStrings, { maxLength: 4 }), "profile", "password", "end-session", "end-others"];

describe.each(Object.entries(schemas))("the %s form schema", (_name, { schema, fields }) => {
  it("never throws on random and hostile objects, and refuses only with catalog keys", () => {
    propertyNeverThrows(schema, [...fields, "intent", "x"], { extras: accountValues, numRuns: 300 });
  });

  it("never throws on hostile form posts (repeated keys, prototype names) read through parseForm", () => {
    const entries = fc.array(fc.tuple(fc.constantFrom(...fields, ...prototypeKeys), hostileStrings), { maxLength: 10 });
    fc.assert(
      fc.property(entries, (pairs) => {
        const formData = new FormData();
        for (const [key, value] of pairs) formData.append(key, value);
        const parsed = parseForm(schema, formData);
        if (!parsed.ok) {
          for (const message of Object.values(parsed.failure.fieldErrors)) expect(isCatalogKey(message), message).toBe(true);
          // Passwords are never echoed back into the page.
          expect(Object.keys(parsed.failure.values).some((k) => /password/i.test(k))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("the password policy on every form that sets a password", () => {
  const setters = {
    reset: (password: string) => resetPasswordSchema.safeParse({ password, passwordConfirm: password }),
    change: (password: string) => changePasswordSchema.safeParse({ currentPassword: "Old-Pass-2025!", password, passwordConfirm: password }),
  };

  it.each(Object.entries(setters))("%s: refuses short, two-class and common passwords, accepts a strong one", (_name, set) => {
    expect(messagesOf(set("Ab1-x"))).toContain("validation.passwordTooShort");
    expect(messagesOf(set("Ab1-xyz"))).toContain("validation.passwordTooShort");
    expect(messagesOf(set("abcdefgh12345"))).toEqual(["validation.passwordClasses"]);
    expect(messagesOf(set("ABCDEFGH!!!!"))).toEqual(["validation.passwordClasses"]);
    expect(messagesOf(set("Password123"))).toEqual(["validation.passwordCommon"]);
    expect(messagesOf(set("P@ssw0rd"))).toEqual(["validation.passwordCommon"]);
    expect(messagesOf(set("Woaini1314"))).toEqual(["validation.passwordCommon"]);
    expect(messagesOf(set("x".repeat(129) + "A1!"))).toContain("validation.passwordTooLong");
    expect(set("Huyi-Chanjiao-2026").success).toBe(true);
  });

  it("accepts a password only when it is 8–128 long, has 3 classes and is not a common one", () => {
    const candidates = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...commonPasswords).map((p) => p[0].toUpperCase() + p.slice(1)));
    fc.assert(
      fc.property(candidates, (password) => {
        const ok = setters.reset(password).success;
        const expected =
          password.length >= 8 && password.length <= 128 && characterClasses(password) >= 3 && !commonPasswords.has(password.toLowerCase());
        expect(ok).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses two different passwords with the mismatch message on the confirmation field", () => {
    const result = resetPasswordSchema.safeParse({ password: "Huyi-Chanjiao-2026", passwordConfirm: "Huyi-Chanjiao-2027" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["passwordConfirm"], message: "validation.passwordMismatch" })]);
  });

  it("change password requires the current password", () => {
    expect(messagesOf(changePasswordSchema.safeParse({ currentPassword: "", password: "Huyi-Chanjiao-2026", passwordConfirm: "Huyi-Chanjiao-2026" }))).toEqual([
      "validation.required",
    ]);
  });
});

describe("the account forms", () => {
  it("profile: a name is required, the phone is optional but must be a mainland mobile number", () => {
    expect(profileSchema.parse({ name: " 张工 ", phone: "" })).toEqual({ name: "张工", phone: undefined });
    expect(profileSchema.parse({ name: "张工", phone: " 13912345678 " })).toEqual({ name: "张工", phone: "13912345678" });
    expect(messagesOf(profileSchema.safeParse({ name: "", phone: "12345678901" }))).toEqual(["validation.required", "validation.mobile"]);
    expect(messagesOf(profileSchema.safeParse({ name: "张".repeat(51) }))).toEqual(["validation.tooLong?max=50"]);
  });

  it("delete account: needs the password and the ticked confirmation", () => {
    expect(deleteAccountSchema.parse({ password: "x", confirm: "on" })).toEqual({ password: "x", confirm: true });
    expect(messagesOf(deleteAccountSchema.safeParse({ password: "", confirm: "" }))).toEqual(["validation.required", "account.delete.confirmRequired"]);
    expect(messagesOf(deleteAccountSchema.safeParse({ password: "x" }))).toEqual(["account.delete.confirmRequired"]);
  });

  it("forgot password: normalises the e-mail and refuses a malformed one", () => {
    expect(forgotPasswordSchema.parse({ email: " Zhang@Example.CN " })).toEqual({ email: "zhang@example.cn" });
    expect(messagesOf(forgotPasswordSchema.safeParse({ email: "zhang" }))).toEqual(["validation.email"]);
  });

  it("end session: only a stored session id shape (64 hex characters)", () => {
    expect(endSessionSchema.safeParse({ sessionId: "a".repeat(64) }).success).toBe(true);
    expect(endSessionSchema.safeParse({ sessionId: "A".repeat(64) }).success).toBe(false);
    expect(endSessionSchema.safeParse({ sessionId: "a".repeat(65) }).success).toBe(false);
  });
});
