import { type Kysely, sql } from "kysely";

// How each scheduled job's last turn ended, for the operator's status page: written by the holder
// after every run. last_error is null when the last run succeeded; a claim sets last_finished_at to null, so
// a row with last_run_at and no last_finished_at is a run in progress (or one whose holder died).
// notifications.email_claimed_until lets the mail job claim and commit one notification at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("leases")
    .addColumn("last_finished_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("last_result", "jsonb")
    .execute();
  await db.schema.alterTable("notifications").addColumn("email_claimed_until", "timestamptz").execute();
  // Rows that finished before this migration count as finished (else they would look like runs in progress).
  await sql`update leases set last_finished_at = last_run_at where name like 'schedule:%'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notifications").dropColumn("email_claimed_until").execute();
  await db.schema.alterTable("leases").dropColumn("last_result").dropColumn("last_error").dropColumn("last_finished_at").execute();
}
