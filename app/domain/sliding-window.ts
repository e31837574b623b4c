/**
 * Sliding-window rate estimate (the "sliding window counter" of Cloudflare and nginx-style limiters):
 * the previous fixed window's count is weighted by how much of it still overlaps the last `windowSeconds`.
 * A burst that straddles a window boundary is still counted whole, unlike a plain fixed window, which
 * forgets everything at the boundary and lets twice the limit through.
 */
export interface WindowCounts {
  current: number;
  previous: number;
  /** Seconds since the current fixed window began, 0 ≤ elapsed < windowSeconds. */
  elapsedSeconds: number;
  windowSeconds: number;
}

export function slidingEstimate({ current, previous, elapsedSeconds, windowSeconds }: WindowCounts): number {
  const overlap = 1 - Math.min(Math.max(elapsedSeconds / windowSeconds, 0), 1);
  return current + previous * overlap;
}

/** Seconds until, with no further attempts, the estimate is back at or under `limit` (at least 1). */
export function secondsUntilAllowed(counts: WindowCounts, limit: number): number {
  const { current, previous, elapsedSeconds, windowSeconds } = counts;
  if (slidingEstimate(counts) <= limit) return 1;
  let wait: number;
  if (current <= limit && previous > 0) {
    // The previous window's weight decays during this window: previous·(1 − e/W) + current ≤ limit.
    wait = windowSeconds * (1 - (limit - current) / previous) - elapsedSeconds;
  } else {
    // This window alone is over the limit: wait until it becomes the previous one and decays enough.
    const intoNext = limit <= 0 ? windowSeconds : windowSeconds * (1 - limit / current);
    wait = windowSeconds - elapsedSeconds + intoNext;
  }
  return Math.max(1, Math.ceil(wait));
}
