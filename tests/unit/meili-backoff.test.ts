import { describe, expect, it } from "vitest";
import { restartBackoff } from "../../search/meili-process.ts";

describe("restartBackoff", () => {
  it("doubles the wait of a child that keeps dying, up to 30 s", () => {
    let clock = 0;
    const backoff = restartBackoff({ now: () => clock });
    const delays = [];
    for (let i = 0; i < 8; i++) {
      backoff.healthy();
      clock += 5_000; // dies five seconds after each start
      delays.push(backoff.exited());
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("starts again from 1 s once the child has been healthy for a minute", () => {
    let clock = 0;
    const backoff = restartBackoff({ now: () => clock });
    for (let i = 0; i < 6; i++) {
      backoff.healthy();
      clock += 1_000;
      backoff.exited();
    }
    backoff.healthy();
    clock += 59_000;
    expect(backoff.exited()).toBe(30_000); // 59 s is not a healthy minute
    backoff.healthy();
    clock += 60_000;
    expect(backoff.exited()).toBe(1_000);
    clock += 1_000;
    expect(backoff.exited()).toBe(2_000); // it died again before answering: no reset
  });

  it("does not count a run that never answered its health check as healthy", () => {
    let clock = 0;
    const backoff = restartBackoff({ now: () => clock });
    expect(backoff.exited()).toBe(1_000);
    clock += 120_000;
    expect(backoff.exited()).toBe(2_000);
  });
});
