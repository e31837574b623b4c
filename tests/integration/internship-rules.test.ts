import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPost, defaultInternshipRules } from "../../app/domain/internship-rules.ts";
import { changeInternshipRule, internshipRuleHistory, internshipRulesInForce } from "../../app/models/internship-rules.server.ts";
import { internshipRuleChangeSchema } from "../../app/schemas/internship-rules.ts";
import type { DB } from "../../db/client.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

const post = { monthlyPay: 3400, regularWage: 4000, shift: "day" as const, overtime: false, holidayWork: false, feeCharged: false };

describe.each(backends)("internship rules as data on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
  });
  afterAll(() => database?.dispose());

  it("are the defaults until an administrator changes one; the change is in force at once, kept and audited", async () => {
    expect(await internshipRulesInForce(db)).toEqual(defaultInternshipRules);
    expect(checkPost(post, await internshipRulesInForce(db))).toEqual([]);
    const admin = await makeStaffActor(db, "platform_admin");
    const change = internshipRuleChangeSchema.parse({
      rule: "payFloor",
      figure: "90",
      article: "陕西省某新文件 第十条",
      level: "refuse",
      reason: "省级新文件将报酬下限提高到 90%。",
    });
    expect((await changeInternshipRule(db, admin, change, { ip: "198.51.100.3" })).ok).toBe(true);
    const rules = await internshipRulesInForce(db);
    expect(rules.payFloor).toEqual({ figure: 90, article: "陕西省某新文件 第十条", level: "refuse" });
    expect(rules.hostShare).toEqual(defaultInternshipRules.hostShare);
    expect(checkPost(post, rules)).toMatchObject([{ rule: "payFloor", vars: { percent: 90, minimum: 3600 } }]);
    // A second change wins; both stay in the history, newest first.
    await changeInternshipRule(db, admin, { ...change, figure: 85, reason: "更正：应为 85%。" });
    expect((await internshipRulesInForce(db)).payFloor.figure).toBe(85);
    expect((await internshipRuleHistory(db)).map((h) => [h.rule, h.figure, h.reason])).toEqual([
      ["payFloor", 85, "更正：应为 85%。"],
      ["payFloor", 90, "省级新文件将报酬下限提高到 90%。"],
    ]);
    const audited = await db.selectFrom("audit_log").select(["action", "target_id", "detail"]).where("action", "=", "internship.rule.change").orderBy("id").execute();
    expect(audited).toHaveLength(2);
    expect(audited[0].detail).toMatchObject({ rule: "payFloor", before: { figure: 80 }, after: { figure: 90 } });
  });

  it("lets no one but a platform administrator change a rule", async () => {
    const change = internshipRuleChangeSchema.parse({ rule: "hostShare", figure: "5", article: "测试依据文件", level: "warn", reason: "无权修改的尝试。" });
    for (const actor of [await makeStaffActor(db, "reviewer"), await makeStaffActor(db, "plan_officer"), await makeOrgActor(db)]) {
      expect(await changeInternshipRule(db, actor, change)).toEqual({ ok: false, code: "adminsOnly" });
    }
    expect((await internshipRulesInForce(db)).hostShare.figure).toBe(10);
  });
});
