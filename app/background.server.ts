import type { Logger } from "pino";

/**
 * One piece of background work (the outbox relay, the scheduled jobs, the index-settings retry, the search
 * statistics flush). `run` gets the tick's time: the real clock in production, a simulated one in tests.
 */
export interface BackgroundTask {
  name: string;
  /** How often the task is due in this process (0: every tick). A failed run is due again at the next tick. */
  everyMs: number;
  run(now: Date): Promise<unknown>;
  /** Called once by stop(), after the last tick has finished (a final flush, a lease released). */
  stop?(): Promise<void>;
}

export interface BackgroundLoop {
  /** Starts the timer: a tick every tickMs, counted from the end of the previous one. */
  start(): void;
  /** Runs one tick now (after any tick still running); `now` defaults to the real time when the tick begins. */
  tick(now?: Date): Promise<void>;
  /** Stops the timer, waits for the tick in progress and stops every task. */
  stop(): Promise<void>;
}

/**
 * One loop for all background work of a process. Ticks never overlap: the next timer is set only when a
 * tick has finished, so a tick that overruns delays the next instead of running beside it, and a tick asked
 * for by hand waits for the one in progress. A task that throws is logged and retried at the next tick.
 */
export function createBackgroundLoop(options: { log: Logger; tickMs: number; tasks: BackgroundTask[] }): BackgroundLoop {
  const { log, tickMs, tasks } = options;
  const dueAt = new Map<string, number>();
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopped = false;

  const runTick = async (now: Date) => {
    for (const task of tasks) {
      if (stopped) return;
      if (now.getTime() < (dueAt.get(task.name) ?? 0)) continue;
      try {
        await task.run(now);
        dueAt.set(task.name, now.getTime() + task.everyMs);
      } catch (error) {
        log.warn({ task: task.name, err: (error as Error).message }, "background task failed; retried next tick");
      }
    }
  };

  const tick = (now?: Date): Promise<void> => {
    const next = chain.then(() => (stopped ? undefined : runTick(now ?? new Date())));
    // The chain never rejects (runTick catches per task), but guard it anyway so one surprise cannot stop the loop.
    chain = next.catch((error: unknown) => log.error({ err: error }, "background tick failed"));
    return chain;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void tick().finally(schedule);
    }, tickMs);
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule();
    },
    tick,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
      for (const task of tasks) {
        await task.stop?.().catch((error: unknown) => log.warn({ task: task.name, err: (error as Error).message }, "stopping background task failed"));
      }
    },
  };
}
