import { describe, expect, it } from "vitest";
import { internshipRuleChangeSchema } from "../../app/schemas/internship-rules.ts";
import { describeHostileInput, messagesOf } from "../support/hostile-input.ts";

const valid = { rule: "payFloor", figure: "85", article: "教职成〔2021〕4号 第十八条", level: "refuse", reason: "按新文件调整。" };

describe("the internship rule change form", () => {
  it("takes a figure for a rule that has one, and refuses one for a rule that has none", () => {
    expect(internshipRuleChangeSchema.parse(valid)).toMatchObject({ rule: "payFloor", figure: 85 });
    expect(messagesOf(internshipRuleChangeSchema.safeParse({ ...valid, figure: "" }))).toEqual(["internshipRules.figureRequired"]);
    expect(messagesOf(internshipRuleChangeSchema.safeParse({ ...valid, rule: "fees", figure: "3" }))).toEqual(["internshipRules.figureNone"]);
    expect(internshipRuleChangeSchema.parse({ ...valid, rule: "fees", figure: "" })).toMatchObject({ rule: "fees", figure: undefined });
  });

  it("refuses figures that are not whole numbers from 0 to 1000, an unknown rule or level, and says all at once", () => {
    for (const figure of ["-1", "1001", "8.5", "1e2", "八十"]) {
      expect(messagesOf(internshipRuleChangeSchema.safeParse({ ...valid, figure }))).toEqual(["internshipRules.figureRange"]);
    }
    const errors = internshipRuleChangeSchema.safeParse({ rule: "nonsense", figure: "x", article: "", level: "never", reason: "" });
    expect(errors.success).toBe(false);
    expect(new Set(errors.error!.issues.map((i) => i.path[0]))).toEqual(new Set(["rule", "figure", "article", "level", "reason"]));
  });
});

describeHostileInput({ internshipRuleChangeSchema }, ["rule", "figure", "article", "level", "reason"]);
