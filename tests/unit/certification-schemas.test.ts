import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  applySchema,
  assignSchema,
  commentField,
  creditYearSchema,
  decisionSchema,
  deleteCreditYearSchema,
  deleteFileSchema,
  directoryFilterSchema,
  evidenceSchema,
  fileFieldSchema,
  handleObjectionSchema,
  newTypeSchema,
  objectionSchema,
  queueFilterSchema,
  reviewSchema,
  revokeSchema,
  rubricSchema,
  scoreField,
  statementField,
  typeSettingsSchema,
  valueField,
} from "../../app/schemas/certification.ts";
import { expectParsesOrNamesCatalogKeys as expectSafe, hostileInput as hostileInputWith } from "../support/hostile-input.ts";

// Amounts, scores and words of these forms near the edges.
const certificationValues = ["100", "enterprise", "approve", "dismiss", "uphold", "13800000000", "029-84812345", "a@b.cn"];
const hostileInput = (fields: string[]) => hostileInputWith(fields, certificationValues);

const criteria = [
  { key: "interns", weight: 20 },
  { key: "investment", weight: 15 },
];
const rubricFields = ["passMark", ...[0, 1, 2, 11].flatMap((i) => [`key_${i}`, `title_${i}`, `weight_${i}`, `evidence_${i}`, `figures_${i}`])];

const schemas: Array<[string, z.ZodType, string[]]> = [
  ["apply", applySchema, ["typeCode"]],
  ["evidence", evidenceSchema(criteria.map((c) => c.key)), criteria.flatMap((c) => [valueField(c.key), statementField(c.key)])],
  ["review", reviewSchema(criteria), criteria.flatMap((c) => [scoreField(c.key), commentField(c.key)])],
  ["decision", decisionSchema, ["intent", "reason"]],
  ["revoke", revokeSchema, ["certificateId", "reason"]],
  ["assign", assignSchema, ["reviewerId"]],
  ["type settings", typeSettingsSchema, ["name", "validityYears", "noticeDays", "applicantKinds"]],
  ["new type", newTypeSchema, ["code", "name", "validityYears", "noticeDays", "applicantKinds"]],
  ["rubric", rubricSchema, rubricFields],
  ["credit year", creditYearSchema, ["year", "investment", "payable"]],
  ["delete credit year", deleteCreditYearSchema, ["year"]],
  ["directory filter", directoryFilterSchema, ["type", "industry", "q"]],
  ["queue filter", queueFilterSchema, ["status"]],
  ["file field", fileFieldSchema, ["criterionKey"]],
  ["delete file", deleteFileSchema, ["fileId"]],
  ["objection", objectionSchema, ["name", "organization", "contact", "content"]],
  ["handle objection", handleObjectionSchema, ["objectionId", "handling", "note"]],
];

describe("certification form schemas never throw and answer with catalog keys", () => {
  it.each(schemas)("%s", (_name, schema, fields) => {
    fc.assert(fc.property(hostileInput(fields), (input) => void expectSafe(schema, input)), { numRuns: 300 });
  });

  it("filters from the URL never fail: bad values fall back to none", () => {
    fc.assert(
      fc.property(hostileInput(["type", "industry", "q", "status"]), (input) => {
        expect(directoryFilterSchema.safeParse(input).success).toBe(true);
        expect(queueFilterSchema.safeParse(input).success).toBe(true);
      }),
    );
  });
});

describe("certification form schemas accept and refuse the right things", () => {
  it("an objection names a person, a phone or e-mail to reach them and 20–2000 characters of grounds", () => {
    const good = { name: "张三", contact: "13800000000", content: "该企业申报的实习人数与实际不符，请核实协议和名单。" };
    expect(objectionSchema.safeParse(good).success).toBe(true);
    expect(objectionSchema.safeParse({ ...good, contact: "029-84812345", organization: "" }).success).toBe(true);
    expect(objectionSchema.safeParse({ ...good, contact: "li@example.cn" }).success).toBe(true);
    const messageOf = (input: Record<string, unknown>) => objectionSchema.safeParse(input).error?.issues[0].message;
    expect(messageOf({ ...good, contact: "12345" })).toBe("certification.validation.objectorContact");
    expect(messageOf({ ...good, name: "张" })).toBe("certification.validation.objectorName");
    expect(messageOf({ ...good, content: "不符合" })).toBe("certification.validation.objectionContent");
    expect(messageOf({ ...good, content: "异".repeat(2001) })).toBe("certification.validation.objectionTooLong");
    // NUL characters (PostgreSQL refuses them) are dropped, so a name of NULs is no name.
    expect(messageOf({ ...good, name: "\u0000\u0000" })).toBe("certification.validation.objectorName");
  });

  it("a decision always needs a reason of 5–500 characters", () => {
    expect(decisionSchema.safeParse({ intent: "approve", reason: "" }).success).toBe(false);
    expect(decisionSchema.safeParse({ intent: "approve" }).success).toBe(false);
    expect(decisionSchema.safeParse({ intent: "reject", reason: "太短" }).success).toBe(false);
    expect(decisionSchema.safeParse({ intent: "return", reason: "x".repeat(501) }).success).toBe(false);
    expect(decisionSchema.safeParse({ intent: "return", reason: "请补充实习协议扫描件。" }).success).toBe(true);
    expect(decisionSchema.safeParse({ intent: "delete", reason: "请补充实习协议扫描件。" }).success).toBe(false);
    expect(revokeSchema.safeParse({ certificateId: "00000000-0000-4000-8000-000000000000", reason: "  " }).success).toBe(false);
  });

  it("scores lie between 0 and the criterion's weight, whole points, each with a comment", () => {
    const schema = reviewSchema(criteria);
    const ok = { score__interns: "20", comment__interns: "很好", score__investment: "0", comment__investment: "无投入证明" };
    expect(schema.safeParse(ok).success).toBe(true);
    expect(schema.safeParse({ ...ok, score__interns: "21" }).success).toBe(false);
    expect(schema.safeParse({ ...ok, score__interns: "-1" }).success).toBe(false);
    expect(schema.safeParse({ ...ok, score__interns: "10.5" }).success).toBe(false);
    expect(schema.safeParse({ ...ok, score__interns: "" }).success).toBe(false);
    expect(schema.safeParse({ ...ok, comment__investment: " " }).success).toBe(false);
  });

  it("notice days may be 0 (no notice) up to 60; validity 1–10 years", () => {
    const base = { name: "产教融合型企业", validityYears: "3", noticeDays: "0" };
    expect(typeSettingsSchema.safeParse(base).success).toBe(true);
    expect(typeSettingsSchema.safeParse({ ...base, noticeDays: "61" }).success).toBe(false);
    expect(typeSettingsSchema.safeParse({ ...base, noticeDays: "-1" }).success).toBe(false);
    expect(typeSettingsSchema.safeParse({ ...base, validityYears: "0" }).success).toBe(false);
    expect(newTypeSchema.safeParse({ ...base, code: "Bad Code" }).success).toBe(false);
    expect(newTypeSchema.safeParse({ ...base, code: "career_centre" }).success).toBe(true);
  });

  it("a rubric's weights sum to 100 with distinct keys", () => {
    const ok = { passMark: "60", key_0: "a", title_0: "甲", weight_0: "60", key_1: "b", title_1: "乙", weight_1: "40" };
    const parsed = rubricSchema.safeParse(ok);
    expect(parsed.success && parsed.data.criteria.map((c) => c.weight)).toEqual([60, 40]);
    expect(rubricSchema.safeParse({ ...ok, weight_1: "39" }).success).toBe(false);
    expect(rubricSchema.safeParse({ ...ok, key_1: "a" }).success).toBe(false);
    expect(rubricSchema.safeParse({ ...ok, passMark: "101" }).success).toBe(false);
    expect(rubricSchema.safeParse({ passMark: "60" }).success).toBe(false);
  });

  it("credit amounts are yuan with at most two decimals, turned into fen", () => {
    const parsed = creditYearSchema.safeParse({ year: "2026", investment: "1,000,000.5", payable: "120000" });
    expect(parsed.success && parsed.data).toEqual({ year: 2026, investment: 100_000_050, payable: 12_000_000 });
    expect(creditYearSchema.safeParse({ year: "2026", investment: "1.234", payable: "1" }).success).toBe(false);
    expect(creditYearSchema.safeParse({ year: "1999", investment: "1", payable: "1" }).success).toBe(false);
  });
});
