import type { Kysely } from "kysely";

// Failed sign-ins count within a window that starts at the first of them and ends with the lock, so
// one wrong password every 15 minutes can no longer keep an account locked for ever.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("failed_logins_since", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("failed_logins_since").execute();
}
