import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createTranslator, keyWithVars, messageOrText } from "../../app/i18n/translate.ts";
import { registrationSchema } from "../../app/schemas/auth.ts";
import { eventSchema } from "../../app/schemas/event.ts";
import { listingSchemaFor } from "../../app/schemas/listing.ts";
import { organizationProfileSchema } from "../../app/schemas/organization.ts";
import { placementSchema, responseSchemaFor } from "../../app/schemas/response.ts";
import { enterpriseProfile } from "../support/registration.ts";

// What a person reads under a field: the first message per field, translated as the page shows it.
const zh = createTranslator("zh-CN");
const en = createTranslator("en");
function shown(schema: z.ZodType, input: Record<string, unknown>, t = zh): Record<string, string> {
  const result = schema.safeParse(input);
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) errors[issue.path.join(".")] ??= messageOrText(t, issue.message);
  return errors;
}

const internship = {
  title: "数控车床操作实习生",
  description: "在数控车间跟岗学习车床操作与首件检验。",
  industry: "equipment_manufacturing",
  majors: "数控技术",
  skills: "",
  validUntil: "2030-01-31",
  contactName: "王工",
  contactPhone: "13911112222",
  positions: "6",
  startDate: "2030-03-01",
  endDate: "2030-06-30",
  hoursPerWeek: "40",
  monthlyPay: "3000",
  insurance: "on",
  accommodation: "provided",
  meals: "subsidised",
  supervisor: "on",
};

describe("field messages name the limit that was broken", () => {
  it("says how long a text may be and how short it may not be, and a blank field is simply required", () => {
    const errors = shown(listingSchemaFor("internship"), { ...internship, title: "数控", description: "", contactName: "王".repeat(51) });
    expect(errors.title).toBe("至少 4 个字，请再补充一些。");
    expect(errors.description).toBe("此项必填，请填写。");
    expect(errors.contactName).toBe("最多 50 个字，请删减后再提交。");
    expect(shown(listingSchemaFor("internship"), { ...internship, title: "数控" }, en).title).toBe("At least 4 characters: please add a little more.");
  });

  it("says the highest number allowed, in hours for the weekly hours", () => {
    const errors = shown(listingSchemaFor("internship"), { ...internship, hoursPerWeek: "60", positions: "20000" });
    expect(errors.hoursPerWeek).toBe("每周实习时长最多 44 小时，请核对。");
    expect(errors.positions).toBe("不能超过 10000，请核对。");
  });

  it("calls a negative count negative, not a wrong kind of number", () => {
    const response = responseSchemaFor("internship");
    expect(shown(response, { message: "希望派 5 名学生参加。", students: "-5", startDate: "2030-03-01", endDate: "2030-06-30" }).students).toBe("至少为 1。");
    expect(shown(placementSchema, { intent: "placement", studentsPlaced: "−5", startDate: "2030-03-01", tripartiteAgreement: "yes", liabilityInsurance: "yes" }).studentsPlaced).toBe(
      "不能为负数。",
    );
    expect(shown(listingSchemaFor("internship"), { ...internship, positions: "-5" }).positions).toBe("至少为 1。");
  });

  it("leaves no placeholder unfilled and passes plain text through", () => {
    expect(messageOrText(zh, keyWithVars("validation.tooLong", { max: 80 }))).toBe("最多 80 个字，请删减后再提交。");
    expect(messageOrText(zh, "一段服务器写好的话")).toBe("一段服务器写好的话");
    expect(messageOrText(zh, "toString?max=1")).toBe("toString?max=1");
  });
});

describe("rules across fields show at the first submit, beside the other errors", () => {
  it("an internship ending before it starts, with the industry also missing", () => {
    const errors = shown(listingSchemaFor("internship"), { ...internship, industry: "", endDate: "2030-01-01" });
    expect(Object.keys(errors).sort()).toEqual(["endDate", "industry"]);
  });

  it("a cooperation budget upside down, with a bad cooperation type", () => {
    const { positions: _p, startDate: _s, endDate: _e, hoursPerWeek: _h, monthlyPay: _m, insurance: _i, accommodation: _a, meals: _ml, supervisor: _su, ...common } = internship;
    const errors = shown(listingSchemaFor("cooperation"), { ...common, cooperationType: "nonsense", budgetMinWan: "50", budgetMaxWan: "10" });
    expect(Object.keys(errors).sort()).toEqual(["budgetMaxWan", "cooperationType"]);
  });

  it("a placement ending before it starts, with the agreement question unanswered", () => {
    const errors = shown(placementSchema, { intent: "placement", studentsPlaced: "3", startDate: "2030-03-01", endDate: "2030-02-01", liabilityInsurance: "yes" });
    expect(Object.keys(errors).sort()).toEqual(["endDate", "tripartiteAgreement"]);
  });

  it("an enterprise without industry and staff count, and passwords that differ, with a bad e-mail", () => {
    const errors = shown(registrationSchema, {
      ...enterpriseProfile("17007"),
      industry: "",
      staffCount: "",
      userName: "周工",
      userEmail: "not-an-email",
      password: "Huyi-Platform-2026!",
      passwordConfirm: "Huyi-Platform-2027!",
      consent: "on",
    });
    expect(Object.keys(errors).sort()).toEqual(["industry", "passwordConfirm", "staffCount", "userEmail"]);
  });

  it("an event that ends before it starts, with the capacity missing", () => {
    const errors = shown(eventSchema, { title: "校企对接洽谈会", startsAt: "2030-05-01T14:00", endsAt: "2030-05-01T09:00", place: "区政务中心", capacity: "" });
    expect(Object.keys(errors).sort()).toEqual(["capacity", "endsAt"]);
  });

  it("a profile: the rules still run when another field is wrong", () => {
    const errors = shown(organizationProfileSchema, { ...enterpriseProfile("17008"), industry: "", staffCount: "", contactEmail: "bad" });
    expect(Object.keys(errors).sort()).toEqual(["contactEmail", "industry", "staffCount"]);
  });
});

describe("a refusal's message with figures reaches the page as a key, so each reader gets their language", () => {
  it("packs the variables instead of writing the Chinese text on the server", async () => {
    const { fieldError } = await import("../../app/utils/forms.server.ts");
    const answer = fieldError(new FormData(), "seats", "orders.error.tooManySeats", { limit: 20 }) as unknown as { data: { fieldErrors: Record<string, string> } };
    const sent = answer.data.fieldErrors.seats;
    expect(messageOrText(zh, sent)).toBe("该培训包每期最多 20 个名额，请减少订购名额或分批订购。");
    expect(messageOrText(en, sent)).toContain("at most 20 seats per run");
  });
});
