import { type Kysely, sql } from "kysely";

// A plan officer's unit by reference (users.plan_unit_id → plan_units) instead of its name as free text. Each
// officer's id is found by the exact unit name. A name that matches no unit (the unit list is the plan's, so
// only a hand edit makes one) is not guessed at: the officer keeps the role without a unit, which the app
// already treats as "no unit yet" (reports refused until an administrator picks one on /admin/users), and the
// lost name goes to the audit log (plan.unit.unmatched) so the administrator can see what it was.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("plan_unit_id", "integer", (c) => c.references("plan_units.id").onDelete("restrict"))
    .execute();
  await sql`update users set plan_unit_id = u.id from plan_units u where u.name = users.plan_unit`.execute(db);
  await sql`
    insert into audit_log (action, outcome, target_type, target_id, detail)
    select 'plan.unit.unmatched', 'failure', 'user', id::text, jsonb_build_object('email', email, 'planUnit', plan_unit)
    from users where plan_unit is not null and plan_unit_id is null`.execute(db);
  await db.schema.alterTable("users").dropColumn("plan_unit").execute();
  await db.schema.createIndex("users_plan_unit_idx").on("users").column("plan_unit_id").where("plan_unit_id", "is not", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("plan_unit", "text").execute();
  await sql`update users set plan_unit = u.name from plan_units u where u.id = users.plan_unit_id`.execute(db);
  await db.schema.dropIndex("users_plan_unit_idx").execute();
  await db.schema.alterTable("users").dropColumn("plan_unit_id").execute();
}
