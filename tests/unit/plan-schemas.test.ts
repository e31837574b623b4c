import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { planStatuses } from "../../app/domain/plan-status.ts";
import {
  currentPeriod,
  MAX_EVIDENCE_LINKS,
  PERIOD_PATTERN,
  planContributionSchema,
  planFilterSchema,
  planRemindSchema,
  planReportSchema,
  planReviewSchema,
  planSettingsSchema,
  planTaskSchema,
} from "../../app/schemas/plan-tracking.ts";
import { expectParsesOrNamesCatalogKeys as expectSafe, hostileInput as hostileInputWith } from "../support/hostile-input.ts";

// Percentages, periods, links and units near the edges.
const hostileInput = (fields: string[]) =>
  hostileInputWith(fields, ["101", "2026-Q4", "2026-13", "javascript:alert(1)", "https://example.cn/a", "区人社局"]);

const forms: Array<[string, z.ZodType, string[]]> = [
  ["report", planReportSchema, ["period", "narrative", "completionPercent", "milestones", "evidenceLinks"]],
  ["contribution", planContributionSchema, ["period", "narrative", "milestones", "evidenceLinks"]],
  ["review", planReviewSchema, ["decision", "reportId", "comment"]],
  ["task", planTaskSchema, ["section", "theme", "content", "deadline", "leadUnits", "cooperatingUnits", "targetValue", "targetNote"]],
  ["reminder", planRemindSchema, ["unit"]],
  ["settings", planSettingsSchema, ["silentAfterDays"]],
];

describe.each(forms)("plan %s form schema", (_name, schema, fields) => {
  it("never throws on hostile input and answers only with catalog keys", () => {
    fc.assert(fc.property(hostileInput(fields), (input) => void expectSafe(schema, input)), { numRuns: 400 });
  });
});

describe("plan settings schema", () => {
  it("takes a whole number of days from 7 to 365", () => {
    expect(planSettingsSchema.parse({ silentAfterDays: " 30 " })).toEqual({ silentAfterDays: 30 });
    expect(planSettingsSchema.parse({ silentAfterDays: "7" }).silentAfterDays).toBe(7);
    expect(planSettingsSchema.parse({ silentAfterDays: "365" }).silentAfterDays).toBe(365);
    for (const bad of ["6", "366", "30.5", "", "三十", "1e9", "-30", "Infinity"]) {
      const result = planSettingsSchema.safeParse({ silentAfterDays: bad });
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0].message, bad).toBe("plan.validation.silentDays");
    }
  });
});

const validReport = { period: "2026-Q4", narrative: "本季度联合企业开展新型学徒制培训 86 人。", completionPercent: "60", milestones: "", evidenceLinks: "" };

describe("plan report schema", () => {
  it("accepts a well-formed report and cleans what reaches the database", () => {
    const parsed = planReportSchema.parse({ ...validReport, period: " 2026-q4 ", evidenceLinks: "https://a.example.cn/x\nhttps://b.example.cn/y  https://a.example.cn/x" });
    expect(parsed).toEqual({
      period: "2026-Q4",
      narrative: validReport.narrative,
      completionPercent: 60,
      milestones: undefined,
      evidenceLinks: ["https://a.example.cn/x", "https://b.example.cn/y"],
    });
  });

  it("takes only whole percentages from 0 to 100", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true })), (value) => {
        const result = expectSafe(planReportSchema, { ...validReport, completionPercent: String(value) });
        const ok = Number.isInteger(value) && value >= 0 && value <= 100;
        expect(result.success).toBe(ok);
        if (!ok) expect(result.error?.issues[0].message).toBe("plan.validation.percent");
      }),
      { numRuns: 300 },
    );
    expect(planReportSchema.safeParse({ ...validReport, completionPercent: "" }).success).toBe(false);
  });

  it("takes periods as quarters or months only", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (value) => {
        const result = expectSafe(planReportSchema, { ...validReport, period: value });
        expect(result.success).toBe(PERIOD_PATTERN.test(value.trim().toUpperCase()));
      }),
    );
    for (const ok of ["2026-Q1", "2026-Q4", "2026-01", "2026-12"]) expect(planReportSchema.safeParse({ ...validReport, period: ok }).success).toBe(true);
    for (const bad of ["2026-Q5", "2026-13", "2026-00", "26-Q1", "2026Q1", "1999-Q1"]) {
      expect(planReportSchema.safeParse({ ...validReport, period: bad }).error?.issues[0].message).toBe("plan.validation.period");
    }
  });

  it("refuses links that are not http(s), and more than ten", () => {
    for (const bad of ["javascript:alert(1)", "ftp://example.cn/a", "data:text/html,x", "example.cn", "https://"]) {
      expect(planReportSchema.safeParse({ ...validReport, evidenceLinks: bad }).error?.issues[0].message).toBe("plan.validation.link");
    }
    // The message belongs to the field itself, so the form can show it under the field.
    expect(planReportSchema.safeParse({ ...validReport, evidenceLinks: "https://ok.example.cn\njavascript:x" }).error?.issues[0].path).toEqual(["evidenceLinks"]);
    const many = Array.from({ length: MAX_EVIDENCE_LINKS + 1 }, (_, i) => `https://example.cn/${i}`).join("\n");
    expect(planReportSchema.safeParse({ ...validReport, evidenceLinks: many }).error?.issues[0].message).toBe("plan.validation.tooManyLinks");
  });

  it("asks for a narrative of 10 to 4000 characters, counted as a person counts them", () => {
    const message = (narrative: unknown) => planReportSchema.safeParse({ ...validReport, narrative }).error?.issues[0].message;
    expect(message("")).toBe("plan.validation.narrativeRequired");
    expect(message("太短")).toBe("plan.validation.narrativeShort");
    expect(message("长".repeat(4001))).toBe("plan.validation.narrativeLong");
    expect(message("🙂".repeat(10))).toBeUndefined();
    expect(message("长".repeat(4000))).toBeUndefined();
    expect(planReportSchema.parse({ ...validReport, narrative: "\u0000进展说明足够长的一段文字\u0000" }).narrative).not.toContain("\u0000");
  });
});

describe("plan contribution schema", () => {
  it("has no completion estimate", () => {
    const parsed = planContributionSchema.parse({ ...validReport, completionPercent: "100" });
    expect(parsed).not.toHaveProperty("completionPercent");
  });
});

describe("plan review schema", () => {
  const id = "3f1c2b4a-1111-4222-8333-944445555666";
  it("needs a reason of at least 5 characters to return, none to accept", () => {
    expect(planReviewSchema.safeParse({ decision: "accept", reportId: id }).success).toBe(true);
    expect(planReviewSchema.safeParse({ decision: "return", reportId: id }).error?.issues[0].message).toBe("plan.validation.returnComment");
    expect(planReviewSchema.safeParse({ decision: "return", reportId: id, comment: "太短" }).error?.issues[0].message).toBe("plan.validation.returnComment");
    expect(planReviewSchema.parse({ decision: "return", reportId: id, comment: " 请补充佐证材料 " }).comment).toBe("请补充佐证材料");
  });

  it("refuses unknown decisions and report ids that are not UUIDs", () => {
    fc.assert(
      fc.property(fc.string(), (decision) => {
        fc.pre(decision !== "accept" && decision !== "return");
        expect(planReviewSchema.safeParse({ decision, reportId: id, comment: "理由足够长" }).success).toBe(false);
      }),
    );
    expect(planReviewSchema.safeParse({ decision: "accept", reportId: "1 or 1=1" }).error?.issues[0].message).toBe("plan.validation.report");
  });
});

describe("plan task schema", () => {
  const task = { section: "2", theme: "推进产教融合型企业建设", content: "建成1个产教融合型企业。", deadline: "2023年底前", leadUnits: "区教科局、区人社局", cooperatingUnits: "沣京工业园", targetValue: "1", targetNote: "" };
  it("splits unit lists as the plan writes them", () => {
    expect(planTaskSchema.parse(task)).toMatchObject({ section: 2, leadUnits: ["区教科局", "区人社局"], cooperatingUnits: ["沣京工业园"], targetValue: 1 });
    expect(planTaskSchema.parse({ ...task, cooperatingUnits: "" }).cooperatingUnits).toEqual([]);
  });
  it("needs a lead unit and refuses a unit in both roles", () => {
    expect(planTaskSchema.safeParse({ ...task, leadUnits: "" }).error?.issues[0].message).toBe("plan.validation.leadRequired");
    expect(planTaskSchema.safeParse({ ...task, cooperatingUnits: "区人社局" }).error?.issues[0].message).toBe("plan.validation.unitTwice");
    expect(planTaskSchema.safeParse({ ...task, leadUnits: "长".repeat(41) }).error?.issues[0]).toMatchObject({ path: ["leadUnits"], message: "plan.validation.unit" });
  });
});

describe("plan filters and periods", () => {
  it("never throws and keeps only known values", () => {
    fc.assert(
      fc.property(hostileInput(["section", "unit", "status"]), (input) => {
        const filter = planFilterSchema.parse(input);
        if (filter.status !== undefined) expect(planStatuses).toContain(filter.status);
        if (filter.section !== undefined) expect(Number.isInteger(filter.section) && filter.section >= 1).toBe(true);
        if (filter.unit !== undefined) expect(Array.from(filter.unit).length).toBeLessThanOrEqual(40);
      }),
      { numRuns: 400 },
    );
  });

  it("names the current quarter in Beijing", () => {
    expect(currentPeriod(new Date("2026-11-26T04:00:00Z"))).toBe("2026-Q4");
    expect(currentPeriod(new Date("2026-12-31T16:30:00Z"))).toBe("2027-Q1");
    expect(currentPeriod(new Date("2026-03-31T15:59:00Z"))).toBe("2026-Q1");
  });
});
