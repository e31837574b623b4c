import { type Kysely, sql } from "kysely";

// Matchmaking: responses to listings, cooperation projects with milestones and agreement files,
// training-package orders, matchmaking events with registrations, and the notification inbox.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    // The inbox belongs to an organisation (every member sees it) or, for staff without one, to a user.
    .addColumn("organization_id", "uuid", (c) => c.references("organizations.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link", "text")
    .addColumn("read_at", "timestamptz")
    // E-mail is sent after commit by a background job (see app/models/notification.server.ts).
    .addColumn("email_status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`email_status in ('pending','sent','skipped','failed')`),
    )
    .addColumn("email_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("notifications_recipient_check", sql`organization_id is not null or user_id is not null`)
    .execute();
  await db.schema.createIndex("notifications_org_idx").on("notifications").columns(["organization_id", "id"]).execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "id"]).execute();
  await sql`create index notifications_email_pending_idx on notifications (id) where email_status = 'pending'`.execute(db);

  await db.schema
    .createTable("listing_responses")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("listing_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("responder_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("responder_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending','accepted','declined','withdrawn')`),
    )
    .addColumn("message", "text", (c) => c.notNull())
    // Kind-specific fields (students and period, major and cohort, proposal), validated by the response schema.
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("listing_responses_listing_idx").on("listing_responses").columns(["listing_id", "status"]).execute();
  await db.schema.createIndex("listing_responses_responder_idx").on("listing_responses").columns(["responder_org_id", "status"]).execute();
  // One open response per organisation and listing.
  await sql`create unique index listing_responses_one_pending on listing_responses (listing_id, responder_org_id) where status = 'pending'`.execute(db);

  await db.schema
    .createTable("cooperation_projects")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("response_id", "uuid", (c) => c.unique().references("listing_responses.id").onDelete("set null"))
    .addColumn("listing_id", "uuid", (c) => c.references("listings.id").onDelete("set null"))
    // The listing's owner and the organisation that responded.
    .addColumn("owner_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("partner_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('internship','order_training','training_package','cooperation','research_result')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("in_progress").check(sql`status in ('in_progress','completed','ended')`),
    )
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date")
    // Internship placements (task 52) and order-training cohorts: counts only, never students' personal data.
    .addColumn("students_count", "integer", (c) => c.check(sql`students_count >= 0`))
    .addColumn("tripartite_agreement", "boolean")
    .addColumn("liability_insurance", "boolean")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("end_reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("cooperation_projects_owner_idx").on("cooperation_projects").columns(["owner_org_id", "status"]).execute();
  await db.schema.createIndex("cooperation_projects_partner_idx").on("cooperation_projects").columns(["partner_org_id", "status"]).execute();

  await db.schema
    .createTable("project_milestones")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("project_id", "uuid", (c) => c.notNull().references("cooperation_projects.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_date", "date")
    .addColumn("done_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("project_milestones_project_idx").on("project_milestones").columns(["project_id", "id"]).execute();

  // Agreement files live in the database, the source of truth, so a backup holds them too.
  await db.schema
    .createTable("project_files")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("project_id", "uuid", (c) => c.notNull().references("cooperation_projects.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("project_files_project_idx").on("project_files").columns(["project_id"]).execute();

  await db.schema
    .createTable("package_orders")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("listing_id", "uuid", (c) => c.references("listings.id").onDelete("set null"))
    .addColumn("provider_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("requested")
        .check(sql`status in ('requested','confirmed','delivered','completed','cancelled')`),
    )
    .addColumn("seats", "integer", (c) => c.notNull().check(sql`seats > 0`))
    // Frozen at ordering: later edits of the package change neither price nor content of this order.
    .addColumn("unit_price_yuan", "numeric(12, 2)", (c) => c.notNull())
    .addColumn("total_yuan", "numeric(14, 2)", (c) => c.notNull())
    .addColumn("package_snapshot", "jsonb", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("rating", "integer", (c) => c.check(sql`rating between 1 and 5`))
    .addColumn("rating_comment", "text")
    .addColumn("rated_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("package_orders_provider_idx").on("package_orders").columns(["provider_org_id", "status"]).execute();
  await db.schema.createIndex("package_orders_buyer_idx").on("package_orders").columns(["buyer_org_id", "status"]).execute();

  // One timeline for responses, projects and orders: every status change with who made it and why.
  await db.schema
    .createTable("matchmaking_events_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("subject_type", "text", (c) => c.notNull().check(sql`subject_type in ('response','project','order')`))
    .addColumn("subject_id", "uuid", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_org_id", "uuid", (c) => c.references("organizations.id").onDelete("set null"))
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("matchmaking_events_log_subject_idx")
    .on("matchmaking_events_log")
    .columns(["subject_type", "subject_id", "id"])
    .execute();

  await db.schema
    .createTable("match_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Platform staff (no organisation) or a park committee.
    .addColumn("organizer_org_id", "uuid", (c) => c.references("organizations.id").onDelete("set null"))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn("audience", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("agenda", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published").check(sql`status in ('published','cancelled')`))
    .addColumn("reminded_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("match_events_starts_idx").on("match_events").columns(["status", "starts_at"]).execute();

  await db.schema
    .createTable("match_event_registrations")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("event_id", "uuid", (c) => c.notNull().references("match_events.id").onDelete("cascade"))
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('registered','waitlisted','cancelled')`),
    )
    .addColumn("attended", "boolean")
    .addColumn("registered_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("match_event_registrations_once", ["event_id", "organization_id"])
    .execute();
  await db.schema
    .createIndex("match_event_registrations_event_idx")
    .on("match_event_registrations")
    .columns(["event_id", "status", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "match_event_registrations",
    "match_events",
    "matchmaking_events_log",
    "package_orders",
    "project_files",
    "project_milestones",
    "cooperation_projects",
    "listing_responses",
    "notifications",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
