import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { industryIds } from "../../app/domain/industries.ts";
import {
  cooperationTypes,
  deliveryModes,
  listingKinds,
  maturityLevels,
  provisionLevels,
  transferModes,
  type ListingKind,
} from "../../app/domain/listing-kinds.ts";
import { locationIds } from "../../app/domain/locations.ts";
import { detailKeysOf, listingFormValues, listingSchemaFor, parseCourses, splitListingInput } from "../../app/schemas/listing.ts";
import { jobPostingJsonLd } from "../../app/utils/listing-json-ld.ts";
import { expectParsesOrNamesCatalogKeys, hostileInput as hostileInputWith, hostileValue as hostileValueWith } from "../support/hostile-input.ts";

// Dates near the edges, as the date fields send them.
const listingValues = ["2026-02-30", "9999-99-99"];
const hostileValue = hostileValueWith(listingValues);

const allFields = (kind: ListingKind) => [
  "title",
  "description",
  "industry",
  "majors",
  "skills",
  "location",
  "validUntil",
  "contactName",
  "contactPhone",
  "contactEmail",
  "intent",
  ...detailKeysOf[kind],
];

/** The listing forms' keys have two parts ("area.key"), on top of being in the catalog. */
const isListingKey = (message: string) => /^[a-z]+\.[A-Za-z]+$/.test(message.split("?")[0]);
const hostileInput = (fields: string[]) => hostileInputWith(fields, listingValues);

/** Never throws; either parses or answers only with message-catalog keys. */
const expectSafe = (kind: ListingKind, input: unknown) => expectParsesOrNamesCatalogKeys(listingSchemaFor(kind), input, isListingKey);

/** Errors per field, as the action would report them. */
function errorsOf(kind: ListingKind, input: Record<string, unknown>): Record<string, string> {
  const result = listingSchemaFor(kind).safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

const common = {
  title: "数控车床操作实习生",
  description: "在数控车间跟岗实习，学习数控车床编程与操作。",
  industry: "equipment_manufacturing",
  majors: "数控技术、机电一体化技术",
  skills: "数控编程",
  location: "fengjing_park",
  validUntil: "2030-06-30",
  contactName: "王工",
  contactPhone: "13800000001",
  contactEmail: "hr@example.cn",
};

/** A complete, valid form for each kind, as the browser sends it (strings; checkboxes "on" or absent). */
const validForm: Record<ListingKind, Record<string, unknown>> = {
  internship: {
    ...common,
    positions: "6",
    startDate: "2030-03-01",
    endDate: "2030-06-30",
    hoursPerWeek: "40",
    monthlyPay: "3000",
    insurance: "on",
    accommodation: "provided",
    meals: "subsidised",
    supervisor: "on",
  },
  order_training: {
    ...common,
    title: "数控技术订单班",
    major: "数控技术",
    students: "40",
    cohort: "2026",
    trainingPeriod: "3 年（2+1）",
    employmentOnCompletion: "on",
    scholarship: "2000",
    practiceShare: "50",
    certificate: "",
  },
  training_package: {
    ...common,
    title: "数控编程技能提升培训包",
    courses: "数控编程基础 32\n数控车床实操：48学时",
    priceYuan: "0",
    mode: "mixed",
    audience: "企业在岗职工",
    certificate: "数控车工（四级）",
    seats: "30",
    schedule: "每月第一周开班",
  },
  cooperation: {
    ...common,
    title: "共建数控实训基地",
    cooperationType: "training_base",
    budgetMinWan: "50",
    budgetMaxWan: "120",
    durationMonths: "36",
  },
  research_result: {
    ...common,
    title: "高精度数控转台技术",
    field: "精密传动",
    maturity: "pilot",
    transferMode: "licence",
    patents: "ZL202110000001.X、ZL202110000002.X",
  },
};

const isoDate = fc.date({ min: new Date("2021-01-01"), max: new Date("2039-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const cjkText = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."鄠邑秦岭精工数控机床实习岗位培训合作成果转化职业院校"), { minLength: min, maxLength: max }).map((a) => a.join(""));
const count = (min: number, max: number) => fc.integer({ min, max }).map(String);

/** Well-formed random input for each kind. */
const wellFormed: Record<ListingKind, fc.Arbitrary<Record<string, unknown>>> = (() => {
  const base = fc.record({
    title: cjkText(4, 80),
    description: cjkText(10, 300),
    industry: fc.constantFrom(...industryIds),
    majors: fc.array(cjkText(1, 30), { maxLength: 20 }).map((a) => a.join("、")),
    skills: fc.array(cjkText(1, 30), { maxLength: 20 }).map((a) => a.join(",")),
    location: fc.constantFrom("", ...locationIds),
    validUntil: isoDate,
    contactName: cjkText(1, 50),
    contactPhone: fc.oneof(fc.stringMatching(/^1[3-9]\d{9}$/), fc.stringMatching(/^0\d{2,3}-\d{7,8}$/)),
    contactEmail: fc.constantFrom("", "hr@example.cn", "Zhang.Wei@qinling-cnc.com"),
  });
  const checkbox = fc.constantFrom("on", undefined);
  return {
    internship: fc
      .tuple(
        base,
        fc.record({
          positions: count(1, 10_000),
          startDate: isoDate,
          hoursPerWeek: count(1, 44),
          monthlyPay: count(1, 100_000),
          insurance: checkbox,
          accommodation: fc.constantFrom(...provisionLevels),
          meals: fc.constantFrom(...provisionLevels),
          supervisor: checkbox,
        }),
        fc.integer({ min: 0, max: 365 }),
      )
      .map(([b, k, days]) => ({ ...b, ...k, endDate: new Date(Date.parse(`${k.startDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) })),
    order_training: fc
      .tuple(
        base,
        fc.record({
          major: cjkText(1, 40),
          students: count(1, 5_000),
          cohort: count(2020, 2040),
          trainingPeriod: cjkText(1, 40),
          employmentOnCompletion: checkbox,
          scholarship: fc.oneof(fc.constant(""), count(0, 1_000_000)),
          practiceShare: fc.oneof(fc.constant(""), count(0, 100)),
          certificate: fc.oneof(fc.constant(""), cjkText(1, 100)),
        }),
      )
      .map(([b, k]) => ({ ...b, ...k })),
    training_package: fc
      .tuple(
        base,
        fc.record({
          courses: fc.array(fc.tuple(cjkText(1, 30), fc.integer({ min: 1, max: 9999 })), { minLength: 1, maxLength: 50 }).map((cs) => cs.map(([n, h]) => `${n} ${h}`).join("\n")),
          priceYuan: count(0, 10_000_000),
          mode: fc.constantFrom(...deliveryModes),
          audience: cjkText(1, 200),
          certificate: fc.oneof(fc.constant(""), cjkText(1, 100)),
          seats: count(1, 10_000),
          schedule: cjkText(1, 200),
        }),
      )
      .map(([b, k]) => ({ ...b, ...k })),
    cooperation: fc
      .tuple(
        base,
        fc.constantFrom(...cooperationTypes),
        fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
        fc.oneof(fc.constant(""), count(0, 240)),
      )
      .map(([b, cooperationType, min, extra, durationMonths]) => ({
        ...b,
        cooperationType,
        budgetMinWan: min === undefined ? "" : String(min),
        budgetMaxWan: extra === undefined ? "" : String((min ?? 0) + extra),
        durationMonths,
      })),
    research_result: fc
      .tuple(
        base,
        fc.record({
          field: cjkText(1, 60),
          maturity: fc.constantFrom(...maturityLevels),
          transferMode: fc.constantFrom(...transferModes),
          patents: fc.array(cjkText(1, 60), { maxLength: 20 }).map((a) => a.join("、")),
        }),
      )
      .map(([b, k]) => ({ ...b, ...k })),
  };
})();

describe.each(listingKinds)("the %s listing schema", (kind) => {
  it("never throws on random and hostile input, and refuses only with catalog keys", () => {
    fc.assert(
      fc.property(hostileInput(allFields(kind)), (input) => {
        expectSafe(kind, input);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws when a valid form has one field replaced by something hostile", () => {
    fc.assert(
      fc.property(fc.constantFrom(...allFields(kind)), hostileValue, (field, value) => {
        expectSafe(kind, { ...validForm[kind], [field]: value });
      }),
      { numRuns: 300 },
    );
  });

  it("accepts well-formed input and splits it into the common columns and the kind's details", () => {
    fc.assert(
      fc.property(wellFormed[kind], (input) => {
        const result = expectSafe(kind, input);
        expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
        if (!result.success) return;
        const split = splitListingInput(kind, result.data);
        expect(Object.keys(split.details).every((k) => detailKeysOf[kind].includes(k) || k === "totalHours")).toBe(true);
        expect(split.industry).toBe(input.industry);
        expect(split.location).toBe(input.location === "" ? undefined : input.location);
      }),
      { numRuns: 150 },
    );
  });

  it("accepts the example form, and the edit form's values parse back to the same listing", () => {
    const parsed = listingSchemaFor(kind).parse(validForm[kind]);
    const input = splitListingInput(kind, parsed);
    const stored = {
      title: input.title,
      description: input.description,
      industry: input.industry,
      majors: input.majors,
      skills: input.skills,
      location: input.location ?? null,
      valid_until: input.validUntil,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      contact_email: input.contactEmail ?? null,
      details: JSON.parse(JSON.stringify(input.details)) as Record<string, unknown>,
    };
    const values = listingFormValues(stored);
    // Checkboxes come back as booleans, which the form's checkboxes and the schema both understand.
    expect(splitListingInput(kind, listingSchemaFor(kind).parse(values))).toEqual(input);
  });

  it("requires the title, description, industry, valid-until date and contacts", () => {
    const errors = errorsOf(kind, { ...validForm[kind], title: "", description: "太短", industry: "", validUntil: "", contactName: " ", contactPhone: "12345" });
    expect(errors).toMatchObject({
      title: "validation.required",
      description: "validation.tooShort?min=10",
      industry: "validation.choose",
      validUntil: "validation.date",
      contactName: "validation.required",
      contactPhone: "validation.phone",
    });
  });
});

describe("listing rules by example", () => {
  it("refuses an internship that ends before it starts", () => {
    expect(errorsOf("internship", { ...validForm.internship, startDate: "2030-06-30", endDate: "2030-03-01" })).toEqual({
      endDate: "validation.endBeforeStart",
    });
    expect(errorsOf("internship", { ...validForm.internship, startDate: "2030-03-01", endDate: "2030-03-01" })).toEqual({});
  });

  it("refuses an internship paying 0 or nothing, and asks for the pay", () => {
    expect(errorsOf("internship", { ...validForm.internship, monthlyPay: "0" })).toEqual({ monthlyPay: "validation.atLeastOne" });
    expect(errorsOf("internship", { ...validForm.internship, monthlyPay: "" })).toEqual({ monthlyPay: "validation.required" });
    expect(errorsOf("internship", { ...validForm.internship, monthlyPay: "2500.5" })).toEqual({ monthlyPay: "validation.integer" });
  });

  it("refuses more than 44 hours a week", () => {
    expect(errorsOf("internship", { ...validForm.internship, hoursPerWeek: "45" })).toEqual({ hoursPerWeek: "validation.hoursPerWeek?max=44" });
    expect(errorsOf("internship", { ...validForm.internship, hoursPerWeek: "44" })).toEqual({});
  });

  it("refuses impossible dates", () => {
    expect(errorsOf("internship", { ...validForm.internship, validUntil: "2030-02-30" })).toEqual({ validUntil: "validation.date" });
    expect(errorsOf("internship", { ...validForm.internship, startDate: "30.06.2030" })).toMatchObject({ startDate: "validation.date" });
  });

  it("reads training-package courses one per line, with or without 学时", () => {
    expect(parseCourses("数控编程基础 32\n\n数控车床实操：48学时\r\nCAD 制图，16 课时\n安全生产|8h")).toEqual([
      { name: "数控编程基础", hours: 32 },
      { name: "数控车床实操", hours: 48 },
      { name: "CAD 制图", hours: 16 },
      { name: "安全生产", hours: 8 },
    ]);
    const parsed = listingSchemaFor("training_package").parse(validForm.training_package);
    expect(splitListingInput("training_package", parsed).details).toMatchObject({
      courses: [
        { name: "数控编程基础", hours: 32 },
        { name: "数控车床实操", hours: 48 },
      ],
      totalHours: 80,
    });
  });

  it("refuses a course line without hours, a course of 0 hours and an empty course list", () => {
    expect(parseCourses("数控编程基础 32\n只有课程名称")).toBeNull();
    for (const courses of ["数控编程基础 32\n只有课程名称", "数控编程基础 0", "", "   \n  "]) {
      expect(errorsOf("training_package", { ...validForm.training_package, courses })).toEqual({ courses: "validation.courses" });
    }
    const tooMany = Array.from({ length: 51 }, (_, i) => `课程${i + 1} 8`).join("\n");
    expect(errorsOf("training_package", { ...validForm.training_package, courses: tooMany })).toEqual({ courses: "validation.courses" });
  });

  it("refuses a cooperation budget whose maximum is below its minimum", () => {
    expect(errorsOf("cooperation", { ...validForm.cooperation, budgetMinWan: "100", budgetMaxWan: "50" })).toEqual({
      budgetMaxWan: "validation.budgetRange",
    });
    expect(errorsOf("cooperation", { ...validForm.cooperation, budgetMinWan: "100", budgetMaxWan: "" })).toEqual({});
    expect(errorsOf("cooperation", { ...validForm.cooperation, budgetMinWan: "-1" })).toEqual({ budgetMinWan: "validation.notNegative" });
  });

  it("accepts only the listed choices for enums", () => {
    expect(errorsOf("cooperation", { ...validForm.cooperation, cooperationType: "bribery" })).toEqual({ cooperationType: "validation.choose" });
    expect(errorsOf("training_package", { ...validForm.training_package, mode: "__proto__" })).toEqual({ mode: "validation.choose" });
    expect(errorsOf("research_result", { ...validForm.research_result, maturity: "toString" })).toEqual({ maturity: "validation.choose" });
    expect(errorsOf("internship", { ...validForm.internship, meals: "" })).toEqual({ meals: "validation.choose" });
  });
});

describe("the internship JobPosting JSON-LD", () => {
  const source = {
    title: "数控车床操作实习生",
    description: "跟岗实习",
    publishedAt: "2030-01-05",
    validUntil: "2030-06-30",
    organizationName: "西安秦岭精工数控机床有限公司",
    locationLabel: "沣京工业园",
    monthlyPay: 3000,
  };

  it("describes the internship for search engines", () => {
    expect(JSON.parse(jobPostingJsonLd(source))).toMatchObject({
      "@type": "JobPosting",
      title: source.title,
      datePosted: "2030-01-05",
      validThrough: "2030-06-30",
      employmentType: "INTERN",
      hiringOrganization: { name: source.organizationName },
      jobLocation: { address: { addressLocality: "沣京工业园", addressRegion: "陕西省西安市鄠邑区" } },
      baseSalary: { currency: "CNY", value: { value: 3000, unitText: "MONTH" } },
    });
  });

  it("can never close its script element, whatever the publisher typed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.constantFrom("</script><script>alert(1)</script>", "<!--", "\u2028", "</SCRIPT"), (a, b) => {
        const json = jobPostingJsonLd({ ...source, title: a + b, description: b + a });
        expect(json).not.toMatch(/</);
        expect(json).not.toMatch(/[\u2028\u2029]/);
        expect(JSON.parse(json)).toMatchObject({ title: a + b, description: b + a });
      }),
    );
  });
});
