import type { Kysely } from "kysely";

// Certification of integration enterprises (issue 7).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
