import { type Kysely, sql } from "kysely";

// Anonymous: the normalised query text and counts per day, nothing about who searched.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_query_stats")
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("searches", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("zero_results", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("search_query_stats_pkey", ["day", "query"])
    .execute();
  await sql`create index search_query_stats_zero_idx on search_query_stats (day) where zero_results > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_query_stats").execute();
}
