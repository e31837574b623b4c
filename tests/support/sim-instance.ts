/**
 * One app instance for the simulation test (tests/integration/simulation.test.ts): the real scheduled jobs on
 * the real background loop, ticked at a simulated time instead of by a timer. Imported in-process (PGlite), or
 * run as a child process (`node --import tsx tests/support/sim-instance.ts`, PostgreSQL) driven over IPC:
 * the parent sends { type: "tick", at, seq } and the child answers { type: "ticked", seq } when the tick is
 * done, and { type: "running", job } as each job starts, so the parent can kill it mid-run.
 */
import crypto from "node:crypto";
import type { Logger } from "pino";
import { createBackgroundLoop } from "../../app/background.server.ts";
import { parseEnv, type Env } from "../../app/env.server.ts";
import { scheduledJobs } from "../../app/jobs.server.ts";
import { createLogger } from "../../app/logger.server.ts";
import { schedulerTask } from "../../app/models/scheduler.server.ts";
import { runtime, setRuntime, type Runtime } from "../../app/runtime.server.ts";
import { openPostgres, type DB } from "../../db/client.ts";

export interface SimInstance {
  holder: string;
  tick(now: Date): Promise<void>;
  stop(): Promise<void>;
}

/** The process's runtime, without Meilisearch (the simulation checks duties, not the index). */
export function installSimRuntime(env: Env, db: DB, log: Logger): void {
  const loop = createBackgroundLoop({ log, tickMs: env.JOB_TICK_MS, tasks: [] });
  setRuntime({
    env,
    log,
    db,
    dbKind: "postgres",
    search: undefined as never,
    searchReady: false,
    version: "simulation",
    background: loop,
    stop: async () => {},
  } satisfies Runtime);
}

export function simInstance(db: DB, options: { holder?: string; onRun?: (job: string) => void } = {}): SimInstance {
  const { env, log } = runtime();
  const holder = options.holder ?? `sim-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const jobs = scheduledJobs(env.JOB_PERIODS).map((job) => ({
    ...job,
    run: (d: DB, now: Date) => {
      options.onRun?.(job.name);
      return job.run(d, now);
    },
  }));
  const loop = createBackgroundLoop({ log, tickMs: env.JOB_TICK_MS, tasks: [schedulerTask(db, log, jobs, holder)] });
  return { holder, tick: (now) => loop.tick(now), stop: () => loop.stop() };
}

type Message = { type: "tick"; at: string; seq: number } | { type: "stop" };

if (process.send && process.argv[1]?.endsWith("sim-instance.ts")) {
  const env = parseEnv({ ...process.env, NODE_ENV: "test" });
  const log = createLogger(env.LOG_LEVEL);
  const database = openPostgres(env.DATABASE_URL!, 4);
  installSimRuntime(env, database.db, log);
  const instance = simInstance(database.db, { holder: process.env.SIM_HOLDER, onRun: (job) => process.send!({ type: "running", job }) });
  process.on("message", (message: Message) => {
    if (message.type === "tick") {
      instance.tick(new Date(message.at)).then(
        () => process.send!({ type: "ticked", seq: message.seq }),
        (error: unknown) => process.send!({ type: "error", seq: message.seq, message: String(error) }),
      );
    } else {
      void instance
        .stop()
        .then(() => database.close())
        .then(() => process.exit(0));
    }
  });
  process.send({ type: "ready" });
}
