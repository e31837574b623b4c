import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkPlacement,
  checkPost,
  checkShare,
  defaultInternshipRules,
  internshipRuleIds,
  monthsBetween,
  type InternshipRules,
  type PlacementFacts,
  type PostFacts,
} from "../../app/domain/internship-rules.ts";

const post: PostFacts = { monthlyPay: 3200, regularWage: 4000, shift: "day", overtime: false, holidayWork: false, feeCharged: false };
const placement: PlacementFacts = {
  students: 8,
  yearOfStudy: 3,
  youngestAge: 18,
  minors: 0,
  guardianConsents: 0,
  startDate: "2027-03-01",
  endDate: "2027-08-31",
  agreementSignedOn: "2027-02-20",
  insuranceFrom: "2027-03-01",
  insuranceUntil: "2027-08-31",
  viaIntermediary: false,
  majorCategory: "4601",
  postCategory: "46",
};
const rulesOf = (findings: Array<{ rule: string }>) => findings.map((f) => f.rule);

describe("the internship rules' figures, at, below and above each limit", () => {
  it("pay: at least 80 % of the same post's wage", () => {
    expect(checkPost({ ...post, monthlyPay: 3200 })).toEqual([]);
    expect(checkPost({ ...post, monthlyPay: 3201 })).toEqual([]);
    expect(checkPost({ ...post, monthlyPay: 3199 })).toEqual([
      { rule: "payFloor", level: "refuse", article: defaultInternshipRules.payFloor.article, vars: { percent: 80, minimum: 3200, pay: 3199 } },
    ]);
  });

  it("at most 10 % of the host's staff and 20 % of the post's staff as interns at once", () => {
    expect(checkShare("hostShare", 50, 500)).toEqual([]);
    expect(checkShare("hostShare", 49, 500)).toEqual([]);
    expect(checkShare("hostShare", 51, 500)).toMatchObject([{ rule: "hostShare", level: "warn", vars: { cap: 50, interns: 51 } }]);
    expect(checkShare("postShare", 4, 20)).toEqual([]);
    expect(checkShare("postShare", 3, 20)).toEqual([]);
    expect(checkShare("postShare", 5, 20)).toMatchObject([{ rule: "postShare", vars: { cap: 4 } }]);
    // A cap is whole people, rounded down: 10 % of 95 staff is 9.
    expect(checkShare("hostShare", 10, 95)).toMatchObject([{ vars: { cap: 9 } }]);
  });

  it("no first-year students, none under 16, and a guardian's consent for every minor", () => {
    expect(rulesOf(checkPlacement({ ...placement, yearOfStudy: 1 }))).toEqual(["firstYear"]);
    expect(checkPlacement({ ...placement, yearOfStudy: 2 })).toEqual([]);
    expect(rulesOf(checkPlacement({ ...placement, youngestAge: 15, minors: 8, guardianConsents: 8 }))).toEqual(["minimumAge"]);
    expect(checkPlacement({ ...placement, youngestAge: 16, minors: 8, guardianConsents: 8 })).toEqual([]);
    expect(checkPlacement({ ...placement, youngestAge: 17, minors: 3, guardianConsents: 4 })).toEqual([]);
    expect(checkPlacement({ ...placement, youngestAge: 17, minors: 3, guardianConsents: 3 })).toEqual([]);
    expect(checkPlacement({ ...placement, youngestAge: 17, minors: 3, guardianConsents: 2 })).toMatchObject([
      { rule: "guardianConsent", vars: { minors: 3, consents: 2 } },
    ]);
  });

  it("no night shift, overtime or holiday work without a stated reason; no fee of any kind", () => {
    for (const unusual of [{ shift: "night" as const }, { shift: "rotating" as const }, { overtime: true }, { holidayWork: true }]) {
      expect(checkPost({ ...post, ...unusual })).toMatchObject([{ rule: "workingTime", level: "warn" }]);
      expect(checkPost({ ...post, ...unusual, workingTimeReason: "  " })).toMatchObject([{ rule: "workingTime" }]);
      expect(checkPost({ ...post, ...unusual, workingTimeReason: "护理专业须跟随夜班查房" })).toEqual([]);
    }
    expect(checkPost({ ...post, feeCharged: true })).toMatchObject([{ rule: "fees", level: "refuse" }]);
  });

  it("the tripartite agreement signed before the start, insurance for the whole period", () => {
    expect(checkPlacement({ ...placement, agreementSignedOn: "2027-03-01" })).toEqual([]);
    expect(rulesOf(checkPlacement({ ...placement, agreementSignedOn: "2027-03-02" }))).toEqual(["agreement"]);
    expect(rulesOf(checkPlacement({ ...placement, agreementSignedOn: null }))).toEqual(["agreement"]);
    expect(rulesOf(checkPlacement({ ...placement, insuranceFrom: "2027-03-02" }))).toEqual(["insurance"]);
    expect(rulesOf(checkPlacement({ ...placement, insuranceUntil: "2027-08-30" }))).toEqual(["insurance"]);
    expect(checkPlacement({ ...placement, insuranceFrom: "2027-02-01", insuranceUntil: "2028-02-28" })).toEqual([]);
    expect(rulesOf(checkPlacement({ ...placement, insuranceFrom: null, insuranceUntil: null }))).toEqual(["insurance"]);
  });

  it("岗位实习 normally at most 6 months", () => {
    expect(monthsBetween("2027-03-01", "2027-08-31")).toBe(6);
    const within = { ...placement, endDate: "2027-08-31" };
    expect(checkPlacement(within)).toEqual([]);
    expect(checkPlacement({ ...placement, endDate: "2027-07-31" })).toEqual([]);
    expect(checkPlacement({ ...placement, endDate: "2027-09-01", insuranceUntil: "2027-09-01" })).toMatchObject([{ rule: "duration", level: "warn" }]);
  });

  it("no intermediaries, and only within the students' 专业大类", () => {
    expect(rulesOf(checkPlacement({ ...placement, viaIntermediary: true }))).toEqual(["intermediary"]);
    expect(checkPlacement({ ...placement, majorCategory: "460103", postCategory: "4601" })).toEqual([]);
    expect(rulesOf(checkPlacement({ ...placement, majorCategory: "5101", postCategory: "46" }))).toEqual(["field"]);
  });
});

describe("the rule set is data: a newer figure changes the check without a release", () => {
  it("a pay floor raised to 90 % refuses what 80 % allowed", () => {
    const newer: InternshipRules = { ...defaultInternshipRules, payFloor: { ...defaultInternshipRules.payFloor, figure: 90 } };
    expect(checkPost(post)).toEqual([]);
    expect(checkPost(post, newer)).toMatchObject([{ rule: "payFloor", vars: { percent: 90, minimum: 3600 } }]);
  });

  it("every rule names its source, and every finding carries its rule's article and level", () => {
    for (const id of internshipRuleIds) expect(defaultInternshipRules[id].article.length).toBeGreaterThan(4);
    fc.assert(
      fc.property(
        fc.record({
          monthlyPay: fc.integer({ min: 0, max: 50_000 }),
          regularWage: fc.integer({ min: 0, max: 50_000 }),
          shift: fc.constantFrom("day" as const, "night" as const, "rotating" as const),
          overtime: fc.boolean(),
          holidayWork: fc.boolean(),
          feeCharged: fc.boolean(),
        }),
        (random) => {
          for (const f of checkPost(random)) {
            expect(f.article).toBe(defaultInternshipRules[f.rule].article);
            expect(f.level).toBe(defaultInternshipRules[f.rule].level);
          }
          // Paying at or above the floor never trips the pay rule, below it always does.
          const floor = Math.ceil(random.regularWage * 0.8);
          expect(checkPost(random).some((f) => f.rule === "payFloor")).toBe(random.monthlyPay < floor);
        },
      ),
    );
  });
});
