import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { acceptInvitationSchema } from "../../app/schemas/auth.ts";
import {
  invitationRevokeSchema,
  inviteSchema,
  memberActionSchema,
  memberRemoveSchema,
  memberRoleSchema,
  platformRoleSchema,
  userStatusSchema,
} from "../../app/schemas/membership.ts";
import { describeHostileInput, messagesOf } from "../support/hostile-input.ts";

const schemas: Record<string, z.ZodType> = {
  inviteSchema,
  memberRoleSchema,
  memberRemoveSchema,
  invitationRevokeSchema,
  platformRoleSchema,
  userStatusSchema,
  acceptInvitationSchema,
  memberActionSchema,
};

const fieldNames = ["email", "role", "userId", "invitationId", "planUnit", "name", "password", "passwordConfirm", "consent", "intent"];
// The roles and intents as the forms send them, record ids and e-mail addresses.
const membershipValues = ["admin", "member", "none", "plan_officer", "platform_admin", "invite", "role", "remove", "revoke", fc.uuid().map(String), fc.emailAddress()];

describeHostileInput(schemas, fieldNames, { extras: membershipValues, numRuns: 300 });

describe("inviteSchema", () => {
  it("accepts any valid e-mail with a known role and lower-cases the address", () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom("admin", "member"), (email, role) => {
        const result = inviteSchema.safeParse({ email: ` ${email.toUpperCase()} `, role });
        // fast-check's addresses follow RFC 5322 more loosely than zod; those it parses must come out normalised.
        if (result.success) {
          expect(result.data.email).toBe(email.toLowerCase());
          expect(result.data.role).toBe(role);
        }
      }),
    );
    expect(inviteSchema.parse({ email: "Wang@Example.CN", role: "member" })).toEqual({ email: "wang@example.cn", role: "member" });
  });

  it("refuses unknown roles with the choose message", () => {
    fc.assert(
      fc.property(fc.string().filter((s) => s !== "admin" && s !== "member"), (role) => {
        const result = inviteSchema.safeParse({ email: "a@example.cn", role });
        expect(result.success).toBe(false);
        expect(messagesOf(result)).toContain("validation.choose");
      }),
    );
  });
});

describe("record ids", () => {
  it("accept UUIDs in any case and nothing else", () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(memberRemoveSchema.parse({ userId: id.toUpperCase() }).userId).toBe(id.toLowerCase());
      }),
    );
    fc.assert(
      fc.property(fc.string().filter((s) => !/^[0-9a-f-]{36}$/i.test(s.trim())), (id) => {
        const result = memberRoleSchema.safeParse({ userId: id, role: "member" });
        expect(result.success).toBe(false);
        expect(messagesOf(result)).toEqual(["members.notFound"]);
      }),
    );
    expect(invitationRevokeSchema.safeParse({ invitationId: "1; drop table users" }).success).toBe(false);
  });
});

describe("platformRoleSchema", () => {
  const userId = "7d0f1c2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f";

  it("requires a plan unit for a plan officer and drops it for every other role", () => {
    const missing = platformRoleSchema.safeParse({ userId, role: "plan_officer", planUnit: "  " });
    expect(messagesOf(missing)).toEqual(["adminUsers.planUnitRequired"]);
    expect(platformRoleSchema.parse({ userId, role: "plan_officer", planUnit: "区教科局" }).planUnit).toBe("区教科局");
    fc.assert(
      fc.property(fc.constantFrom("none", "reviewer", "platform_admin"), fc.string({ maxLength: 50 }), (role, planUnit) => {
        const result = platformRoleSchema.parse({ userId, role, planUnit });
        expect(result.planUnit).toBeUndefined();
        expect(result.role).toBe(role);
      }),
    );
  });
});

describe("acceptInvitationSchema", () => {
  it("accepts a strong matching password with consent, and refuses a mismatch on passwordConfirm", () => {
    const ok = acceptInvitationSchema.safeParse({ name: "王工", password: "Strong-Pass-2026", passwordConfirm: "Strong-Pass-2026", consent: "on" });
    expect(ok.success).toBe(true);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (other) => {
        fc.pre(other !== "Strong-Pass-2026");
        const result = acceptInvitationSchema.safeParse({ name: "王工", password: "Strong-Pass-2026", passwordConfirm: other, consent: "on" });
        expect(result.success).toBe(false);
        expect(result.error!.issues.find((i) => i.path[0] === "passwordConfirm")?.message).toBe("validation.passwordMismatch");
      }),
    );
  });

  it("requires consent", () => {
    fc.assert(
      fc.property(fc.constantFrom(undefined, "", "off", "false", "no"), (consent) => {
        const result = acceptInvitationSchema.safeParse({ name: "王工", password: "Strong-Pass-2026", passwordConfirm: "Strong-Pass-2026", consent });
        expect(messagesOf(result)).toEqual(["validation.consentRequired"]);
      }),
    );
  });
});
