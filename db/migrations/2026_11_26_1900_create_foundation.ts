import { type Kysely, sql } from "kysely";

// Frozen in time: later changes get a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('enterprise','university','vocational_school','training_provider','park_committee','district_department')`,
        ),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("credit_code", "text")
    .addColumn("industry", "text")
    .addColumn("location", "text")
    .addColumn("address", "text")
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    .addColumn("staff_count", "integer")
    .addColumn("annual_payroll", "bigint")
    .addColumn("student_count", "integer")
    .addColumn("majors", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending','verified','rejected','suspended')`),
    )
    .addColumn("review_note", "text")
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index organizations_name_key on organizations (lower(name))`.execute(db);
  await sql`create unique index organizations_credit_code_key on organizations (credit_code) where credit_code is not null`.execute(
    db,
  );
  await db.schema.createIndex("organizations_status_idx").on("organizations").columns(["status", "kind"]).execute();

  // Transactional outbox for the search index: written in the same transaction as the row it describes.
  await db.schema
    .createTable("search_outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("available_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("search_outbox_available_idx").on("search_outbox").columns(["available_at", "id"]).execute();

  // Named leases for work that one instance at a time should do (schedules, reindex).
  await db.schema
    .createTable("leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_run_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("leases").execute();
  await db.schema.dropTable("search_outbox").execute();
  await db.schema.dropTable("organizations").execute();
}
