import { sql } from "kysely";
import type { DB } from "../db.server.ts";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counter in PostgreSQL, so every app instance shares it. One statement: insert or increment
 * the current window's row and read the new count.
 */
export async function hitRateLimit(db: DB, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const result = await sql<{ count: number; retry_after: number }>`
    insert into rate_limits (key, window_start, count)
    values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (key, window_start) do update set count = rate_limits.count + 1
    returning count,
      ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after`.execute(
    db,
  );
  const row = result.rows[0];
  if (Math.random() < 0.01) {
    await db.deleteFrom("rate_limits").where("window_start", "<", sql<Date>`now() - interval '1 day'`).execute();
  }
  return { allowed: row.count <= limit, count: row.count, retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
}
