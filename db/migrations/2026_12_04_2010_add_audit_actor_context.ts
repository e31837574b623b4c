import type { Kysely } from "kysely";

// Who the actor was when they acted (their organisation, platform role and plan unit) and what the subject was
// called then, written with each new row: the log must still name the officer's unit of the day after the
// officer moves to another one, and a project's title after it is renamed. Rows written before this migration keep nulls (the table is
// append-only, so they are not back-filled); the audit page shows the actor's current affiliation for them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("audit_log")
    .addColumn("actor_organization_id", "uuid")
    .addColumn("actor_platform_role", "text")
    .addColumn("actor_plan_unit_id", "integer")
    .addColumn("target_title", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("audit_log")
    .dropColumn("target_title")
    .dropColumn("actor_plan_unit_id")
    .dropColumn("actor_platform_role")
    .dropColumn("actor_organization_id")
    .execute();
}
