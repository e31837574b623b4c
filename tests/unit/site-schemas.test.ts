import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeObjectionContact, objectionLookupSchema } from "../../app/schemas/certification.ts";
import { policeRecordCode, siteSettingsFields, siteSettingsSchema } from "../../app/schemas/site-settings.ts";
import {
  describeHostileInput,
  expectParsesOrNamesCatalogKeys as expectSafe,
  messagesOf,
  notFormObjects,
  propertyNeverThrows,
} from "../support/hostile-input.ts";

const province = fc.constantFrom(..."陕京沪粤川");
const icp = fc.tuple(province, fc.stringMatching(/^\d{6,12}$/), fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined })).map(
  ([p, n, site]) => `${p}ICP备${n}号${site === undefined ? "" : `-${site}`}`,
);
const police = fc.tuple(province, fc.stringMatching(/^\d{14}$/), fc.boolean()).map(([p, n, space]) => `${p}公网安备${space ? " " : ""}${n}号`);
const mobile = fc.tuple(fc.constantFrom(..."3456789"), fc.stringMatching(/^\d{9}$/)).map(([d, rest]) => `1${d}${rest}`);
const landline = fc.tuple(fc.stringMatching(/^0\d{2,3}$/), fc.boolean(), fc.stringMatching(/^\d{7,8}$/)).map(([area, hyphen, n]) => `${area}${hyphen ? "-" : ""}${n}`);
const phone = fc.oneof(mobile, landline, fc.constantFrom("12345", "400-123-4567", "029-84812345-801"));
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.constantFrom("cn", "gov.cn", "com"))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const cjk = (max: number) => fc.array(fc.constantFrom(..."鄠邑区教育和科技局西安市甘亭街道路号楼"), { minLength: 1, maxLength: max }).map((a) => a.join(""));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(""));

const validSettings = fc.record({
  sponsor: maybe(cjk(100)),
  organizer: maybe(cjk(100)),
  contactAddress: maybe(cjk(200)),
  contactPhone: maybe(phone),
  contactEmail: maybe(email),
  icpNumber: maybe(icp),
  policeNumber: maybe(police),
  siteCode: maybe(fc.stringMatching(/^[A-Za-z0-9]{10}$/)),
  objectionAddress: maybe(cjk(200)),
  objectionPhone: maybe(phone),
});

describe("site settings schema with hostile input", () => {
  it("never throws and either parses or answers only with catalog keys", () => {
    propertyNeverThrows(siteSettingsSchema, siteSettingsFields, { extras: ["陕ICP备2026012345号", "陕公网安备61011802000123号", "6101180001", "029-84812345"] });
  });

  // Every field is optional (an empty form clears them all), so an empty object without a prototype parses; the rest do not.
  it("refuses, without throwing, anything that is not an object", () => {
    for (const input of notFormObjects.filter((v) => typeof v !== "object" || v === null || Array.isArray(v))) {
      expect(siteSettingsSchema.safeParse(input).success, String(input)).toBe(false);
    }
  });
});

describe("site settings schema", () => {
  it("accepts well-formed settings; an empty field is null (hidden), a filled one kept as typed", () => {
    fc.assert(
      fc.property(validSettings, (input) => {
        const result = expectSafe(siteSettingsSchema, input);
        expect(result.success).toBe(true);
        if (!result.success) return;
        for (const field of siteSettingsFields) expect(result.data[field]).toBe(input[field] === "" ? null : input[field]);
      }),
      { numRuns: 300 },
    );
  });

  it("treats a missing field and whitespace as not set", () => {
    const result = siteSettingsSchema.parse({ sponsor: "  \t ", organizer: "\u0000" });
    expect(Object.values(result).every((v) => v === null)).toBe(true);
  });

  it("names the field of a malformed filing number, site code or telephone", () => {
    const bad = { icpNumber: "ICP备12345号", policeNumber: "陕公网安备6101180200012号", siteCode: "61011800", contactPhone: "12", objectionPhone: "0298481", contactEmail: "a@b" };
    const result = siteSettingsSchema.safeParse(bad);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      icpNumber: "site.validation.icp",
      policeNumber: "site.validation.police",
      siteCode: "site.validation.siteCode",
      contactPhone: "site.validation.phone",
      objectionPhone: "site.validation.phone",
      contactEmail: "validation.email",
    });
  });

  it("links a public-security number by its 14 digits", () => {
    fc.assert(
      fc.property(police, (number) => {
        expect(policeRecordCode(number)).toMatch(/^\d{14}$/);
      }),
    );
    expect(policeRecordCode("陕公网安备 61011802000123号")).toBe("61011802000123");
  });
});

const reference = fc.stringMatching(/^[0-9a-f]{8}$/);

describeHostileInput({ objectionLookupSchema }, ["reference", "contact"], { extras: ["3F9A0C12", "13800000000", "029-84812345", "a@b.cn"] });

describe("objection look-up schema", () => {
  it("accepts a reference in either case, with spaces or a hyphen, and a phone or e-mail", () => {
    fc.assert(
      fc.property(reference, fc.boolean(), fc.oneof(mobile, landline, email), (ref, upper, contact) => {
        const typed = `${(upper ? ref.toUpperCase() : ref).slice(0, 4)} -${ref.slice(4)}`;
        const result = expectSafe(objectionLookupSchema, { reference: typed, contact: ` ${contact} ` });
        expect(result.success).toBe(true);
        if (result.success) expect(result.data).toEqual({ reference: ref.toUpperCase(), contact });
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a reference that is not eight hex digits, with its own message", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (ref) => {
        fc.pre(!/^[0-9a-f]{8}$/i.test(ref.replace(/[\s-]/g, "")));
        const messages = messagesOf(objectionLookupSchema.safeParse({ reference: ref, contact: "13800000000" }));
        expect(messages).toEqual(["certification.lookup.badReference"]);
      }),
      { numRuns: 300 },
    );
  });

  it("compares contacts without case, spaces or hyphens", () => {
    fc.assert(
      fc.property(landline, (number) => {
        expect(normalizeObjectionContact(number)).toBe(normalizeObjectionContact(number.replace("-", "")));
      }),
    );
    expect(normalizeObjectionContact("Zhang.San@Example.CN")).toBe("zhang.san@example.cn");
  });
});
