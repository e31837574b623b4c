import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditAction } from "../../app/domain/audit-actions.ts";
import { audit } from "../../app/models/audit.server.ts";
import { createApplication, addFile } from "../../app/models/certification/applications.server.ts";
import { createEvent } from "../../app/models/matchmaking/events/events.server.ts";
import { cancelRegistration, registerForEvent } from "../../app/models/matchmaking/events/registrations.server.ts";
import { advanceOrder, placeOrder } from "../../app/models/matchmaking/orders.server.ts";
import { addMilestone, addProjectFile, completeMilestone, listMilestones } from "../../app/models/matchmaking/projects.server.ts";
import { createResponse, decideResponse } from "../../app/models/matchmaking/responses.server.ts";
import { createSession } from "../../app/models/session.server.ts";
import type { Actor, OrgActor } from "../../app/models/policy.server.ts";
import { setRuntime, type Runtime } from "../../app/runtime.server.ts";
import { loader } from "../../app/routes/admin.audit.tsx";
import { dateToBeijing, eventSchema } from "../../app/schemas/event.ts";
import { responseSchemaFor, splitResponseInput } from "../../app/schemas/response.ts";
import { latestRubric } from "../../app/models/certification/rubrics.server.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import type { DB } from "../../db/client.ts";
import { ensurePlanReference } from "../../db/reference/plan.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { minimalPdf } from "../support/agreement-files.ts";
import { hostileStrings } from "../support/hostile-input.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

// Business steps that change another organisation's view of the world are in the audit log: one row each, in the
// step's own transaction, with the actor's organisation and the subject's title; and the page shows them in words.

const rowsOf = (db: DB, action: AuditAction, targetId: string) =>
  db.selectFrom("audit_log").selectAll().where("action", "=", action).where("target_id", "=", targetId).execute();

async function publishedListing(db: DB, owner: OrgActor, kind: "order_training" | "training_package", details: Record<string, unknown> = {}) {
  return db
    .insertInto("listings")
    .values({
      organization_id: owner.organization.id,
      kind,
      status: "published",
      title: `审计测试 ${kind} ${Math.random().toString(36).slice(2, 8)}`,
      description: "用于审计日志测试的信息，描述足够长。",
      valid_until: addDays(todayInChina(), 60),
      details: JSON.stringify(details),
      published_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe.each(backends)("the audit log of business steps on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let enterprise: OrgActor;
  let school: OrgActor;
  let admin: Actor;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    await ensurePlanReference(db);
    enterprise = await makeOrgActor(db, { kind: "enterprise", name: `审计企业${backend}` });
    school = await makeOrgActor(db, { kind: "vocational_school", name: `审计职院${backend}` });
    admin = await makeStaffActor(db, "platform_admin");
    setRuntime({ db, log: { info() {}, warn() {}, error() {}, debug() {} } } as unknown as Runtime);
  });
  afterAll(async () => {
    setRuntime(undefined);
    await database?.dispose();
  });

  it("a response accepted, a milestone and an agreement file are one row each, with the actor's organisation and the title", async () => {
    const listing = await publishedListing(db, enterprise, "order_training");
    const input = splitResponseInput(
      "order_training",
      responseSchemaFor("order_training").parse({ message: "我院愿意组建订单班，请联系校企合作处。", major: "数控技术", students: "40", cohort: "2027级" }),
    );
    const response = await createResponse(db, school, listing.id, input);
    if (!response.ok) throw new Error(response.code);
    const accepted = await decideResponse(db, enterprise, response.response.id, { intent: "accept", reason: "专业对口，请联系人事部。" });
    if (!accepted.ok || !accepted.projectId) throw new Error("not accepted");

    const acceptRows = await rowsOf(db, "response.accept", response.response.id);
    expect(acceptRows).toHaveLength(1);
    expect(acceptRows[0]).toMatchObject({
      actor_user_id: enterprise.user.id,
      actor_label: enterprise.user.email,
      actor_organization_id: enterprise.organization.id,
      organization_id: school.organization.id,
      target_type: "response",
      target_title: listing.title,
      outcome: "success",
    });
    expect(acceptRows[0].detail).toEqual({ reason: "专业对口，请联系人事部。" });
    expect(await rowsOf(db, "response.submit", response.response.id)).toHaveLength(1);
    expect(await rowsOf(db, "project.start", accepted.projectId)).toHaveLength(1);

    expect((await addMilestone(db, school, accepted.projectId, { title: "完成首批学生面试", dueDate: "2027-01-15" })).ok).toBe(true);
    const [milestone] = await listMilestones(db, accepted.projectId);
    expect((await completeMilestone(db, enterprise, accepted.projectId, milestone.id)).ok).toBe(true);
    const added = await rowsOf(db, "project.milestone.add", accepted.projectId);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ actor_organization_id: school.organization.id, organization_id: enterprise.organization.id, target_title: listing.title });
    expect(added[0].detail).toEqual({ milestone: "完成首批学生面试", dueDate: "2027-01-15" });
    expect(await rowsOf(db, "project.milestone.done", accepted.projectId)).toHaveLength(1);

    const uploaded = await addProjectFile(db, enterprise, accepted.projectId, { name: "C:\\合作协议.pdf", bytes: minimalPdf() });
    expect(uploaded.ok).toBe(true);
    const fileRows = await rowsOf(db, "project.file.upload", accepted.projectId);
    expect(fileRows).toHaveLength(1);
    expect(fileRows[0]).toMatchObject({ actor_organization_id: enterprise.organization.id, target_title: listing.title });
    expect(fileRows[0].detail).toMatchObject({ fileName: "合作协议.pdf", type: "application/pdf" });
  });

  it("an order's confirmation is one row for the provider, concerning the buyer", async () => {
    const provider = await makeOrgActor(db, { kind: "training_provider", name: `审计培训学校${backend}` });
    const pkg = await publishedListing(db, provider, "training_package", { priceYuan: 1200, seats: 30, courses: [{ name: "数控编程基础", hours: 16 }] });
    const placed = await placeOrder(db, enterprise, pkg.id, { seats: 3 });
    if (!placed.ok) throw new Error(placed.code);
    const placedRows = await rowsOf(db, "order.place", placed.order.id);
    expect(placedRows).toHaveLength(1);
    expect(placedRows[0].detail).toEqual({ seats: 3, totalYuan: 3600 });

    expect((await advanceOrder(db, provider, placed.order.id, "confirm")).ok).toBe(true);
    const confirmed = await rowsOf(db, "order.confirm", placed.order.id);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({
      actor_user_id: provider.user.id,
      actor_organization_id: provider.organization.id,
      organization_id: enterprise.organization.id,
      target_type: "order",
      target_title: pkg.title,
    });
    // A refused step (the buyer cannot confirm) writes nothing.
    expect((await advanceOrder(db, enterprise, placed.order.id, "deliver")).ok).toBe(false);
    expect(await rowsOf(db, "order.deliver", placed.order.id)).toHaveLength(0);
  });

  it("a certification evidence file and an event registration and its cancellation are one row each", async () => {
    const application = await createApplication(db, enterprise, "enterprise", {});
    if (!application.ok) throw new Error(application.code);
    const row = await db.selectFrom("certification_applications").selectAll().where("id", "=", application.id).executeTakeFirstOrThrow();
    const criterionKey = (await latestRubric(db, "enterprise"))!.criteria[0].key;
    expect((await addFile(db, enterprise, row as never, { criterionKey, name: "实习协议.pdf", bytes: minimalPdf() })).ok).toBe(true);
    const fileRows = await rowsOf(db, "certification.file.upload", application.id);
    expect(fileRows).toHaveLength(1);
    expect(fileRows[0]).toMatchObject({ actor_organization_id: enterprise.organization.id, organization_id: enterprise.organization.id });
    expect(fileRows[0].target_title).toBeTruthy();
    expect(fileRows[0].detail).toMatchObject({ fileName: "实习协议.pdf" });

    const start = new Date(Date.now() + 72 * 3_600_000);
    const created = await createEvent(
      db,
      admin,
      eventSchema.parse({
        title: "审计测试对接会",
        startsAt: dateToBeijing(start),
        endsAt: dateToBeijing(new Date(start.getTime() + 3 * 3_600_000)),
        place: "区政务服务中心三楼报告厅",
        capacity: "5",
        audience: "装备制造企业",
        agenda: "09:00 签到",
      }),
    );
    if (!created.ok) throw new Error(created.code);
    expect(await registerForEvent(db, school, created.event.id)).toEqual({ ok: true, status: "registered" });
    const registered = await rowsOf(db, "event.register", created.event.id);
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ actor_organization_id: school.organization.id, target_type: "match_event", target_title: "审计测试对接会" });
    expect(registered[0].detail).toEqual({ status: "registered" });
    expect((await cancelRegistration(db, school, created.event.id)).ok).toBe(true);
    expect(await rowsOf(db, "event.registration.cancel", created.event.id)).toHaveLength(1);
  });

  it("the page's loader answers in words: labels, China time, the plan officer's unit, status labels in details", async () => {
    const unit = await db.selectFrom("plan_units").select(["id", "name"]).orderBy("id").executeTakeFirstOrThrow();
    const officer = await db
      .insertInto("users")
      .values({ email: `officer-${backend}-${Date.now()}@example.cn`, name: "联络员", password_hash: "x", platform_role: "plan_officer", plan_unit_id: unit.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(db, {
      action: "plan.report.submit",
      outcome: "success",
      actorUserId: officer.id,
      actorLabel: officer.email,
      targetType: "plan_report",
      targetId: "00000000-0000-4000-8000-000000000001",
      targetTitle: "推进产教融合型企业建设",
      detail: { task: 11, unit: unit.name, period: "2026-Q4", kind: "lead", submittedAt: "2026-12-05T01:30:00.000Z" },
    });
    await audit(db, {
      action: "organization.verify",
      outcome: "success",
      actorUserId: admin.user.id,
      actorLabel: admin.user.email,
      organizationId: school.organization.id,
      targetType: "organization",
      targetId: school.organization.id,
      detail: { from: "pending", to: "verified" },
    });
    const { token } = await createSession(db, admin.user, {});
    const call = async (query: string, cookie = "") =>
      (await loader({
        request: new Request(`http://localhost/admin/audit${query}`, { headers: { Cookie: `cjt_session=${token}${cookie}` } }),
        params: {},
        context: { requestId: "t", cspNonce: "n", clientIp: "127.0.0.1" },
      })) as Awaited<ReturnType<typeof loader>>;

    const plan = await call(`?action=plan.report.submit&actor=${encodeURIComponent(officer.email)}`);
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]).toMatchObject({
      actionLabel: "提交任务进展报告",
      categoryLabel: "业务操作",
      affiliation: `${unit.name}（任务跟踪联络员）`,
      target: "进展报告：推进产教融合型企业建设",
      outcomeLabel: "成功",
    });
    expect(plan.rows[0].at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(plan.rows[0].details).toEqual(
      expect.arrayContaining([
        { label: "任务序号", value: "11" },
        { label: "类型", value: "牵头单位进展报告" },
        // An ISO time in the details is shown in China time.
        { label: "submittedAt", value: "2026-12-05 09:30" },
      ]),
    );
    expect(plan.actionGroups.find((g) => g.label === "计划")?.actions.map((a) => a.label)).toContain("采纳任务进展报告");

    const verify = await call(`?action=organization.verify&org=${school.organization.id}`);
    expect(verify.rows[0]).toMatchObject({ actionLabel: "机构审核通过", categoryLabel: "管理决定", affiliation: "平台管理员" });
    expect(verify.rows[0].details).toEqual([
      { label: "原状态", value: "待审核" },
      { label: "新状态", value: "已核验" },
    ]);
    expect(verify.rows[0].at).not.toMatch(/T|Z/);

    const english = await call(`?action=organization.verify&org=${school.organization.id}`, "; lang=en");
    expect(english.rows[0]).toMatchObject({ actionLabel: "Organisation verified", affiliation: "Platform administrator" });
    expect(english.rows[0].details[1]).toEqual({ label: "To", value: "Verified" });

    const hostile = await call("?action=drop%20table&from=2026-02-30&page=99999999999&category=evil");
    expect(hostile).toMatchObject({ badAction: true, badDate: true, page: 1, filter: { action: "", category: "", from: "" } });

    // Whatever the address bar holds, the loader answers with a page (never throws, so never a 500).
    const keys = ["action", "category", "outcome", "actor", "org", "from", "to", "page"];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...keys), hostileStrings(["plan.report.accept", "decision", "2026-12-05", "10000", school.organization.id])), { maxLength: 8 }), async (pairs) => {
        const result = await call(`?${new URLSearchParams(pairs).toString()}`);
        expect(Array.isArray(result.rows)).toBe(true);
        expect(result.page).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });
});
