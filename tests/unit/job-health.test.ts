import { describe, expect, it } from "vitest";
import { jobHealth, type JobStatus } from "../../app/models/system-status.server.ts";

const PERIOD_MS = 300_000;
const GRACE_MS = 61_000;
const start = new Date("2026-12-01T00:00:00Z").getTime();

/** A job that ran at every period start up to `runs` times, finishing a second later each time. */
function after(runs: number, extra: Partial<JobStatus> = {}): JobStatus {
  const lastRun = start + (runs - 1) * PERIOD_MS;
  return {
    name: "expire-listings",
    everySeconds: PERIOD_MS / 1000,
    lastRunAt: new Date(lastRun),
    lastFinishedAt: new Date(lastRun + 1000),
    nextDueAt: new Date(lastRun + PERIOD_MS),
    lastError: null,
    lastResult: 0,
    ...extra,
  };
}

describe("a job's badge as the clock moves over many periods", () => {
  it("stays 正常 while each turn is taken on time, and turns 逾期 only past the grace after a missed turn", () => {
    for (let runs = 1; runs <= 500; runs++) {
      const job = after(runs);
      const due = job.nextDueAt.getTime();
      expect(jobHealth(job, new Date(due - 1), GRACE_MS)).toBe("ok");
      expect(jobHealth(job, new Date(due + GRACE_MS), GRACE_MS)).toBe("ok");
      expect(jobHealth(job, new Date(due + GRACE_MS + 1), GRACE_MS)).toBe("overdue");
      expect(jobHealth(job, new Date(due + 10 * PERIOD_MS), GRACE_MS)).toBe("overdue");
    }
  });

  it("says 出错 after a failed turn, 运行中 while a claimed turn has not finished, 尚未运行 before the first", () => {
    const now = new Date(start + 1000);
    expect(jobHealth(after(3, { lastError: "connection refused" }), now, GRACE_MS)).toBe("error");
    expect(jobHealth(after(3, { lastFinishedAt: null }), now, GRACE_MS)).toBe("running");
    expect(jobHealth(after(1, { lastRunAt: null, lastFinishedAt: null, nextDueAt: new Date(start) }), now, GRACE_MS)).toBe("never");
  });
});
