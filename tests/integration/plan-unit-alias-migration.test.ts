import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlanReference } from "../../db/reference/plan.ts";
import { migrations } from "../../db/migrations/index.ts";
import { migrateToLatest } from "../../db/migrator.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

const MERGE = "2026_12_04_1900_merge_plan_unit_aliases";
const FULL = "区文化旅游局";
const SHORT = "区文旅局";

// A database loaded before the plan's short name 区文旅局 was read as 区文化旅游局: two units for one department,
// task 5 linked to the short one, with an officer and a contribution of its own.
describe.each(backends)("merging the plan's short unit names on %s", (backend) => {
  let handle: TestDatabase;
  let officerId: string;
  let reportId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(backend, { migrate: false });
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const names = Object.keys(migrations).sort();
    const { error } = await migrator.migrateTo(names[names.indexOf(MERGE) - 1]);
    if (error) throw error;
    await ensurePlanReference(handle.db);
    const db = handle.db;
    const full = (await sql<{ id: number }>`select id from plan_units where name = ${FULL}`.execute(db)).rows[0].id;
    const short = (await sql<{ id: number }>`insert into plan_units (name, category) values (${SHORT}, 'district_department') returning id`.execute(db)).rows[0].id;
    const task5 = (await sql<{ id: number }>`select id from plan_tasks where number = 5`.execute(db)).rows[0].id;
    await sql`update plan_task_units set unit_id = ${short} where task_id = ${task5} and unit_id = ${full}`.execute(db);
    officerId = (
      await sql<{ id: string }>`insert into users (email, name, password_hash, platform_role, plan_unit_id)
        values ('wlj@example.cn', '文旅联络员', 'x', 'plan_officer', ${short}) returning id`.execute(db)
    ).rows[0].id;
    reportId = (
      await sql<{ id: string }>`insert into plan_reports (task_id, unit_id, kind, author_id, period, narrative)
        values (${task5}, ${short}, 'contribution', ${officerId}, '2026-Q4', '配合开展文旅产业人才需求调查。') returning id`.execute(db)
    ).rows[0].id;
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("leaves one unit, 区文化旅游局, with the short name's task, officer and report", async () => {
    const db = handle.db;
    expect((await sql<{ name: string }>`select name from plan_units where name in (${FULL}, ${SHORT})`.execute(db)).rows.map((r) => r.name)).toEqual([FULL]);
    const full = (await sql<{ id: number }>`select id from plan_units where name = ${FULL}`.execute(db)).rows[0].id;
    const task5Units = await sql<{ unit_id: number; role: string }>`
      select tu.unit_id, tu.role from plan_task_units tu join plan_tasks t on t.id = tu.task_id where t.number = 5 and tu.unit_id = ${full}`.execute(db);
    expect(task5Units.rows).toEqual([{ unit_id: full, role: "cooperating" }]);
    expect((await sql<{ plan_unit_id: number }>`select plan_unit_id from users where id = ${officerId}`.execute(db)).rows[0].plan_unit_id).toBe(full);
    expect((await sql<{ unit_id: number }>`select unit_id from plan_reports where id = ${reportId}`.execute(db)).rows[0].unit_id).toBe(full);
  });

  it("loads the plan with one name for the department on a new database", async () => {
    const fresh = await openTestDatabase(backend);
    try {
      await ensurePlanReference(fresh.db);
      const names = (await sql<{ name: string }>`select name from plan_units where name in (${FULL}, ${SHORT})`.execute(fresh.db)).rows.map((r) => r.name);
      expect(names).toEqual([FULL]);
    } finally {
      await fresh.dispose();
    }
  });
});
