import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  cleanFileName,
  milestoneAddSchema,
  milestoneDoneSchema,
  placementSchema,
  projectActionSchema,
  projectListFilterSchema,
  projectStatusSchema,
  projectStatuses,
  respondableKinds,
  responseActionSchema,
  responseDecisionSchema,
  responseDetailKeys,
  responseListFilterSchema,
  responseSchemaFor,
  responseStatuses,
  splitResponseInput,
} from "../../app/schemas/response.ts";
import { expectParsesOrNamesCatalogKeys as expectSafe, hostileInput as hostileInputWith, hostileValue as hostileValueWith } from "../support/hostile-input.ts";

// Cohorts, dates and decisions as the forms send them.
const responseValues = ["2027级", "accept", "decline", "withdraw", "yes", "no"];
const hostileValue = hostileValueWith(responseValues);
const hostileInput = (fields: string[]) => hostileInputWith(fields, responseValues);

const runs = { numRuns: 300 };

describe("response form schemas (one per kind)", () => {
  for (const kind of respondableKinds) {
    it(`${kind}: never throws on hostile input and answers with catalog keys`, () => {
      fc.assert(
        fc.property(hostileInput(["message", ...responseDetailKeys[kind]]), (input) => {
          const result = expectSafe(responseSchemaFor(kind), input);
          if (result.success) {
            // What reaches the database is only the message and this kind's fields, NUL-free.
            const split = splitResponseInput(kind, result.data as Record<string, unknown>);
            expect(Object.keys(split.details).every((k) => responseDetailKeys[kind].includes(k))).toBe(true);
            expect(split.message).not.toContain("\u0000");
          }
        }),
        runs,
      );
    });
  }

  it("accepts a well-formed response of each kind and keeps the kind's fields", () => {
    const message = "我院愿意合作，请联系校企合作处。";
    expect(splitResponseInput("internship", responseSchemaFor("internship").parse({ message, students: " 12 ", startDate: "2027-03-01", endDate: "2027-06-30" }))).toEqual({
      message,
      details: { students: 12, startDate: "2027-03-01", endDate: "2027-06-30" },
    });
    expect(splitResponseInput("order_training", responseSchemaFor("order_training").parse({ message, major: "数控技术", students: "40", cohort: "2027 级" }))).toEqual({
      message,
      details: { major: "数控技术", students: 40, cohort: 2027 },
    });
    for (const kind of ["cooperation", "research_result"] as const) {
      const proposal = "共建实训基地，企业投入设备，学校提供场地和师资。";
      expect(splitResponseInput(kind, responseSchemaFor(kind).parse({ message, proposal, students: "5" }))).toEqual({ message, details: { proposal } });
    }
  });

  it("refuses an internship whose end is before its start, on the end date", () => {
    const result = responseSchemaFor("internship").safeParse({ message: "五个字以上的说明", students: "3", startDate: "2027-06-30", endDate: "2027-03-01" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endDate", "validation.endBeforeStart"]]);
  });

  it("takes a cohort as a year with or without 级, between 2020 and 2040", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom("", "级", " 级", "级 "), (year, suffix) => {
        const result = responseSchemaFor("order_training").safeParse({ message: "订单班合作意向", major: "数控技术", students: "30", cohort: `${year}${suffix}` });
        expect(result.success).toBe(year >= 2020 && year <= 2040);
        if (!result.success) expect(result.error.issues[0].message).toBe("responses.validation.cohort");
      }),
      runs,
    );
  });

  it("gives the right message for a missing, short or long message", () => {
    const messageOf = (message: unknown) =>
      responseSchemaFor("cooperation").safeParse({ message, proposal: "足够长的合作方案说明文字" }).error?.issues[0].message;
    expect(messageOf(undefined)).toBe("responses.validation.messageRequired");
    expect(messageOf("  \u0000 ")).toBe("responses.validation.messageRequired");
    expect(messageOf("太短")).toBe("responses.validation.messageTooShort");
    expect(messageOf("长".repeat(2001))).toBe("responses.validation.messageTooLong");
    expect(messageOf("🙂".repeat(5))).toBeUndefined();
  });
});

describe("decision and withdrawal", () => {
  it("never throws on hostile input", () => {
    fc.assert(fc.property(hostileInput(["intent", "reason"]), (input) => void expectSafe(responseActionSchema, input)), runs);
    fc.assert(fc.property(hostileInput(["intent", "reason"]), (input) => void expectSafe(responseDecisionSchema, input)), runs);
  });

  it("requires a reason of 2 to 500 characters for accepting and for declining, none for withdrawing", () => {
    fc.assert(
      fc.property(fc.constantFrom("accept", "decline", "withdraw"), fc.string({ unit: "grapheme", maxLength: 600 }), (intent, reason) => {
        const result = expectSafe(responseActionSchema, { intent, reason });
        const cleaned = reason.replaceAll("\u0000", "").trim();
        const length = Array.from(cleaned).length;
        expect(result.success).toBe(intent === "withdraw" || (length >= 2 && length <= 500));
        const data = result.data as { intent: string; reason?: string } | undefined;
        if (data && data.intent !== "withdraw") expect(data.reason).toBe(cleaned);
      }),
      runs,
    );
    expect(responseActionSchema.safeParse({ intent: "decline" }).error?.issues[0].message).toBe("responses.validation.reasonRequired");
    expect(responseActionSchema.safeParse({ intent: "approve", reason: "理由" }).error?.issues[0].message).toBe("validation.choose");
  });

  it("reads list filters from any URL without failing", () => {
    fc.assert(
      fc.property(hostileInput(["tab", "status"]), (input) => {
        const filter = responseListFilterSchema.parse(input);
        expect(["incoming", "outgoing"]).toContain(filter.tab);
        if (filter.status !== undefined) expect(responseStatuses).toContain(filter.status);
        const projects = projectListFilterSchema.parse(input);
        if (projects.status !== undefined) expect(projectStatuses).toContain(projects.status);
      }),
      runs,
    );
  });
});

describe("project forms", () => {
  const cases: Array<[string, z.ZodType, string[]]> = [
    ["status", projectStatusSchema, ["intent", "status", "reason"]],
    ["milestone", milestoneAddSchema, ["intent", "title", "dueDate"]],
    ["milestone done", milestoneDoneSchema, ["intent", "milestoneId"]],
    ["placement", placementSchema, ["intent", "studentsPlaced", "startDate", "endDate", "tripartiteAgreement", "liabilityInsurance"]],
    [
      "any project action",
      projectActionSchema,
      ["intent", "status", "reason", "title", "dueDate", "milestoneId", "studentsPlaced", "startDate", "endDate", "tripartiteAgreement", "liabilityInsurance"],
    ],
  ];
  for (const [name, schema, fields] of cases) {
    it(`${name}: never throws on hostile input and answers with catalog keys`, () => {
      fc.assert(fc.property(hostileInput(fields), (input) => void expectSafe(schema, input)), runs);
    });
  }

  it("needs a reason to end a project early, but not to complete it", () => {
    expect(projectStatusSchema.safeParse({ intent: "status", status: "ended" }).error?.issues[0].message).toBe("responses.validation.endReasonRequired");
    expect(projectStatusSchema.parse({ intent: "status", status: "ended", reason: " 企业停产 " })).toEqual({ intent: "status", status: "ended", reason: "企业停产" });
    expect(projectStatusSchema.parse({ intent: "status", status: "completed", reason: "" })).toEqual({ intent: "status", status: "completed" });
    expect(projectStatusSchema.safeParse({ intent: "status", status: "in_progress" }).success).toBe(false);
  });

  it("records a placement as counts and yes/no answers only", () => {
    expect(
      placementSchema.parse({ intent: "placement", studentsPlaced: "12", startDate: "2027-03-01", endDate: "", tripartiteAgreement: "yes", liabilityInsurance: "no" }),
    ).toEqual({ intent: "placement", studentsPlaced: 12, startDate: "2027-03-01", tripartiteAgreement: true, liabilityInsurance: false });
    expect(placementSchema.safeParse({ intent: "placement", studentsPlaced: "-1", startDate: "2027-03-01", tripartiteAgreement: "yes", liabilityInsurance: "yes" }).success).toBe(false);
    expect(
      placementSchema.safeParse({ intent: "placement", studentsPlaced: "3", startDate: "2027-03-01", tripartiteAgreement: "maybe", liabilityInsurance: "yes" }).error?.issues[0].message,
    ).toBe("responses.validation.yesNo");
  });
});

describe("stored file names", () => {
  it("never throws, and gives a short name without path or control characters", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), hostileValue), (name) => {
        const clean = cleanFileName(name);
        expect(clean.length).toBeGreaterThan(0);
        expect(Array.from(clean).length).toBeLessThanOrEqual(120);
        // eslint-disable-next-line no-control-regex
        expect(clean).not.toMatch(/[\u0000-\u001f\u007f"/\\]/);
      }),
      runs,
    );
    expect(cleanFileName("C:\\fakepath\\合作协议.pdf")).toBe("合作协议.pdf");
  });
});
