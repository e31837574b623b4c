import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { createBackgroundLoop } from "../../app/background.server.ts";
import { claimTurn, listJobStatus, schedulerTask, startScheduler } from "../../app/models/scheduler.server.ts";
import { openTestDatabase, type TestDatabase } from "../support/databases.ts";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A logger that keeps what it was told, to check that errors are logged. */
function recordingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe("the background loop", () => {
  it("never runs two ticks at once: an overrunning tick delays the next, a tick asked for by hand waits", async () => {
    const { log } = recordingLog();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const loop = createBackgroundLoop({
      log,
      tickMs: 5,
      tasks: [
        {
          name: "slow",
          everyMs: 0,
          async run() {
            active++;
            maxActive = Math.max(maxActive, active);
            await pause(25); // five times the tick
            active--;
            runs++;
          },
        },
      ],
    });
    loop.start();
    await Promise.all([loop.tick(), loop.tick(), loop.tick()]);
    await pause(300);
    await loop.stop();
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(5);
    const after = runs;
    await pause(50);
    expect(runs).toBe(after); // stopped means stopped
  });

  it("logs a failing task, keeps the other tasks running and retries it at the next tick", async () => {
    const { log, lines } = recordingLog();
    const seen: string[] = [];
    let calls = 0;
    const loop = createBackgroundLoop({
      log,
      tickMs: 1000,
      tasks: [
        {
          name: "flaky",
          everyMs: 60_000,
          async run() {
            calls++;
            if (calls === 1) throw new Error("boom");
            seen.push("flaky");
          },
        },
        { name: "steady", everyMs: 0, run: async () => void seen.push("steady") },
      ],
    });
    const t0 = new Date("2027-01-01T00:00:00Z");
    await loop.tick(t0);
    expect(seen).toEqual(["steady"]);
    expect(lines.some((l) => l.task === "flaky" && l.err === "boom")).toBe(true);
    await loop.tick(new Date(t0.getTime() + 1000)); // retried at once, not a period later
    expect(seen).toEqual(["steady", "flaky", "steady"]);
    await loop.tick(new Date(t0.getTime() + 2000)); // and then due again only after its period
    expect(seen).toEqual(["steady", "flaky", "steady", "steady"]);
    await loop.tick(new Date(t0.getTime() + 62_000));
    expect(seen.filter((s) => s === "flaky")).toHaveLength(2);
    await loop.stop();
  });
});

describe("scheduled jobs on the loop", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
  });
  afterAll(() => database?.dispose());

  it("keep running after the first tick (the scheduler used to run each job once per process)", async () => {
    const { log } = recordingLog();
    let runs = 0;
    // A tick longer than the old scheduler's 2 s start delay, as in production (30 s): that first run never
    // reset its guard, so every later tick was skipped.
    const stop = startScheduler(database.db, log, [{ name: "test-often", everySeconds: 1, run: async () => void runs++ }], 2500);
    await pause(5700);
    await stop();
    expect(runs).toBeGreaterThanOrEqual(2);
  }, 15_000);

  it("run each job once per period across two instances, retry a failed run at the next tick and record the outcome", async () => {
    const { log } = recordingLog();
    const db = database.db;
    const ran: Array<{ who: string; at: string }> = [];
    let fail = false;
    const job = (who: string) => ({
      name: "test-daily",
      everySeconds: 86_400,
      async run(_db: unknown, now: Date) {
        if (fail) throw new Error("mail server down");
        ran.push({ who, at: now.toISOString() });
        return { who };
      },
    });
    const a = createBackgroundLoop({ log, tickMs: 1000, tasks: [schedulerTask(db, log, [job("a")], "holder-a")] });
    const b = createBackgroundLoop({ log, tickMs: 1000, tasks: [schedulerTask(db, log, [job("b")], "holder-b")] });
    const start = new Date("2027-03-01T00:00:00Z").getTime();
    const hours = (h: number) => new Date(start + h * 3600_000);
    for (let h = 0; h < 24 * 5; h += 6) await Promise.all([a.tick(hours(h)), b.tick(hours(h))]);
    expect(ran.map((r) => r.at)).toEqual([0, 24, 48, 72, 96].map((h) => hours(h).toISOString()));

    fail = true;
    await Promise.all([a.tick(hours(120)), b.tick(hours(120))]);
    const [failed] = await listJobStatus(db, hours(121), [{ name: "test-daily", everySeconds: 86_400 }]);
    expect(failed).toMatchObject({ lastError: "mail server down", lastRunAt: hours(120) });
    expect(failed.nextDueAt).toEqual(hours(121)); // due now: retried at the next tick
    fail = false;
    await Promise.all([a.tick(hours(121)), b.tick(hours(121))]);
    expect(ran).toHaveLength(6);
    expect(ran[5].at).toBe(hours(121).toISOString());
    const [ok] = await listJobStatus(db, hours(122), [{ name: "test-daily", everySeconds: 86_400 }]);
    expect(ok).toMatchObject({
      name: "test-daily",
      everySeconds: 86_400,
      lastRunAt: hours(121),
      lastError: null,
      nextDueAt: hours(145),
    });
    expect(ok.lastFinishedAt!.getTime()).toBeGreaterThanOrEqual(hours(121).getTime());
    expect(ok.lastResult).toEqual({ who: ran[5].who });
    await Promise.all([a.stop(), b.stop()]);
  });

  it("let another instance take a turn over when its holder died mid-run", async () => {
    const db = database.db;
    const job = { name: "test-takeover", everySeconds: 3600 };
    const t0 = new Date("2027-05-01T00:00:00Z");
    expect(await claimTurn(db, job, "dies", t0)).toBe(true); // and never records an end
    expect(await claimTurn(db, job, "other", new Date(t0.getTime() + 60_000))).toBe(false);
    const [status] = await listJobStatus(db, t0, [job]);
    expect(status.lastFinishedAt).toBeNull();
    expect(status.nextDueAt).toEqual(new Date(t0.getTime() + 300_000));
    expect(await claimTurn(db, job, "other", new Date(t0.getTime() + 300_000))).toBe(true);
  });
});
