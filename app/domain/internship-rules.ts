import { addDays, dayjs } from "../utils/dates.ts";

/**
 * The rules of 岗位实习 that a post or a placement is checked against, with their figures and where each comes from
 * (职业学校学生实习管理规定, 教职成〔2021〕4号, and the Shaanxi 实施细则). The figures here are the defaults; an
 * administrator's newer figure replaces one without a release, so every check takes the rule set as a parameter.
 *
 * A finding either refuses (the rules forbid it) or warns (allowed only with a stated reason, which the bureau sees).
 */
export const internshipRuleIds = [
  "payFloor",
  "hostShare",
  "postShare",
  "firstYear",
  "minimumAge",
  "guardianConsent",
  "workingTime",
  "agreement",
  "insurance",
  "duration",
  "fees",
  "intermediary",
  "field",
] as const;
export type InternshipRuleId = (typeof internshipRuleIds)[number];

export interface InternshipRule {
  /** The rule's number: a percentage, an age, a count of months; null where the rule has none. */
  figure: number | null;
  /** Article and text, as shown beside a refusal or a warning. */
  article: string;
  /** Refused outright, or allowed only with a reason. */
  level: "refuse" | "warn";
}

export type InternshipRules = Record<InternshipRuleId, InternshipRule>;

export const defaultInternshipRules: InternshipRules = {
  payFloor: { figure: 80, article: "教职成〔2021〕4号 第十八条", level: "refuse" },
  hostShare: { figure: 10, article: "教职成〔2016〕3号 第九条（陕西细则沿用）", level: "warn" },
  postShare: { figure: 20, article: "教职成〔2016〕3号 第九条（陕西细则沿用）", level: "warn" },
  firstYear: { figure: 1, article: "教职成〔2021〕4号 第十六条", level: "refuse" },
  minimumAge: { figure: 16, article: "教职成〔2021〕4号 第十六条", level: "refuse" },
  guardianConsent: { figure: 18, article: "教职成〔2021〕4号 第十六条", level: "refuse" },
  workingTime: { figure: null, article: "教职成〔2016〕3号，教职成〔2021〕4号沿用（专业或岗位有特殊要求的除外）", level: "warn" },
  agreement: { figure: null, article: "教职成〔2021〕4号（三方协议示范文本）", level: "refuse" },
  insurance: { figure: null, article: "教职成〔2016〕3号，教职成〔2021〕4号沿用", level: "refuse" },
  duration: { figure: 6, article: "陕西省职业学校学生实习管理实施细则", level: "warn" },
  fees: { figure: null, article: "教职成〔2021〕4号；陕西省职业学校学生实习管理实施细则", level: "refuse" },
  intermediary: { figure: null, article: "教职成〔2021〕4号 第十六条", level: "refuse" },
  field: { figure: null, article: "陕西省职业学校学生实习管理实施细则", level: "refuse" },
};

export interface RuleFinding {
  rule: InternshipRuleId;
  level: "refuse" | "warn";
  article: string;
  /** The figures the message names (the limit and the value found). */
  vars: Record<string, number | string>;
}

const finding = (rules: InternshipRules, rule: InternshipRuleId, vars: RuleFinding["vars"] = {}): RuleFinding => ({
  rule,
  level: rules[rule].level,
  article: rules[rule].article,
  vars,
});

/** What an internship post declares for the checks. */
export interface PostFacts {
  monthlyPay: number;
  /** The host's wage for the same post (probation or lowest grade). */
  regularWage: number;
  shift: "day" | "night" | "rotating";
  overtime: boolean;
  holidayWork: boolean;
  /** Why the major or the post needs night, overtime or holiday work; required for those. */
  workingTimeReason?: string;
  feeCharged: boolean;
}

/** The checks of a post on its own: pay against the floor, working time, fees. */
export function checkPost(post: PostFacts, rules: InternshipRules = defaultInternshipRules): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const floor = rules.payFloor.figure ?? 0;
  const minimumPay = Math.ceil((post.regularWage * floor) / 100);
  if (post.monthlyPay < minimumPay) findings.push(finding(rules, "payFloor", { percent: floor, minimum: minimumPay, pay: post.monthlyPay }));
  const unusualTime = post.shift !== "day" || post.overtime || post.holidayWork;
  if (unusualTime && !post.workingTimeReason?.trim()) findings.push(finding(rules, "workingTime"));
  if (post.feeCharged) findings.push(finding(rules, "fees"));
  return findings;
}

/** Interns at a host (or on a post) at once, from every school, against its staff. */
export function checkShare(rule: "hostShare" | "postShare", interns: number, staff: number, rules: InternshipRules = defaultInternshipRules): RuleFinding[] {
  const percent = rules[rule].figure ?? 100;
  const cap = Math.floor((staff * percent) / 100);
  return interns > cap ? [finding(rules, rule, { percent, cap, interns, staff })] : [];
}

/** What a placement record holds for the checks: counts, never persons. */
export interface PlacementFacts {
  students: number;
  yearOfStudy: number;
  youngestAge: number;
  /** Students under the guardian-consent age, and the consents received. */
  minors: number;
  guardianConsents: number;
  startDate: string;
  endDate: string;
  agreementSignedOn: string | null;
  insuranceFrom: string | null;
  insuranceUntil: string | null;
  viaIntermediary: boolean;
  /** The students' 专业大类 and the post's; equal codes (two digits) match. */
  majorCategory: string;
  postCategory: string;
}

/** Whole months from start to end, counted as a school counts them (2027-03-01 to 2027-08-31 is 6). */
export function monthsBetween(startDate: string, endDate: string): number {
  const end = dayjs.utc(addDays(endDate, 1));
  return end.diff(dayjs.utc(startDate), "month", true);
}

export function checkPlacement(placement: PlacementFacts, rules: InternshipRules = defaultInternshipRules): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const firstYear = rules.firstYear.figure ?? 1;
  if (placement.yearOfStudy <= firstYear) findings.push(finding(rules, "firstYear", { year: placement.yearOfStudy }));
  const minimumAge = rules.minimumAge.figure ?? 16;
  if (placement.youngestAge < minimumAge) findings.push(finding(rules, "minimumAge", { age: minimumAge, youngest: placement.youngestAge }));
  if (placement.guardianConsents < placement.minors) {
    findings.push(finding(rules, "guardianConsent", { age: rules.guardianConsent.figure ?? 18, minors: placement.minors, consents: placement.guardianConsents }));
  }
  if (!placement.agreementSignedOn || placement.agreementSignedOn > placement.startDate) findings.push(finding(rules, "agreement"));
  const covered =
    placement.insuranceFrom !== null &&
    placement.insuranceUntil !== null &&
    placement.insuranceFrom <= placement.startDate &&
    placement.insuranceUntil >= placement.endDate;
  if (!covered) findings.push(finding(rules, "insurance"));
  const months = rules.duration.figure ?? 6;
  const length = monthsBetween(placement.startDate, placement.endDate);
  if (length > months) findings.push(finding(rules, "duration", { months, length: Math.round(length * 10) / 10 }));
  if (placement.viaIntermediary) findings.push(finding(rules, "intermediary"));
  if (placement.majorCategory.slice(0, 2) !== placement.postCategory.slice(0, 2)) findings.push(finding(rules, "field"));
  return findings;
}
