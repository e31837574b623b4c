import crypto from "node:crypto";
import { sql } from "kysely";
import type { Logger } from "pino";
import type { DB } from "../db.server.ts";
import { createBackgroundLoop, type BackgroundTask } from "../background.server.ts";
import { scheduledJobs } from "../jobs.server.ts";

export interface ScheduledJob {
  name: string;
  everySeconds: number;
  /** `now` is the time of the tick that claimed the turn: every time-driven rule is judged at it. */
  run(db: DB, now: Date): Promise<unknown>;
}

/** How long a claimed turn is held before another instance may take it over (its holder died mid-run). */
export function runLeaseSeconds(everySeconds: number): number {
  return Math.min(everySeconds, 300);
}

/**
 * Claims a job's turn in the leases table, judged at `now`: the row is updated only if the last run is a
 * period old, or its holder died mid-run (claimed, never finished, lease run out), or the last run failed
 * (retried at the next tick). One UPDATE decides, so across any number of instances each turn runs once.
 */
export async function claimTurn(
  db: DB,
  job: Pick<ScheduledJob, "name" | "everySeconds">,
  holder: string,
  now: Date = new Date(),
): Promise<boolean> {
  const lease = runLeaseSeconds(job.everySeconds);
  const result = await sql`
    insert into leases (name, holder, expires_at, last_run_at, last_finished_at)
    values (${`schedule:${job.name}`}, ${holder}, ${now}::timestamptz + make_interval(secs => ${lease}), ${now}, null)
    on conflict (name) do update
      set holder = excluded.holder, expires_at = excluded.expires_at, last_run_at = excluded.last_run_at, last_finished_at = null
      where leases.last_run_at is null
         or leases.last_run_at <= ${now}::timestamptz - make_interval(secs => ${job.everySeconds})
         or (leases.last_finished_at is null and leases.expires_at <= ${now})
         or (leases.last_finished_at is not null and leases.last_error is not null)`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Writes how a claimed turn ended (only while this holder still holds it). */
export async function recordRun(
  db: DB,
  name: string,
  holder: string,
  finishedAt: Date,
  outcome: { error: string | null; result: unknown },
): Promise<void> {
  await db
    .updateTable("leases")
    .set({
      last_finished_at: finishedAt,
      last_error: outcome.error,
      last_result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
    })
    .where("name", "=", `schedule:${name}`)
    .where("holder", "=", holder)
    .execute();
}

/** When this instance should next try to claim: the row tells when the turn is due again. */
async function nextClaimAt(db: DB, job: ScheduledJob, now: Date): Promise<number> {
  const row = await db
    .selectFrom("leases")
    .select(["last_run_at", "last_finished_at", "expires_at", "last_error"])
    .where("name", "=", `schedule:${job.name}`)
    .executeTakeFirst();
  if (!row?.last_run_at) return now.getTime();
  if (row.last_finished_at && row.last_error) return now.getTime();
  const due = new Date(row.last_run_at).getTime() + job.everySeconds * 1000;
  return row.last_finished_at ? due : Math.min(due, new Date(row.expires_at).getTime());
}

/**
 * The scheduled jobs as one task of the background loop. Each tick it tries the jobs that may be due (by what
 * this instance last saw in the leases table), claims the turn, runs the job at the tick's time and records
 * the outcome; a job that fails is logged and retried at the next tick.
 */
export function schedulerTask(db: DB, log: Logger, jobs: ScheduledJob[], holder = `${process.pid}-${crypto.randomUUID()}`): BackgroundTask {
  const nextTry = new Map<string, number>();
  return {
    name: "scheduler",
    everyMs: 0,
    async run(now) {
      for (const job of jobs) {
        if (now.getTime() < (nextTry.get(job.name) ?? 0)) continue;
        try {
          if (!(await claimTurn(db, job, holder, now))) {
            nextTry.set(job.name, await nextClaimAt(db, job, now));
            continue;
          }
        } catch (error) {
          log.warn({ job: job.name, err: (error as Error).message }, "claiming a scheduled job failed");
          continue;
        }
        const startedMs = Date.now();
        // The finish is the tick's time plus the real time the run took, so a simulated clock stays consistent.
        const finishedAt = () => new Date(now.getTime() + (Date.now() - startedMs));
        try {
          const result = await job.run(db, now);
          await recordRun(db, job.name, holder, finishedAt(), { error: null, result });
          nextTry.set(job.name, now.getTime() + job.everySeconds * 1000);
          log.info({ job: job.name, result }, "scheduled job ran");
        } catch (error) {
          const message = (error as Error).message || String(error);
          log.warn({ job: job.name, err: message }, "scheduled job failed; retried next tick");
          await recordRun(db, job.name, holder, finishedAt(), { error: message, result: null }).catch((e: unknown) =>
            log.warn({ job: job.name, err: (e as Error).message }, "recording a failed job failed"),
          );
        }
      }
    },
  };
}

export interface JobStatus {
  name: string;
  everySeconds: number;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  nextDueAt: Date;
  /** Null when the last run succeeded (or none finished yet). */
  lastError: string | null;
  lastResult: unknown;
}

/** Each scheduled job's last run, outcome and next due time, for the operator's status page. */
export async function listJobStatus(db: DB, now: Date = new Date(), jobs?: Array<Pick<ScheduledJob, "name" | "everySeconds">>): Promise<JobStatus[]> {
  const list = jobs ?? scheduledJobs();
  const rows = await db
    .selectFrom("leases")
    .select(["name", "last_run_at", "last_finished_at", "last_error", "last_result", "expires_at"])
    .where("name", "like", "schedule:%")
    .execute();
  const byName = new Map(rows.map((r) => [r.name.slice("schedule:".length), r]));
  return list.map((job) => {
    const row = byName.get(job.name);
    const lastRunAt = row?.last_run_at ? new Date(row.last_run_at) : null;
    const lastFinishedAt = row?.last_finished_at ? new Date(row.last_finished_at) : null;
    const lastError = row?.last_finished_at ? row.last_error : null;
    let nextDueAt = now;
    if (lastRunAt && !lastError) {
      nextDueAt = new Date(lastRunAt.getTime() + job.everySeconds * 1000);
      // Claimed and never finished: due again when the holder's lease runs out.
      if (!lastFinishedAt && row) nextDueAt = new Date(Math.min(nextDueAt.getTime(), new Date(row.expires_at).getTime()));
    }
    return {
      name: job.name,
      everySeconds: job.everySeconds,
      lastRunAt,
      lastFinishedAt,
      nextDueAt,
      lastError,
      lastResult: row?.last_result ?? null,
    };
  });
}

/** The scheduled jobs on a loop of their own (tools and tests); the server runs schedulerTask on the runtime's loop. */
export function startScheduler(db: DB, log: Logger, jobs: ScheduledJob[], tickMs = 30_000): () => Promise<void> {
  const loop = createBackgroundLoop({ log, tickMs, tasks: [schedulerTask(db, log, jobs)] });
  loop.start();
  return () => loop.stop();
}
