import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import { secondsUntilAllowed, slidingEstimate } from "../domain/sliding-window.ts";

export interface RateLimitResult {
  allowed: boolean;
  /** Attempts counted in the last window (sliding estimate, this one included). */
  count: number;
  /** True for the attempt that first went over the limit, so callers can log a burst once. */
  firstRefusal: boolean;
  retryAfterSeconds: number;
}

/**
 * Sliding-window counter in PostgreSQL, so every app instance shares it. One statement increments the
 * current fixed window's row and reads the previous window's count beside it. Judged at `now` (the request's
 * time by default), so a test can move the clock across windows.
 */
export async function hitRateLimit(db: DB, key: string, limit: number, windowSeconds: number, now: Date = new Date()): Promise<RateLimitResult> {
  const result = await sql<{ current: number; previous: number | null; elapsed: number }>`
    with hit as (
      insert into rate_limits (key, window_start, count)
      values (${key}, to_timestamp(floor(extract(epoch from ${now}::timestamptz) / ${windowSeconds}) * ${windowSeconds}), 1)
      on conflict (key, window_start) do update set count = rate_limits.count + 1
      returning window_start, count
    )
    select hit.count as current, previous.count as previous,
      extract(epoch from (${now}::timestamptz - hit.window_start))::float8 as elapsed
    from hit
    left join rate_limits previous
      on previous.key = ${key} and previous.window_start = hit.window_start - make_interval(secs => ${windowSeconds})`.execute(db);
  const row = result.rows[0];
  if (Math.random() < 0.01) {
    await db.deleteFrom("rate_limits").where("window_start", "<", new Date(now.getTime() - 86_400_000)).execute();
  }
  const counts = {
    current: Number(row.current),
    previous: Number(row.previous ?? 0),
    elapsedSeconds: Number(row.elapsed),
    windowSeconds,
  };
  const estimate = slidingEstimate(counts);
  return {
    allowed: estimate <= limit,
    count: Math.ceil(estimate),
    firstRefusal: estimate > limit && estimate - 1 <= limit,
    retryAfterSeconds: secondsUntilAllowed(counts, limit),
  };
}
