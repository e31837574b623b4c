import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentCertificates, internsIndicator, planIndicators } from "../../app/models/plan/indicators.server.ts";
import { EXPORT_HEADER, planCsv, planWorkbook } from "../../app/models/plan/export.server.ts";
import { ensurePlanReference } from "../../db/reference/plan.ts";
import { indicatorMet } from "../../app/domain/plan-status.ts";
import { addReportFile, getReportFile, listReportFiles, PLAN_FILE_MAX_BYTES, storedFileName } from "../../app/models/plan/files.server.ts";
import { fileReport, reviewReport } from "../../app/models/plan/reports.server.ts";
import type { PlanActor } from "../../app/models/plan/shared.server.ts";
import { planSettings, sendReminders, supervision, updatePlanSettings } from "../../app/models/plan/supervision.server.ts";
import { createPlanTask, updatePlanTask } from "../../app/models/plan/task-edits.server.ts";
import { getPlanTask, listPlanTasks } from "../../app/models/plan/tasks.server.ts";
import { planReportSchema, planContributionSchema, planTaskSchema } from "../../app/schemas/plan-tracking.ts";
import type { DB } from "../../db/client.ts";
import type { PlatformRole } from "../../db/schema.ts";
import planData from "../../db/reference/plan-tasks.json" with { type: "json" };
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

const NOW = new Date("2026-11-26T04:00:00Z");
const RSJ = "区人社局";
const tasksOf = (predicate: (t: (typeof planData.tasks)[number]) => boolean) => planData.tasks.filter(predicate).map((t) => t.number);
// Picked from the plan itself, so the test follows the data rather than remembered numbers.
const rsjLeads = tasksOf((t) => t.leadUnits.includes(RSJ));
const rsjCooperates = tasksOf((t) => t.cooperatingUnits.includes(RSJ) && !t.leadUnits.includes(RSJ));
const rsjAbsent = tasksOf((t) => !t.leadUnits.includes(RSJ) && !t.cooperatingUnits.includes(RSJ));
const yearTargets = tasksOf((t) => t.deadline.kind === "year");
const rsjOngoingLeads = tasksOf((t) => t.leadUnits.includes(RSJ) && t.deadline.kind !== "year");

async function makeUser(db: DB, role: PlatformRole | null, unit: string | null = null): Promise<PlanActor> {
  const suffix = crypto.randomBytes(4).toString("hex");
  const unitId = unit ? (await db.selectFrom("plan_units").select("id").where("name", "=", unit).executeTakeFirstOrThrow()).id : null;
  return db
    .insertInto("users")
    .values({ email: `plan-${suffix}@example.cn`, name: `联络员${suffix}`, password_hash: "x", platform_role: role, plan_unit_id: unitId })
    .returning(["id", "email", "platform_role", "plan_unit_id"])
    .executeTakeFirstOrThrow();
}

const report = (period: string, percent: number, narrative = "本期开展了校企合作对接和技能培训，完成了阶段目标。") =>
  planReportSchema.parse({ period, narrative, completionPercent: String(percent), evidenceLinks: "https://www.huyi.gov.cn/a" });
const contribution = (period: string) =>
  planContributionSchema.parse({ period, narrative: "配合牵头单位组织企业参加对接活动，提供政策解读。", evidenceLinks: "" });

describe.each(backends)("plan tracking on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let officer: PlanActor;
  let jkjOfficer: PlanActor;
  let admin: PlanActor;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    await ensurePlanReference(db);
    officer = await makeUser(db, "plan_officer", RSJ);
    jkjOfficer = await makeUser(db, "plan_officer", "区教科局");
    admin = await makeUser(db, "platform_admin");
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("loads the 63 tasks in 6 sections with their units once, and not again", async () => {
    const tasks = await listPlanTasks(db, NOW);
    expect(tasks).toHaveLength(63);
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
    expect(new Set(tasks.map((t) => t.section))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const sections = await db.selectFrom("plan_sections").selectAll().orderBy("number").execute();
    expect(sections.map((s) => s.title)).toEqual(planData.sections.map((s) => s.title));
    const two = tasks.find((t) => t.number === 2)!;
    expect(two.leadUnits).toEqual(["区发改委", "区教科局"]);
    expect(two.cooperatingUnits).toContain(RSJ);
    expect(two.cooperatingIncludesOthers).toBe(true);
    expect(two.deadline).toBe("持续推进");
    const eleven = tasks.find((t) => t.number === 11)!;
    expect(eleven).toMatchObject({ deadline: "2023年", deadlineYear: 2023, targetValue: 1 });
    const unit = await db.selectFrom("plan_units").select("category").where("name", "=", "沣京工业园").executeTakeFirstOrThrow();
    expect(unit.category).toBe("park");
    expect((await db.selectFrom("plan_units").select("category").where("name", "=", RSJ).executeTakeFirstOrThrow()).category).toBe(
      "district_department",
    );
    expect(await ensurePlanReference(db)).toEqual({ loaded: false });
    expect(await db.selectFrom("plan_tasks").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).toEqual({ n: 63 });
  });

  it("shows the 2023 targets as overdue today, and nothing else", async () => {
    const tasks = await listPlanTasks(db, NOW);
    expect(yearTargets.length).toBeGreaterThan(0);
    expect(tasks.filter((t) => t.status === "overdue").map((t) => t.number)).toEqual(yearTargets);
    // Tracking began now (the rows were just loaded): the ongoing ones are not started, not yet silent.
    expect(new Set(tasks.filter((t) => t.deadlineYear === null).map((t) => t.status))).toEqual(new Set(["not_started"]));
  });

  it("lets 区人社局 report where it leads, contribute where it cooperates, and refuses it elsewhere", async () => {
    const lead = rsjLeads[0];
    const cooperating = rsjCooperates[0];
    const absent = rsjAbsent[0];
    expect(await fileReport(db, officer, lead, { kind: "lead", input: report("2026-Q4", 50) }, {}, NOW)).toMatchObject({ ok: true });
    expect(await fileReport(db, officer, cooperating, { kind: "contribution", input: contribution("2026-Q4") }, {}, NOW)).toMatchObject({ ok: true });
    // The administrators are told a report and a contribution await review.
    const told = await db
      .selectFrom("notifications")
      .select(["kind", "title", "link"])
      .where("user_id", "=", admin.id)
      .where("kind", "in", ["plan.lead.filed", "plan.contribution.filed"])
      .orderBy("id")
      .execute();
    expect(told).toEqual([
      { kind: "plan.lead.filed", title: `${RSJ}报送了任务 ${lead} 的进展报告（2026-Q4），待审阅`, link: `/plan/tasks/${lead}` },
      { kind: "plan.contribution.filed", title: `${RSJ}报送了任务 ${cooperating} 的配合工作情况（2026-Q4），待审阅`, link: `/plan/tasks/${cooperating}` },
    ]);

    expect(await fileReport(db, officer, cooperating, { kind: "lead", input: report("2026-Q4", 50) }, {}, NOW)).toMatchObject({
      ok: false,
      code: "notLead",
    });
    expect(await fileReport(db, officer, lead, { kind: "contribution", input: contribution("2026-11") }, {}, NOW)).toMatchObject({
      ok: false,
      code: "notCooperating",
    });
    for (const kind of ["lead", "contribution"] as const) {
      const input = kind === "lead" ? report("2026-Q4", 10) : contribution("2026-Q4");
      expect(await fileReport(db, officer, absent, kind === "lead" ? { kind, input: input as ReturnType<typeof report> } : { kind, input }, {}, NOW)).toMatchObject({
        ok: false,
        code: "notInvolved",
      });
    }
    expect(await fileReport(db, officer, 9999, { kind: "lead", input: report("2026-Q4", 10) }, {}, NOW)).toMatchObject({ code: "taskNotFound" });
    expect(await fileReport(db, admin, lead, { kind: "lead", input: report("2026-Q3", 10) }, {}, NOW)).toMatchObject({ code: "officersOnly" });
    const unitless = await makeUser(db, "plan_officer", null);
    expect(await fileReport(db, unitless, lead, { kind: "lead", input: report("2026-Q3", 10) }, {}, NOW)).toMatchObject({
      code: "noUnit",
    });
    // Never a future quarter nor one older than two years, by the clock the caller passes.
    for (const period of ["2027-Q1", "2027-01", "2024-Q4", "2019-Q1", "2030-Q1"]) {
      expect(await fileReport(db, officer, lead, { kind: "lead", input: report(period, 10) }, {}, NOW)).toMatchObject({
        code: "periodOutOfRange",
      });
    }
    expect(await fileReport(db, officer, lead, { kind: "lead", input: report("2027-Q1", 10) }, {}, new Date("2027-01-05T04:00:00Z"))).toMatchObject({
      ok: true,
    });
    // One live report per unit and period.
    expect(await fileReport(db, officer, lead, { kind: "lead", input: report("2026-Q4", 60) }, {}, NOW)).toMatchObject({
      code: "periodTaken",
    });
    const reports = await db.selectFrom("plan_reports").select(["kind", "status"]).execute();
    expect(reports).toHaveLength(3);
    expect((await listPlanTasks(db, NOW, [lead, cooperating])).map((t) => t.status)).toEqual(
      [lead, cooperating].sort((a, b) => a - b).map(() => "in_progress"),
    );
  });

  it("lets an administrator accept with a comment, tells the author, audits, and completes at 100 %", async () => {
    const lead = rsjLeads[1];
    const filed = await fileReport(db, officer, lead, { kind: "lead", input: report("2026-Q4", 100) }, {}, NOW);
    if (!filed.ok) throw new Error(filed.code);
    expect(await reviewReport(db, officer, lead, { decision: "accept", reportId: filed.reportId })).toMatchObject({ code: "adminsOnly" });
    expect(await reviewReport(db, admin, lead + 1, { decision: "accept", reportId: filed.reportId })).toMatchObject({ code: "reportNotFound" });
    expect(await reviewReport(db, admin, lead, { decision: "accept", reportId: filed.reportId, comment: "材料齐全" })).toEqual({
      ok: true,
      status: "accepted",
    });
    expect(await reviewReport(db, admin, lead, { decision: "return", reportId: filed.reportId, comment: "再看一遍" })).toMatchObject({
      code: "alreadyReviewed",
    });
    const row = await db.selectFrom("plan_reports").selectAll().where("id", "=", filed.reportId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "accepted", admin_comment: "材料齐全", accepted_by: admin.id });
    expect(row.accepted_at).toBeInstanceOf(Date);
    const note = await db.selectFrom("notifications").selectAll().where("user_id", "=", officer.id).executeTakeFirstOrThrow();
    expect(note.title).toContain(`任务 ${lead}`);
    expect(note.link).toBe(`/plan/tasks/${lead}`);
    const entry = await db.selectFrom("audit_log").selectAll().where("action", "=", "plan.report.accept").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_user_id: admin.id, target_id: filed.reportId, outcome: "success" });
    const [task] = await listPlanTasks(db, new Date(), [lead]);
    expect(task.status).toBe("completed");
    expect(task.latestReport?.completionPercent).toBe(100);
  });

  it("returns a report with a reason, and the unit may file that period again", async () => {
    const lead = rsjOngoingLeads[2];
    const filed = await fileReport(db, officer, lead, { kind: "lead", input: report("2026-10", 30) }, {}, NOW);
    if (!filed.ok) throw new Error(filed.code);
    expect(await reviewReport(db, admin, lead, { decision: "return", reportId: filed.reportId, comment: "请补充佐证材料" })).toEqual({
      ok: true,
      status: "returned",
    });
    expect((await listPlanTasks(db, NOW, [lead]))[0].status).toBe("not_started");
    expect(await fileReport(db, officer, lead, { kind: "lead", input: report("2026-10", 35) }, {}, NOW)).toMatchObject({ ok: true });
  });

  it("takes PDF, PNG and JPEG evidence files by their bytes, from the reporting unit only, until review", async () => {
    const lead = rsjOngoingLeads[3];
    const filed = await fileReport(db, officer, lead, { kind: "lead", input: report("2026-09", 20) }, {}, NOW);
    if (!filed.ok) throw new Error(filed.code);
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const png = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
    const added = await addReportFile(db, officer, lead, filed.reportId, { name: "../../会议纪要.pdf", bytes: pdf });
    if (!added.ok) throw new Error(added.code);
    const stored = await getReportFile(db, added.fileId);
    expect(stored).toMatchObject({ fileName: "会议纪要.pdf", contentType: "application/pdf" });
    expect([...stored!.content]).toEqual([...pdf]);
    // The name says PNG, the bytes say PDF: the bytes win, and the name follows.
    const renamed = await addReportFile(db, officer, lead, filed.reportId, { name: "照片.png", bytes: pdf });
    expect(renamed.ok && (await getReportFile(db, renamed.fileId))?.fileName).toBe("照片.pdf");
    expect(await addReportFile(db, officer, lead, filed.reportId, { name: "现场.png", bytes: png })).toMatchObject({ ok: true });

    const text = new TextEncoder().encode("这不是 PDF，只是改了扩展名");
    expect(await addReportFile(db, officer, lead, filed.reportId, { name: "伪装.pdf", bytes: text })).toMatchObject({ code: "fileType" });
    expect(await addReportFile(db, officer, lead, filed.reportId, { name: "空.pdf", bytes: new Uint8Array() })).toMatchObject({ code: "fileEmpty" });
    const huge = new Uint8Array(PLAN_FILE_MAX_BYTES + 1);
    huge.set(pdf);
    expect(await addReportFile(db, officer, lead, filed.reportId, { name: "大.pdf", bytes: huge })).toMatchObject({ code: "fileTooLarge" });
    expect(await addReportFile(db, jkjOfficer, lead, filed.reportId, { name: "a.pdf", bytes: pdf })).toMatchObject({ code: "notYourReport" });
    expect(await addReportFile(db, admin, lead, filed.reportId, { name: "a.pdf", bytes: pdf })).toMatchObject({ code: "officersOnly" });
    expect(await addReportFile(db, officer, lead + 1, filed.reportId, { name: "a.pdf", bytes: pdf })).toMatchObject({ code: "reportNotFound" });
    expect(await addReportFile(db, officer, lead, "not-a-uuid", { name: "a.pdf", bytes: pdf })).toMatchObject({ code: "reportNotFound" });
    await addReportFile(db, officer, lead, filed.reportId, { name: "4.pdf", bytes: pdf });
    await addReportFile(db, officer, lead, filed.reportId, { name: "5.pdf", bytes: pdf });
    expect(await addReportFile(db, officer, lead, filed.reportId, { name: "6.pdf", bytes: pdf })).toMatchObject({ code: "tooManyFiles" });
    expect(await listReportFiles(db, [filed.reportId])).toHaveLength(5);

    const second = await fileReport(db, officer, lead, { kind: "lead", input: report("2026-08", 10) }, {}, NOW);
    if (!second.ok) throw new Error(second.code);
    await reviewReport(db, admin, lead, { decision: "accept", reportId: second.reportId });
    expect(await addReportFile(db, officer, lead, second.reportId, { name: "迟到.pdf", bytes: pdf })).toMatchObject({
      code: "filesAfterReview",
    });
    expect(storedFileName("a\u0000b<>:.exe.jpg", "jpg")).toBe("ab.exe.jpg");
    expect(storedFileName("", "pdf")).toBe("evidence.pdf");
  });

  it("keeps the before and after of every administrator's edit as history", async () => {
    const number = rsjAbsent[1];
    const detail = await getPlanTask(db, number, NOW);
    const input = planTaskSchema.parse({
      section: String(detail!.task.section),
      theme: detail!.task.theme,
      content: `${detail!.task.content}（已更正）`,
      deadline: "2027年底前",
      leadUnits: detail!.task.leadUnits.join("、"),
      cooperatingUnits: [...detail!.task.cooperatingUnits, RSJ].filter((u, i, all) => all.indexOf(u) === i && !detail!.task.leadUnits.includes(u)).join("、"),
      targetValue: "",
      targetNote: "",
    });
    expect(await updatePlanTask(db, officer, number, input)).toMatchObject({ code: "adminsOnly" });
    expect(await updatePlanTask(db, admin, number, input)).toEqual({ ok: true, changed: true });
    expect(await updatePlanTask(db, admin, number, input)).toEqual({ ok: true, changed: false });
    const after = await getPlanTask(db, number, NOW);
    expect(after!.task).toMatchObject({ deadline: "2027年底前", deadlineYear: 2027 });
    expect(after!.task.cooperatingUnits).toContain(RSJ);
    expect(after!.history).toHaveLength(1);
    const [entry] = after!.history;
    expect(entry).toMatchObject({ action: "update", actorLabel: admin.email });
    expect(entry.before).toMatchObject({ content: detail!.task.content, deadline: detail!.task.deadline });
    expect(entry.after).toMatchObject({ content: `${detail!.task.content}（已更正）`, deadline_year: 2027 });
    expect(entry.after.cooperating_units).toContain(RSJ);
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "plan.task.update").execute()).toHaveLength(1);
    // The corrected task now lets 区人社局 contribute.
    expect(await fileReport(db, officer, number, { kind: "contribution", input: contribution("2026-Q4") }, {}, NOW)).toMatchObject({ ok: true });
    const unknown = planTaskSchema.parse({ ...input, leadUnits: "不存在的局", cooperatingUnits: "" });
    expect(await updatePlanTask(db, admin, number, unknown)).toMatchObject({ code: "unknownUnit", field: "leadUnits" });
  });

  it("counts the live indicators from the platform's rows", async () => {
    const before = await internsIndicator(db);
    const enterprise = await db
      .insertInto("organizations")
      .values({ kind: "enterprise", name: `指标企业${backend}`, status: "verified", staff_count: 501 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const school = await db
      .insertInto("organizations")
      .values({ kind: "vocational_school", name: `指标学校${backend}`, status: "verified" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("cooperation_projects")
      .values([
        { owner_org_id: enterprise.id, partner_org_id: school.id, kind: "internship", title: "实习", start_date: "2026-09-01", students_count: 7, details: "{}" },
        // A school's own internship listing is not an enterprise hosting interns.
        { owner_org_id: school.id, partner_org_id: enterprise.id, kind: "internship", title: "反向", start_date: "2026-09-01", students_count: 50, details: "{}" },
        { owner_org_id: enterprise.id, partner_org_id: school.id, kind: "cooperation", title: "合作", start_date: "2026-09-01", details: "{}" },
      ])
      .execute();
    expect(await internsIndicator(db)).toEqual({ target: before.target + 11, hosted: before.hosted + 7 });
    await db
      .insertInto("package_orders")
      .values([
        { provider_org_id: school.id, buyer_org_id: enterprise.id, seats: 2, unit_price_yuan: 100, total_yuan: 200, package_snapshot: "{}", status: "completed" },
        { provider_org_id: school.id, buyer_org_id: enterprise.id, seats: 1, unit_price_yuan: 100, total_yuan: 100, package_snapshot: "{}" },
      ])
      .execute();
    const [past, future] = await db
      .insertInto("match_events")
      .values([
        { title: "已举办", starts_at: "2026-10-01T01:00:00Z", ends_at: "2026-10-01T05:00:00Z", place: "区政府", capacity: 50 },
        { title: "未举办", starts_at: "2027-01-01T01:00:00Z", ends_at: "2027-01-01T05:00:00Z", place: "区政府", capacity: 50 },
      ])
      .returning("id")
      .execute();
    await db
      .insertInto("match_event_registrations")
      .values([
        { event_id: past.id, organization_id: enterprise.id, status: "registered" },
        { event_id: past.id, organization_id: school.id, status: "cancelled" },
        { event_id: future.id, organization_id: school.id, status: "registered" },
      ])
      .execute();
    await db.insertInto("search_query_stats").values({ day: "2026-11-01", query: "数控", searches: 12, zero_results: 0 }).execute();

    const indicators = new Map((await planIndicators(db, NOW)).map((i) => [i.task, i]));
    expect(indicators.get(30)).toMatchObject({ live: 2, details: [{ label: "plan.indicator.30.completed", value: 1 }] });
    expect(indicators.get(57)).toMatchObject({ live: 1, details: [{ label: "plan.indicator.57.organizations", value: 1 }] });
    expect(indicators.get(56)).toMatchObject({ live: 2 });
    expect(indicators.get(56)!.details.map((d) => d.value)).toEqual([0, 12, 3]);
    expect(indicators.get(16)).toMatchObject({ live: before.hosted + 7 });
    expect(indicators.get(11)).toMatchObject({ target: 1 });
    // Task 25 has no platform data: the figure of the latest accepted report, when there is one.
    expect(indicators.get(25)).toMatchObject({ live: null, reported: null });
    const filed = await fileReport(db, jkjOfficer, 25, { kind: "lead", input: report("2026-Q3", 80) }, {}, NOW);
    if (!filed.ok) throw new Error(filed.code);
    expect((await planIndicators(db, NOW)).find((i) => i.task === 25)!.reported).toBeNull();
    await reviewReport(db, admin, 25, { decision: "accept", reportId: filed.reportId });
    expect((await planIndicators(db, NOW)).find((i) => i.task === 25)).toMatchObject({
      live: null,
      reported: { period: "2026-Q3", completionPercent: 80 },
    });
  });

  it("counts current, unrevoked certificates by type for tasks 11, 15 and 18", async () => {
    const org = await db.insertInto("organizations").values({ kind: "enterprise", name: `认证企业${backend}`, status: "verified" }).returning("id").executeTakeFirstOrThrow();
    const base = { organization_id: org.id, issued_on: "2026-01-01", valid_until: "2029-01-01" };
    expect(await currentCertificates(db, "enterprise", NOW)).toBe(0);
    await db
      .insertInto("certificates")
      .values([
        { ...base, type_code: "enterprise", number: `T-${backend}-1` },
        { ...base, type_code: "enterprise", number: `T-${backend}-2`, valid_until: "2026-11-25" },
        { ...base, type_code: "enterprise", number: `T-${backend}-3`, revoked_at: "2026-10-01T00:00:00Z", revoke_reason: "测试" },
        { ...base, type_code: "enterprise", number: `T-${backend}-4`, issued_on: "2026-12-01", valid_until: "2029-12-01" },
        { ...base, type_code: "training_base", number: `T-${backend}-5` },
        { ...base, type_code: "school", number: `T-${backend}-6` },
        { ...base, type_code: "school", number: `T-${backend}-7` },
      ])
      .execute();
    expect(await currentCertificates(db, "enterprise", NOW)).toBe(1);
    // The last day of validity still counts (Beijing date).
    expect(await currentCertificates(db, "enterprise", new Date("2026-11-25T15:00:00Z"))).toBe(2);
    const indicators = new Map((await planIndicators(db, NOW)).map((i) => [i.task, i]));
    expect(indicators.get(11)).toMatchObject({ target: 1, live: 1 });
    expect(indicators.get(15)).toMatchObject({ target: 1, live: 2 });
    expect(indicators.get(18)).toMatchObject({ target: 1, live: 1 });
    // A task whose live figure has reached its target is done, not overdue, though its 2023 deadline has passed.
    const statuses = new Map((await listPlanTasks(db, NOW, [11, 15, 18, 25])).map((t) => [t.number, t.status]));
    expect(Object.fromEntries(statuses)).toEqual({ 11: "completed", 15: "completed", 18: "completed", 25: "overdue" });
    // The day after its only current certificate runs out, task 11 is overdue again.
    const afterExpiry = new Date("2030-01-02T04:00:00Z");
    expect((await listPlanTasks(db, afterExpiry, [11]))[0].status).toBe("overdue");
  });

  it("lists overdue and silent tasks by lead unit and reminds their officers", async () => {
    const groups = await supervision(db, NOW);
    const jkj = groups.find((g) => g.unit === "区教科局")!;
    const met = new Set((await planIndicators(db, NOW)).filter(indicatorMet).map((i) => i.task));
    const overdue = yearTargets.filter((n) => planData.tasks[n - 1].leadUnits.includes("区教科局") && !met.has(n));
    expect(overdue.length).toBeGreaterThan(0);
    expect(jkj.tasks.map((t) => t.number)).toEqual(expect.arrayContaining(overdue));
    for (const n of met) expect(jkj.tasks.map((t) => t.number)).not.toContain(n);
    expect(jkj.officers.map((o) => o.id)).toEqual([jkjOfficer.id]);
    // 90 days on, every ongoing task without an accepted report is silent too.
    const later = new Date(Date.now() + 120 * 24 * 60 * 60 * 1000);
    expect((await supervision(db, later)).flatMap((g) => g.tasks).some((t) => t.status === "silent")).toBe(true);
    expect(await sendReminders(db, officer, "区教科局", NOW)).toMatchObject({ code: "adminsOnly" });
    expect(await sendReminders(db, admin, "没有任务的单位", NOW)).toMatchObject({ code: "nothingToRemind" });
    const result = await sendReminders(db, admin, "区教科局", NOW);
    expect(result).toEqual({ ok: true, units: 1, officers: 1 });
    const note = await db.selectFrom("notifications").selectAll().where("user_id", "=", jkjOfficer.id).where("kind", "=", "plan.reminder").executeTakeFirstOrThrow();
    expect(note.body).toContain("区教科局");
    expect(note.link).toBe("/plan");
    expect(await db.selectFrom("audit_log").select("target_id").where("action", "=", "plan.remind").execute()).toEqual([{ target_id: "区教科局" }]);
  });

  it("lets administrators alone set the days after which a task is silent, and audits the change", async () => {
    expect(await planSettings(db)).toMatchObject({ silentAfterDays: 90, updatedAt: null });
    // 60 days on, nothing new is silent at 90 days; at 30 days the ongoing tasks are.
    const later = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000);
    const silentAt = async () => (await listPlanTasks(db, later)).filter((t) => t.status === "silent").map((t) => t.number);
    expect(await silentAt()).toEqual([]);
    expect(await updatePlanSettings(db, officer, { silentAfterDays: 30 })).toMatchObject({ ok: false, code: "adminsOnly" });
    expect(await updatePlanSettings(db, admin, { silentAfterDays: 30 }, { ip: "127.0.0.1" })).toEqual({ ok: true });
    expect(await planSettings(db)).toMatchObject({ silentAfterDays: 30, updatedByName: expect.any(String) });
    expect((await silentAt()).length).toBeGreaterThan(0);
    const trail = await db.selectFrom("audit_log").select(["actor_user_id", "detail"]).where("action", "=", "plan.settings.update").execute();
    expect(trail).toHaveLength(1);
    expect(trail[0].actor_user_id).toBe(admin.id);
    expect(trail[0].detail).toMatchObject({ before: { silentAfterDays: 90 }, after: { silentAfterDays: 30 } });
    // The database refuses what the form would: the range holds even for a direct write.
    await expect(db.updateTable("plan_settings").set({ silent_after_days: 3 }).execute()).rejects.toThrow();
    expect(await updatePlanSettings(db, admin, { silentAfterDays: 90 })).toEqual({ ok: true });
    expect(await silentAt()).toEqual([]);
  });

  it("exports 63 task rows under the six section headings, in the table's columns", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await planWorkbook(db, NOW)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([...EXPORT_HEADER]);
    const headings = rows.filter((r) => typeof r[0] === "string" && /^[一二三四五六]、/.test(r[0] as string));
    expect(headings.map((r) => r[0])).toEqual(["一", "二", "三", "四", "五", "六"].map((n, i) => `${n}、${planData.sections[i].title}`));
    const tasks = rows.filter((r) => typeof r[0] === "number");
    expect(tasks).toHaveLength(63);
    expect(tasks.map((r) => r[0])).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
    // Each section's tasks come right after its heading, and the heading cell spans the row.
    const firstOfSection2 = rows.findIndex((r) => r === headings[1]);
    expect(rows[firstOfSection2 + 1][0]).toBe(planData.tasks.find((t) => t.section === 2)!.number);
    expect(sheet.getCell(`A${firstOfSection2 + 1}`).isMerged).toBe(true);
    const task11 = tasks.find((r) => r[0] === 11)!;
    expect(task11[3]).toBe("区教科局、区人社局");
    // Task 11's certificate (an earlier test) meets its target; task 25 has no live figure and is past 2023.
    expect(task11[6]).toBe("已完成");
    expect(tasks.find((r) => r[0] === 25)![6]).toBe("已逾期");
    const task2 = tasks.find((r) => r[0] === 2)!;
    expect(String(task2[4])).toMatch(/等区级部门$/);
    const completed = tasks.find((r) => r[0] === rsjLeads[1])!;
    expect(completed[6]).toBe("已完成");
    expect(String(completed[7])).toContain("2026-Q4 · 100%");

    const csv = await planCsv(db, NOW);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString("utf8").slice(1);
    expect(text.split("\r\n")[0]).toBe(EXPORT_HEADER.map((h) => `"${h}"`).join(","));
    expect(text).toContain(`"一、${planData.sections[0].title}"`);
  });

  it("adds a new task after the plan's own, with its creation in the history", async () => {
    const input = planTaskSchema.parse({
      section: "6",
      theme: "建立联席会议制度",
      content: "每季度召开一次产教融合联席会议，通报任务进展。",
      deadline: "持续推进",
      leadUnits: "区教科局",
      cooperatingUnits: RSJ,
    });
    expect(await createPlanTask(db, officer, input)).toMatchObject({ code: "adminsOnly" });
    expect(await createPlanTask(db, admin, input)).toEqual({ ok: true, number: 64 });
    const created = await getPlanTask(db, 64, NOW);
    expect(created!.task).toMatchObject({ section: 6, leadUnits: ["区教科局"], cooperatingUnits: [RSJ], deadlineYear: null, status: "not_started" });
    expect(created!.history.map((h) => h.action)).toEqual(["create"]);
    expect(await getPlanTask(db, 65, NOW)).toBeNull();
  });
});
