import { type Kysely, sql } from "kysely";

// Objections (异议) to a public certification notice: anyone may raise one while the notice runs; an open
// objection holds the certificate back until an administrator dismisses it or upholds it (which rejects
// the application).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certification_objections")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("certification_applications.id").onDelete("cascade"))
    // Who objects and how to reach them: seen by administrators only, never on a public page.
    .addColumn("objector_name", "text", (c) => c.notNull())
    .addColumn("objector_organization", "text")
    .addColumn("objector_contact", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open','dismissed','upheld')`))
    .addColumn("handling_note", "text")
    .addColumn("handled_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("handled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("certification_objections_handled_check", sql`(status = 'open') = (handled_at is null)`)
    .execute();
  await db.schema
    .createIndex("certification_objections_app_idx")
    .on("certification_objections")
    .columns(["application_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("certification_objections_open_idx")
    .on("certification_objections")
    .column("application_id")
    .where(sql.ref("status"), "=", "open")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certification_objections").execute();
}
