import { type Kysely, sql } from "kysely";

// Plan tracking: the plan's sections, units and tasks as records (loaded from db/reference/plan-tasks.json at
// start when empty, see db/reference/plan.ts), every administrative change of a task as history, and
// progress reports. Cooperating units' contributions are reports with kind 'contribution'. Status is computed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plan_sections")
    .addColumn("number", "integer", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("plan_units")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("category", "text", (c) =>
      c.notNull().check(sql`category in ('district_department','park','sub_district','other')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("plan_tasks")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("number", "integer", (c) => c.notNull().unique().check(sql`number > 0`))
    .addColumn("section", "integer", (c) => c.notNull().references("plan_sections.number"))
    .addColumn("theme", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("deadline_year", "integer", (c) => c.check(sql`deadline_year between 2000 and 2100`))
    .addColumn("target_value", "integer", (c) => c.check(sql`target_value >= 0`))
    .addColumn("target_note", "text")
    .addColumn("cooperating_includes_others", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("plan_task_units")
    .addColumn("task_id", "integer", (c) => c.notNull().references("plan_tasks.id").onDelete("cascade"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("plan_units.id").onDelete("restrict"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('lead','cooperating')`))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("plan_task_units_pkey", ["task_id", "unit_id"])
    .execute();
  await db.schema.createIndex("plan_task_units_unit_idx").on("plan_task_units").columns(["unit_id", "role"]).execute();

  await db.schema
    .createTable("plan_task_history")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("task_id", "integer", (c) => c.notNull().references("plan_tasks.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('create','update')`))
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_label", "text")
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("plan_task_history_task_idx").on("plan_task_history").columns(["task_id", "id"]).execute();

  await db.schema
    .createTable("plan_reports")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("task_id", "integer", (c) => c.notNull().references("plan_tasks.id").onDelete("cascade"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("plan_units.id").onDelete("restrict"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('lead','contribution')`))
    .addColumn("author_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("narrative", "text", (c) => c.notNull())
    .addColumn("completion_percent", "integer", (c) => c.check(sql`completion_percent between 0 and 100`))
    .addColumn("milestones", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence_links", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("submitted").check(sql`status in ('submitted','accepted','returned')`),
    )
    .addColumn("admin_comment", "text")
    .addColumn("accepted_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("accepted_at", "timestamptz")
    .addColumn("returned_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("returned_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "plan_reports_lead_percent_check",
      sql`(kind = 'lead' and completion_percent is not null) or (kind = 'contribution' and completion_percent is null)`,
    )
    .execute();
  await db.schema.createIndex("plan_reports_task_idx").on("plan_reports").columns(["task_id", "created_at"]).execute();
  await db.schema.createIndex("plan_reports_status_idx").on("plan_reports").columns(["status", "created_at"]).execute();
  // One live (not returned) report per task, unit, kind and period: a returned one may be filed again.
  await sql`create unique index plan_reports_one_per_period on plan_reports (task_id, unit_id, kind, period) where status <> 'returned'`.execute(
    db,
  );

  // Evidence files of a report (PDF, PNG, JPEG up to 10 MB, type read from the bytes), kept in the database.
  await db.schema
    .createTable("plan_report_files")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("report_id", "uuid", (c) => c.notNull().references("plan_reports.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("plan_report_files_report_idx").on("plan_report_files").columns(["report_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["plan_report_files", "plan_reports", "plan_task_history", "plan_task_units", "plan_tasks", "plan_units", "plan_sections"]) {
    await db.schema.dropTable(table).execute();
  }
}
