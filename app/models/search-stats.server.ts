import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import { todayInChina } from "../utils/dates.ts";

/** The form a query is counted under: trimmed, lower-case, single spaces. */
export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, " ").slice(0, 100);
}

interface Tally {
  searches: number;
  zeroResults: number;
}

/**
 * Search counts are gathered in memory for a few seconds and written as one upsert per distinct query, so
 * a busy search page does not write a row per keystroke. Losing a few seconds of anonymous counts in a
 * crash is acceptable; nothing else here lives in memory.
 */
export class SearchStatsBuffer {
  private tallies = new Map<string, Tally>();

  record(query: string, totalHits: number): void {
    const key = normaliseQuery(query);
    const tally = this.tallies.get(key) ?? { searches: 0, zeroResults: 0 };
    tally.searches += 1;
    if (totalHits === 0 && key !== "") tally.zeroResults += 1;
    this.tallies.set(key, tally);
  }

  async flush(db: DB, day = todayInChina()): Promise<number> {
    if (this.tallies.size === 0) return 0;
    const rows = [...this.tallies].map(([query, t]) => ({ day, query, searches: t.searches, zero_results: t.zeroResults }));
    this.tallies = new Map();
    await db
      .insertInto("search_query_stats")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["day", "query"]).doUpdateSet({
          searches: sql`search_query_stats.searches + excluded.searches`,
          zero_results: sql`search_query_stats.zero_results + excluded.zero_results`,
        }),
      )
      .execute();
    return rows.length;
  }
}

export async function searchTotals(db: DB, sinceDay?: string) {
  let query = db
    .selectFrom("search_query_stats")
    .select([sql<number>`coalesce(sum(searches), 0)`.as("searches"), sql<number>`coalesce(sum(zero_results), 0)`.as("zeroResults")]);
  if (sinceDay) query = query.where("day", ">=", sinceDay);
  const row = await query.executeTakeFirstOrThrow();
  return { searches: Number(row.searches), zeroResults: Number(row.zeroResults) };
}

/** The most frequent queries that found nothing: the input for growing the dictionary and synonyms. */
export async function topZeroResultQueries(db: DB, options: { sinceDay?: string; limit?: number } = {}) {
  let query = db
    .selectFrom("search_query_stats")
    .select(["query", sql<number>`sum(zero_results)`.as("zeroResults"), sql<number>`sum(searches)`.as("searches"), sql<string>`max(day)::text`.as("lastDay")])
    .where("zero_results", ">", 0)
    .groupBy("query")
    .orderBy(sql`sum(zero_results)`, "desc")
    .orderBy("query")
    .limit(options.limit ?? 50);
  if (options.sinceDay) query = query.where("day", ">=", options.sinceDay);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, zeroResults: Number(r.zeroResults), searches: Number(r.searches) }));
}
