import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("listings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('internship','order_training','training_package','cooperation','research_result')`),
    )
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft','submitted','published','rejected','closed','expired')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("industry", "text")
    .addColumn("majors", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("skills", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("location", "text")
    .addColumn("valid_until", "date", (c) => c.notNull())
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    // Kind-specific fields, validated by the kind's zod schema (app/schemas/listing.ts).
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("closed_reason", "text", (c) => c.check(sql`closed_reason in ('filled','withdrawn')`))
    .addColumn("review_note", "text")
    .addColumn("reviewed_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("listings_org_idx").on("listings").columns(["organization_id", "status"]).execute();
  await db.schema.createIndex("listings_status_idx").on("listings").columns(["status", "kind", "submitted_at"]).execute();
  await db.schema.createIndex("listings_valid_until_idx").on("listings").columns(["status", "valid_until"]).execute();

  // What the owner submitted each time, so a reviewer sees what changed since the previous submission.
  await db.schema
    .createTable("listing_revisions")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("listing_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("submitted_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("listing_revisions_listing_idx").on("listing_revisions").columns(["listing_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("listing_revisions").execute();
  await db.schema.dropTable("listings").execute();
}
