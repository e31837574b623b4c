import { type Kysely, sql } from "kysely";

// Identity changes go back to review: a verified organisation's new 全称, 统一社会信用代码 or kind waits here
// until a reviewer approves (applied to organizations) or rejects it (kept with a reason). The old identity
// stays public meanwhile. One pending request per organisation (the partial unique index).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organization_identity_changes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'approved', 'rejected')`))
    .addColumn("old_name", "text", (c) => c.notNull())
    .addColumn("old_credit_code", "text")
    .addColumn("old_kind", "text", (c) => c.notNull())
    .addColumn("new_name", "text", (c) => c.notNull())
    .addColumn("new_credit_code", "text")
    .addColumn("new_kind", "text", (c) => c.notNull())
    .addColumn("requested_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("decided_at", "timestamptz")
    .execute();
  await sql`create unique index organization_identity_changes_one_pending on organization_identity_changes (organization_id) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organization_identity_changes").execute();
}
