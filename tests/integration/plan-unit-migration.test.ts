import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlanReference } from "../../db/reference/plan.ts";
import { migrations } from "../../db/migrations/index.ts";
import { migrateToLatest } from "../../db/migrator.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

const PLAN_UNIT_ID = "2026_12_03_1700_plan_unit_id";

// The officers of a database from before plan units were referenced by id, with their unit as a name.
describe.each(backends)("users.plan_unit_id migration on %s", (backend) => {
  let handle: TestDatabase;
  let migrator: Migrator;
  let before: string;
  let fromPlanUnit: string[];
  const officers = { rsj: "", jkj: "", unmatched: "", plain: "" };

  beforeAll(async () => {
    handle = await openTestDatabase(backend, { migrate: false });
    migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const names = Object.keys(migrations).sort();
    before = names[names.indexOf(PLAN_UNIT_ID) - 1];
    // Later migrations run after it; the test must keep passing as they are added.
    fromPlanUnit = names.slice(names.indexOf(PLAN_UNIT_ID));
    const { error } = await migrator.migrateTo(before);
    if (error) throw error;
    await ensurePlanReference(handle.db);
    const insert = async (email: string, role: string | null, unit: string | null) =>
      (
        await sql<{ id: string }>`
          insert into users (email, name, password_hash, platform_role, plan_unit)
          values (${email}, ${email}, 'x', ${role}, ${unit}) returning id`.execute(handle.db)
      ).rows[0].id;
    officers.rsj = await insert("rsj@example.cn", "plan_officer", "区人社局");
    officers.jkj = await insert("jkj@example.cn", "plan_officer", "区教科局");
    officers.unmatched = await insert("mars@example.cn", "plan_officer", "火星办事处");
    officers.plain = await insert("plain@example.cn", null, null);
    expect(await migrateToLatest(handle.db)).toEqual(fromPlanUnit);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  const unitOf = async (userId: string) =>
    (
      await handle.db
        .selectFrom("users")
        .leftJoin("plan_units", "plan_units.id", "users.plan_unit_id")
        .select(["users.plan_unit_id", "users.platform_role", "plan_units.name"])
        .where("users.id", "=", userId)
        .executeTakeFirstOrThrow()
    );

  it("gives each officer the id of the unit of the same name, and drops the name column", async () => {
    const units = new Map((await handle.db.selectFrom("plan_units").select(["id", "name"]).execute()).map((u) => [u.name, u.id]));
    expect(await unitOf(officers.rsj)).toEqual({ plan_unit_id: units.get("区人社局"), platform_role: "plan_officer", name: "区人社局" });
    expect(await unitOf(officers.jkj)).toEqual({ plan_unit_id: units.get("区教科局"), platform_role: "plan_officer", name: "区教科局" });
    expect(await unitOf(officers.plain)).toEqual({ plan_unit_id: null, platform_role: null, name: null });
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'users' and column_name like 'plan_unit%'`.execute(handle.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(["plan_unit_id"]);
  });

  it("leaves an officer whose unit name matches no unit without a unit, and keeps the name in the audit log", async () => {
    expect(await unitOf(officers.unmatched)).toEqual({ plan_unit_id: null, platform_role: "plan_officer", name: null });
    const entries = await handle.db.selectFrom("audit_log").select(["target_type", "target_id", "outcome", "detail"]).where("action", "=", "plan.unit.unmatched").execute();
    expect(entries).toEqual([
      { target_type: "user", target_id: officers.unmatched, outcome: "failure", detail: { email: "mars@example.cn", planUnit: "火星办事处" } },
    ]);
  });

  it("refuses a unit id that is not a plan unit", async () => {
    await expect(handle.db.updateTable("users").set({ plan_unit_id: 999_999 }).where("id", "=", officers.plain).execute()).rejects.toThrow();
  });

  it("goes back to unit names and forward again", async () => {
    const { error } = await migrator.migrateTo(before);
    if (error) throw error;
    const names = await sql<{ email: string; plan_unit: string | null }>`select email, plan_unit from users order by email`.execute(handle.db);
    expect(names.rows).toEqual([
      { email: "jkj@example.cn", plan_unit: "区教科局" },
      { email: "mars@example.cn", plan_unit: null },
      { email: "plain@example.cn", plan_unit: null },
      { email: "rsj@example.cn", plan_unit: "区人社局" },
    ]);
    expect(await migrateToLatest(handle.db)).toEqual(fromPlanUnit);
    expect((await unitOf(officers.rsj)).name).toBe("区人社局");
  });
});
