import { type Kysely, sql } from "kysely";

// Administrators' changes to the internship rules' figures and sources (app/domain/internship-rules.ts holds the
// defaults). Append-only: the latest row per rule is the rule in force, the rows before it are its history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("internship_rule_changes")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("figure", "numeric")
    .addColumn("article", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('refuse', 'warn')`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("changed_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("internship_rule_changes_rule_idx").on("internship_rule_changes").columns(["rule_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("internship_rule_changes").execute();
}
