import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { secondsUntilAllowed, slidingEstimate } from "../../app/domain/sliding-window.ts";

describe("sliding-window estimate", () => {
  it("counts a burst that straddles the window boundary whole", () => {
    // 20 attempts just before the boundary, 11 just after: a fixed window would see only 11.
    expect(slidingEstimate({ previous: 20, current: 11, elapsedSeconds: 3, windowSeconds: 600 })).toBeCloseTo(30.9, 1);
  });

  it("forgets the previous window in proportion to the time passed", () => {
    const half = slidingEstimate({ previous: 40, current: 0, elapsedSeconds: 300, windowSeconds: 600 });
    expect(half).toBe(20);
    expect(slidingEstimate({ previous: 40, current: 5, elapsedSeconds: 600, windowSeconds: 600 })).toBe(5);
  });

  it("tells a refused client how long to wait until the estimate is back under the limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 3600 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        (current, previous, windowSeconds, fraction, limit) => {
          const elapsedSeconds = fraction * windowSeconds;
          const counts = { current, previous, elapsedSeconds, windowSeconds };
          const wait = secondsUntilAllowed(counts, limit);
          expect(wait).toBeGreaterThanOrEqual(1);
          if (slidingEstimate(counts) <= limit) return;
          // Replay the wait: in the same window, or after the current window has become the previous one.
          const later = elapsedSeconds + wait;
          const after =
            later < windowSeconds
              ? slidingEstimate({ current, previous, elapsedSeconds: later, windowSeconds })
              : slidingEstimate({ current: 0, previous: current, elapsedSeconds: later - windowSeconds, windowSeconds });
          expect(after).toBeLessThanOrEqual(limit + 1e-9);
          // And not much earlier: a second less would still be over (or the wait is the one-second floor).
          const sooner = later - 1.0001;
          if (wait > 1) {
            const before =
              sooner < windowSeconds
                ? slidingEstimate({ current, previous, elapsedSeconds: sooner, windowSeconds })
                : slidingEstimate({ current: 0, previous: current, elapsedSeconds: sooner - windowSeconds, windowSeconds });
            expect(before).toBeGreaterThan(limit - 1e-9);
          }
        },
      ),
    );
  });
});
