import type { Kysely } from "kysely";

// Plan tracking (issue 8).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
