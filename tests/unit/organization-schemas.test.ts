import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withCheckChar } from "../../app/domain/credit-code.ts";
import { industryIds } from "../../app/domain/industries.ts";
import { locationIds } from "../../app/domain/locations.ts";
import { organizationKinds, organizationStatuses } from "../../app/domain/organization-kinds.ts";
import { loginSchema, registrationSchema } from "../../app/schemas/auth.ts";
import { organizationProfileSchema } from "../../app/schemas/organization.ts";
import {
  REVIEW_REASON_MAX,
  REVIEW_REASON_MIN,
  reviewDecisionSchema,
  reviewIntents,
  reviewQueueFilterSchema,
} from "../../app/schemas/organization-review.ts";
import { expectParsesOrNamesCatalogKeys as expectSafe, hostileInput } from "../support/hostile-input.ts";

const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const creditCode = fc
  .tuple(fc.constantFrom(..."159"), fc.constantFrom(..."123"), fc.stringMatching(/^\d{6}$/), fc.array(fc.constantFrom(...charset), { minLength: 9, maxLength: 9 }))
  .map(([a, b, area, rest]) => withCheckChar(`${a}${b}${area}${rest.join("")}`));

const cjkText = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."鄠邑秦岭精工数控机床有限公司职业技术学院西安陕西产教融合"), { minLength: min, maxLength: max }).map((a) => a.join(""));

// Addresses as people type them (fast-check's emailAddress also makes RFC oddities such as "!a@a.aa" that the form refuses on purpose).
const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}[a-z0-9]$/),
    fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}[a-z0-9]$/),
    fc.constantFrom("cn", "com", "edu.cn", "org"),
    fc.boolean(),
  )
  .filter(([local]) => !local.includes(".."))
  .map(([local, domain, tld, upper]) => {
    const address = `${local}@${domain}.${tld}`;
    return upper ? address.toUpperCase() : address;
  });

const mobile = fc.tuple(fc.constantFrom(..."3456789"), fc.stringMatching(/^\d{9}$/)).map(([d, rest]) => `1${d}${rest}`);

const validProfile = fc.record({
  kind: fc.constantFrom(...organizationKinds),
  name: cjkText(2, 100),
  creditCode: creditCode.map((c) => c.toLowerCase()),
  industry: fc.constantFrom(...industryIds),
  location: fc.constantFrom(...locationIds, ""),
  address: cjkText(0, 200),
  contactName: cjkText(1, 50),
  contactPhone: mobile,
  contactEmail: emailAddress,
  staffCount: fc.nat(1_000_000).map(String),
  annualPayroll: fc.oneof(fc.constant(""), fc.nat(2_000_000_000).map(String)),
  studentCount: fc.oneof(fc.constant(""), fc.nat(1_000_000).map(String)),
  majors: fc.array(cjkText(1, 30), { maxLength: 40 }).map((m) => m.join("、")),
  description: cjkText(0, 500),
});

const profileFields = Object.keys(organizationProfileSchema.shape);

describe("organisation profile schema", () => {
  it("never throws on hostile input and answers with catalog keys", () => {
    fc.assert(fc.property(hostileInput(profileFields), (input) => void expectSafe(organizationProfileSchema, input)), { numRuns: 300 });
  });

  it("accepts any well-formed profile and normalises it", () => {
    fc.assert(
      fc.property(validProfile, (input) => {
        const result = expectSafe(organizationProfileSchema, input);
        expect(result.success).toBe(true);
        if (!result.success) return;
        expect(result.data.creditCode).toBe(input.creditCode.toUpperCase());
        expect(result.data.staffCount).toBe(Number(input.staffCount));
        expect(result.data.location).toBe(input.location || undefined);
        expect(new Set(result.data.majors).size).toBe(result.data.majors.length);
      }),
      { numRuns: 200 },
    );
  });

  it("requires a credit code from enterprises and schools, and industry and staff count from enterprises", () => {
    fc.assert(
      fc.property(validProfile, (input) => {
        const result = organizationProfileSchema.safeParse({ ...input, creditCode: "", industry: "", staffCount: "" });
        const messages = result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
        const needsCode = ["enterprise", "university", "vocational_school", "training_provider"].includes(input.kind);
        expect(messages.creditCode).toBe(needsCode ? "validation.creditCodeRequired" : undefined);
        expect(messages.industry).toBe(input.kind === "enterprise" ? "validation.industryRequired" : undefined);
        expect(messages.staffCount).toBe(input.kind === "enterprise" ? "validation.staffRequired" : undefined);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a credit code whose check character is wrong", () => {
    fc.assert(
      fc.property(validProfile, fc.constantFrom(...charset), (input, replacement) => {
        const code = input.creditCode.toUpperCase();
        fc.pre(code[17] !== replacement);
        const result = organizationProfileSchema.safeParse({ ...input, creditCode: code.slice(0, 17) + replacement });
        expect(result.success).toBe(false);
        if (!result.success) expect(result.error.issues.map((i) => i.message)).toContain("validation.creditCodeCheck");
      }),
      { numRuns: 100 },
    );
  });
});

const validRegistration = fc
  .tuple(validProfile, cjkText(1, 50), emailAddress, fc.string({ minLength: 6, maxLength: 60 }))
  .map(([p, userName, userEmail, tail]) => {
    const password = `Aa1!${tail}`.slice(0, 128);
    return { ...p, userName, userEmail, password, passwordConfirm: password, consent: "on" };
  });

describe("registration schema", () => {
  const fields = [...profileFields, "userName", "userEmail", "password", "passwordConfirm", "consent"];

  it("never throws on hostile input and answers with catalog keys", () => {
    fc.assert(fc.property(hostileInput(fields), (input) => void expectSafe(registrationSchema, input)), { numRuns: 300 });
  });

  it("accepts a well-formed registration unless the password is a common one", () => {
    fc.assert(
      fc.property(validRegistration, (input) => {
        const result = expectSafe(registrationSchema, input);
        if (!result.success) expect(result.error.issues.map((i) => i.message)).toEqual(["validation.passwordCommon"]);
        else expect(result.data.userEmail).toBe(input.userEmail.trim().toLowerCase());
      }),
      { numRuns: 100 },
    );
  });

  it("refuses different passwords and a missing consent, on the right fields", () => {
    fc.assert(
      fc.property(validRegistration, fc.string({ minLength: 1, maxLength: 20 }), (input, other) => {
        fc.pre(other !== input.password);
        const result = registrationSchema.safeParse({ ...input, passwordConfirm: other, consent: "" });
        expect(result.success).toBe(false);
        if (result.success) return;
        const byPath = Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
        expect(byPath.passwordConfirm).toBe("validation.passwordMismatch");
        expect(byPath.consent).toBe("validation.consentRequired");
      }),
      { numRuns: 100 },
    );
  });
});

describe("login schema", () => {
  it("never throws on hostile input and answers with catalog keys", () => {
    fc.assert(fc.property(hostileInput(["email", "password", "redirectTo"]), (input) => void expectSafe(loginSchema, input)), {
      numRuns: 300,
    });
  });

  it("accepts any non-blank e-mail and password within the limits", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 254 }), fc.string({ minLength: 1, maxLength: 256 }), (email, password) => {
        fc.pre(email.trim().length > 0);
        expect(loginSchema.safeParse({ email, password }).success).toBe(true);
      }),
    );
  });
});

describe("organisation review decision schema", () => {
  it("never throws on hostile input and answers with catalog keys", () => {
    fc.assert(fc.property(hostileInput(["intent", "reason"]), (input) => void expectSafe(reviewDecisionSchema, input)), {
      numRuns: 300,
    });
  });

  it("requires a reason of 5 to 500 characters to reject or suspend, and none to verify or reinstate", () => {
    fc.assert(
      fc.property(fc.constantFrom(...reviewIntents), fc.string({ unit: "grapheme", maxLength: 700 }), (intent, reason) => {
        const result = expectSafe(reviewDecisionSchema, { intent, reason });
        const trimmed = reason.trim();
        const needsReason = intent === "reject" || intent === "suspend";
        const ok = trimmed.length <= REVIEW_REASON_MAX && (!needsReason || trimmed.length >= REVIEW_REASON_MIN);
        expect(result.success).toBe(ok);
        if (result.success) expect(result.data.reason).toBe(trimmed || undefined);
        else expect(result.error.issues.every((i) => i.path[0] === "reason")).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(reviewDecisionSchema.safeParse({ intent: "reject" }).error?.issues[0].message).toBe("admin.review.reasonRequired");
    expect(reviewDecisionSchema.safeParse({ intent: "suspend", reason: "  " }).error?.issues[0].message).toBe("admin.review.reasonRequired");
    expect(reviewDecisionSchema.safeParse({ intent: "reject", reason: "太短" }).error?.issues[0].message).toBe("admin.review.reasonTooShort");
    expect(reviewDecisionSchema.safeParse({ intent: "verify" }).success).toBe(true);
  });

  it("refuses any intent that is not a known decision", () => {
    fc.assert(
      fc.property(fc.string(), (intent) => {
        fc.pre(!(reviewIntents as readonly string[]).includes(intent));
        const result = reviewDecisionSchema.safeParse({ intent, reason: "理由足够长的说明" });
        expect(result.success).toBe(false);
      }),
    );
  });
});

describe("review queue filters", () => {
  it("never throws, and always yields a known status, an optional known kind and a page from 1", () => {
    fc.assert(
      fc.property(hostileInput(["status", "kind", "q", "page"]), (input) => {
        const filter = reviewQueueFilterSchema.parse(input);
        expect(["all", ...organizationStatuses]).toContain(filter.status);
        if (filter.kind !== undefined) expect(organizationKinds).toContain(filter.kind);
        expect(Number.isInteger(filter.page) && filter.page >= 1).toBe(true);
        if (filter.q !== undefined) expect(filter.q.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps well-formed filters from the URL", () => {
    fc.assert(
      fc.property(fc.constantFrom("all", ...organizationStatuses), fc.constantFrom(...organizationKinds), fc.integer({ min: 1, max: 500 }), (status, kind, page) => {
        expect(reviewQueueFilterSchema.parse({ status, kind, page: String(page), q: " 秦岭 " })).toEqual({ status, kind, page, q: "秦岭" });
      }),
    );
  });
});
