import crypto from "node:crypto";
import { sql } from "kysely";
import type { Logger } from "pino";
import type { DB } from "../db.server.ts";

export interface ScheduledJob {
  name: string;
  everySeconds: number;
  run(db: DB): Promise<unknown>;
}

/**
 * Claims a job's turn in the leases table: the row is updated only if the last run is older than the period,
 * so across any number of app instances each job runs once per period.
 */
export async function claimTurn(db: DB, job: Pick<ScheduledJob, "name" | "everySeconds">, holder: string): Promise<boolean> {
  const result = await sql`
    insert into leases (name, holder, expires_at, last_run_at)
    values (${`schedule:${job.name}`}, ${holder}, now() + make_interval(secs => ${job.everySeconds}), now())
    on conflict (name) do update
      set holder = excluded.holder, expires_at = excluded.expires_at, last_run_at = now()
      where leases.last_run_at is null or leases.last_run_at < now() - make_interval(secs => ${job.everySeconds})`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

export function startScheduler(db: DB, log: Logger, jobs: ScheduledJob[], tickMs = 30_000): () => Promise<void> {
  const holder = `${process.pid}-${crypto.randomUUID()}`;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      try {
        if (await claimTurn(db, job, holder)) {
          const result = await job.run(db);
          log.info({ job: job.name, result }, "scheduled job ran");
        }
      } catch (error) {
        log.warn({ job: job.name, err: (error as Error).message }, "scheduled job failed");
      }
    }
  };
  const start = setTimeout(() => (running = tick()), 2000);
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = undefined));
  }, tickMs);
  return async () => {
    stopped = true;
    clearTimeout(start);
    clearInterval(timer);
    await running;
  };
}
