import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createListing } from "../../app/models/listing.server.ts";
import { workWaiting, type WorkKind } from "../../app/models/work-waiting.server.ts";
import type { Actor } from "../../app/models/policy.server.ts";
import { ensurePlanReference } from "../../db/reference/plan.ts";
import type { DB } from "../../db/client.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { internshipInput } from "../support/listings.ts";

const NOW = new Date("2026-12-04T04:00:00Z");
const counts = async (db: DB, actor: Actor) => Object.fromEntries((await workWaiting(db, actor, NOW)).map((i) => [i.kind, i.count])) as Partial<Record<WorkKind, number>>;

describe.each(backends)("work waiting on the dashboard on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    await ensurePlanReference(db);
  });
  afterAll(() => database?.dispose());

  it("gives each role only its own queues, counted from the rows, and moves as work arrives", async () => {
    const reviewer = await makeStaffActor(db, "reviewer");
    const admin = await makeStaffActor(db, "platform_admin");
    const enterprise = await makeOrgActor(db);
    expect(await counts(db, reviewer)).toEqual({ listingsToReview: 0, organizationsToReview: 0, identityChangesToReview: 0, certificationReviewsAssigned: 0 });
    expect(Object.keys(await counts(db, admin)).sort()).toEqual(
      ["certificationReviewsAssigned", "certificationsToDecide", "identityChangesToReview", "listingsToReview", "objectionsOpen", "organizationsToReview", "planReportsToAccept"].sort(),
    );
    expect(await counts(db, enterprise)).toEqual({ responsesToAnswer: 0, ordersToConfirm: 0 });

    // A listing submitted for review and an organisation registering reach the staff's queues.
    const created = await createListing(db, enterprise, "internship", internshipInput(), { submit: true });
    if (!created.ok) throw new Error(created.code);
    await makeOrgActor(db, { status: "pending" });
    expect(await counts(db, reviewer)).toMatchObject({ listingsToReview: 1, organizationsToReview: 1 });
    expect(await counts(db, admin)).toMatchObject({ listingsToReview: 1, organizationsToReview: 1 });
    // The enterprise has nothing to do about its own submission.
    expect(await counts(db, enterprise)).toEqual({ responsesToAnswer: 0, ordersToConfirm: 0 });
  });

  it("tells a plan officer of its unit's overdue tasks and returned reports, and no one else's", async () => {
    const unitOf = async (name: string) => (await db.selectFrom("plan_units").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
    const jkj = await unitOf("区教科局");
    const officer = await makeStaffActor(db, "plan_officer");
    await db.updateTable("users").set({ plan_unit_id: jkj }).where("id", "=", officer.user.id).execute();
    const actor = { ...officer, user: { ...officer.user, plan_unit_id: jkj } };
    const overdueLed = await db
      .selectFrom("plan_tasks as t")
      .innerJoin("plan_task_units as tu", "tu.task_id", "t.id")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("tu.unit_id", "=", jkj)
      .where("tu.role", "=", "lead")
      .where("t.deadline_year", "<", 2026)
      .executeTakeFirstOrThrow();
    const before = await counts(db, actor);
    expect(before.planTasksOverdue).toBeGreaterThanOrEqual(overdueLed.n);
    expect(before.planReportsReturned).toBe(0);
    const task = await db.selectFrom("plan_tasks").select("id").where("number", "=", 15).executeTakeFirstOrThrow();
    await db
      .insertInto("plan_reports")
      .values({ task_id: task.id, unit_id: jkj, kind: "lead", author_id: officer.user.id, period: "2026-Q4", narrative: "本季度推进情况。", completion_percent: 30, status: "returned" })
      .execute();
    expect((await counts(db, actor)).planReportsReturned).toBe(1);
    // Filed again for that period: nothing is waiting any more.
    await db
      .insertInto("plan_reports")
      .values({ task_id: task.id, unit_id: jkj, kind: "lead", author_id: officer.user.id, period: "2026-Q4", narrative: "补充后重新报送。", completion_percent: 40 })
      .execute();
    expect((await counts(db, actor)).planReportsReturned).toBe(0);
    const admin = await makeStaffActor(db, "platform_admin");
    expect((await counts(db, admin)).planReportsToAccept).toBe(1);
    expect((await counts(db, admin)).planTasksOverdue).toBeUndefined();
  });

  it("counts a unit's overdue and silent tasks as the clock moves over a year, from the rows alone", async () => {
    const jkj = (await db.selectFrom("plan_units").select("id").where("name", "=", "区教科局").executeTakeFirstOrThrow()).id;
    const officer = await makeStaffActor(db, "plan_officer");
    const actor = { ...officer, user: { ...officer.user, plan_unit_id: jkj } };
    const led = await db
      .selectFrom("plan_tasks as t")
      .innerJoin("plan_task_units as tu", "tu.task_id", "t.id")
      .select(["t.deadline_year", "t.created_at"])
      .where("tu.unit_id", "=", jkj)
      .where("tu.role", "=", "lead")
      .execute();
    const tracked = Math.max(...led.map((t) => new Date(t.created_at).getTime()));
    // Monthly for a year from when tracking began; no report of this unit is ever accepted.
    for (let month = 0; month <= 12; month++) {
      const now = new Date(tracked + month * 30 * 86_400_000 + 3_600_000);
      const year = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
      const silent = (t: { created_at: Date }) => now.getTime() - new Date(t.created_at).getTime() > 90 * 86_400_000;
      const expected = led.filter((t) => silent(t) || (t.deadline_year !== null && t.deadline_year < year)).length;
      const counts = Object.fromEntries((await workWaiting(db, actor, now)).map((i) => [i.kind, i.count]));
      expect(counts.planTasksOverdue, `month ${month}`).toBe(expected);
    }
  });
});
