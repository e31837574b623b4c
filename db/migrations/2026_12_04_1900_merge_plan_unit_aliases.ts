import { type Kysely, sql } from "kysely";

// The plan names 区文化旅游局 once by its short name 区文旅局 (task 5), which made two units of one department: an
// officer of either saw only part of its tasks. Links, reports and officers of the short name move to the full
// name, and the short name's unit goes. Where the full name does not exist yet, the unit is renamed instead.
const ALIASES: Array<[alias: string, name: string]> = [["区文旅局", "区文化旅游局"]];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [alias, name] of ALIASES) {
    await sql`update plan_units set name = ${name} where name = ${alias} and not exists (select 1 from plan_units where name = ${name})`.execute(db);
    const ids = await sql<{ alias_id: number; unit_id: number }>`
      select a.id as alias_id, u.id as unit_id from plan_units a, plan_units u where a.name = ${alias} and u.name = ${name}`.execute(db);
    const pair = ids.rows[0];
    if (!pair) continue;
    await sql`
      update plan_task_units tu set unit_id = ${pair.unit_id}
      where tu.unit_id = ${pair.alias_id}
        and not exists (select 1 from plan_task_units x where x.task_id = tu.task_id and x.unit_id = ${pair.unit_id})`.execute(db);
    await sql`delete from plan_task_units where unit_id = ${pair.alias_id}`.execute(db);
    await sql`update plan_reports set unit_id = ${pair.unit_id} where unit_id = ${pair.alias_id}`.execute(db);
    await sql`update users set plan_unit_id = ${pair.unit_id} where plan_unit_id = ${pair.alias_id}`.execute(db);
    await sql`delete from plan_units where id = ${pair.alias_id}`.execute(db);
  }
}

// The merge is not undone: the short name was never a unit of its own.
export async function down(): Promise<void> {}
