import { type Kysely, sql } from "kysely";

// Settings of plan supervision that administrators change: one row. silent_after_days is how long an ongoing
// or running task may go without an accepted report before it counts as silent (90 by default).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plan_settings")
    .addColumn("id", "boolean", (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn("silent_after_days", "integer", (c) => c.notNull().defaultTo(90).check(sql`silent_after_days between 7 and 365`))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto("plan_settings").values({ id: true }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("plan_settings").execute();
}
