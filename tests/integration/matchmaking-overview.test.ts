import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchmakingOverview, OVERVIEW_PAGE_SIZE } from "../../app/models/matchmaking/overview.server.ts";
import type { OrgActor } from "../../app/models/policy.server.ts";
import { overviewFilterSchema } from "../../app/schemas/matchmaking-overview.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import type { DB } from "../../db/client.ts";
import { makeOrgActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

const filter = (query: Record<string, string>) => overviewFilterSchema.parse(query);

describe.each(backends)("matchmaking overview for staff on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let enterprise: OrgActor;
  let school: OrgActor;
  const tag = crypto.randomBytes(3).toString("hex");

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    enterprise = await makeOrgActor(db, { kind: "enterprise", name: `总览企业${tag}` });
    school = await makeOrgActor(db, { kind: "vocational_school", name: `总览职院${tag}` });
    const listing = await db
      .insertInto("listings")
      .values({
        organization_id: enterprise.organization.id,
        kind: "internship",
        status: "published",
        title: "总览测试实习岗位",
        description: "用于对接总览测试的实习岗位。",
        valid_until: addDays(todayInChina(), 60),
        details: "{}",
        published_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // 31 responses a minute apart (one more than a page): the oldest declined, the newest pending (one pending
    // response per listing and responder at a time), the others withdrawn.
    const start = Date.now() - 60 * 60_000;
    await db
      .insertInto("listing_responses")
      .values(
        Array.from({ length: OVERVIEW_PAGE_SIZE + 1 }, (_, i) => ({
          listing_id: listing.id,
          responder_org_id: school.organization.id,
          status: i === 0 ? ("declined" as const) : i === OVERVIEW_PAGE_SIZE ? ("pending" as const) : ("withdrawn" as const),
          message: `第 ${i + 1} 次响应`,
          details: "{}",
          created_at: new Date(start + i * 60_000),
        })),
      )
      .execute();
    await db
      .insertInto("cooperation_projects")
      .values({ owner_org_id: enterprise.organization.id, partner_org_id: school.organization.id, kind: "internship", title: "总览测试实习项目", start_date: todayInChina(), students_count: 12, details: "{}" })
      .execute();
    await db
      .insertInto("package_orders")
      .values([
        { provider_org_id: school.organization.id, buyer_org_id: enterprise.organization.id, status: "requested", seats: 20, unit_price_yuan: 150, total_yuan: 3000, package_snapshot: JSON.stringify({ title: "数控编程培训包" }) },
        { provider_org_id: school.organization.id, buyer_org_id: enterprise.organization.id, status: "completed", seats: 5, unit_price_yuan: 100, total_yuan: 500, package_snapshot: "{}" },
      ])
      .execute();
  }, 120_000);
  afterAll(() => database?.dispose());

  it("counts responses by status and pages through them newest first", async () => {
    const first = await matchmakingOverview(db, filter({ view: "responses", q: tag }));
    expect(first.counts).toEqual({ pending: 1, accepted: 0, declined: 1, withdrawn: OVERVIEW_PAGE_SIZE - 1 });
    expect(first).toMatchObject({ total: OVERVIEW_PAGE_SIZE + 1, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(OVERVIEW_PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ title: "总览测试实习岗位", kind: "internship", fromOrg: school.organization.name, toOrg: enterprise.organization.name, status: "pending" });
    const second = await matchmakingOverview(db, filter({ view: "responses", q: tag, page: "2" }));
    expect(second.rows.map((r) => r.status)).toEqual(["declined"]);
    // A page past the end shows the last one.
    expect((await matchmakingOverview(db, filter({ view: "responses", q: tag, page: "99" }))).page).toBe(2);
    const declined = await matchmakingOverview(db, filter({ view: "responses", q: tag, status: "declined" }));
    expect(declined).toMatchObject({ total: 1, pageCount: 1 });
    expect(declined.rows).toHaveLength(1);
  });

  it("filters by either party's name, taking % and _ literally", async () => {
    expect((await matchmakingOverview(db, filter({ view: "responses", q: `总览企业${tag}` }))).total).toBe(OVERVIEW_PAGE_SIZE + 1);
    expect((await matchmakingOverview(db, filter({ view: "responses", q: `总览职院${tag}` }))).total).toBe(OVERVIEW_PAGE_SIZE + 1);
    expect((await matchmakingOverview(db, filter({ view: "responses", q: "%" }))).total).toBe(0);
    expect((await matchmakingOverview(db, filter({ view: "responses", q: "总览_业" }))).total).toBe(0);
  });

  it("shows projects with their students and orders with seats, amounts and the frozen title", async () => {
    const projects = await matchmakingOverview(db, filter({ view: "projects", q: tag }));
    expect(projects.rows).toEqual([expect.objectContaining({ title: "总览测试实习项目", people: 12, status: "in_progress", fromOrg: enterprise.organization.name })]);
    const orders = await matchmakingOverview(db, filter({ view: "orders", q: tag }));
    expect(orders.counts).toMatchObject({ requested: 1, completed: 1, cancelled: 0 });
    const byStatus = Object.fromEntries(orders.rows.map((r) => [r.status, r]));
    expect(byStatus.requested).toMatchObject({ title: "数控编程培训包", people: 20, totalYuan: 3000, fromOrg: enterprise.organization.name, toOrg: school.organization.name });
    expect(byStatus.completed).toMatchObject({ title: "", people: 5, totalYuan: 500 });
  });

  it("drops a status that belongs to another view instead of failing", async () => {
    expect(filter({ view: "projects", status: "pending" }).status).toBeUndefined();
    expect(filter({ view: "nonsense", status: "pending" })).toMatchObject({ view: "responses", status: "pending" });
  });
});
