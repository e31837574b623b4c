import type { Logger } from "pino";
import { openDatabase, type DatabaseHandle, type DB } from "../db/client.ts";
import { migrateToLatest } from "../db/migrator.ts";
import { ensurePlanReference } from "../db/reference/plan.ts";
import { openSearch, type SearchHandle } from "../search/client.ts";
import { isMeiliUnreachable } from "../search/errors.ts";
import { ensureAllIndexes } from "../search/indexes/index.ts";
import type { Env } from "./env.server.ts";
import { createBackgroundLoop, type BackgroundLoop, type BackgroundTask } from "./background.server.ts";

export interface Runtime {
  env: Env;
  log: Logger;
  db: DB;
  dbKind: DatabaseHandle["kind"];
  search: SearchHandle;
  /** True once the index settings have been applied; until then search answers 503. */
  searchReady: boolean;
  version: string;
  /** The port the HTTP server listens on, once it does (mail links when PUBLIC_URL is unset). */
  listenPort?: number;
  /** The one loop that runs all background work of this process (started with the runtime). */
  background: BackgroundLoop;
  stop(): Promise<void>;
}

// One runtime per process, shared by the server entry and the Remix build (which bundles its own copy of
// this module), hence globalThis rather than a module variable.
declare global {
  var __chanjiaotongRuntime: Runtime | undefined;
}

export function runtime(): Runtime {
  const current = globalThis.__chanjiaotongRuntime;
  if (!current) throw new Error("runtime not started");
  return current;
}

export function setRuntime(value: Runtime | undefined): void {
  globalThis.__chanjiaotongRuntime = value;
}

async function retry<T>(what: string, log: Logger, attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      log.warn({ err: (error as Error).message, attempt: i + 1 }, `${what} not reachable yet; retrying`);
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** i)));
    }
  }
}

export interface StartOptions {
  env: Env;
  log: Logger;
  version: string;
  /** Work to run once the database is migrated (demo seed on an empty database). */
  afterMigrate?: (db: DB, log: Logger) => Promise<void>;
  /** Background work (outbox relay, schedules, statistics flush): tasks of the runtime's one loop. */
  background?: Array<(rt: Runtime) => BackgroundTask>;
}

export async function startRuntime(options: StartOptions): Promise<Runtime> {
  const { env, log } = options;
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.dataDir,
    poolSize: env.DATABASE_POOL_SIZE,
  });
  let search: SearchHandle | undefined;
  try {
    await retry("PostgreSQL", log, () => migrateToLatest(database.db), env.DATABASE_URL ? 60_000 : 0);
    // The district plan's tasks and units are reference data: loaded once, in production too.
    await ensurePlanReference(database.db);
    if (options.afterMigrate) await options.afterMigrate(database.db, log);
    search = await openSearch({
      meiliUrl: env.MEILI_URL,
      masterKey: env.MEILI_MASTER_KEY,
      binary: env.MEILI_BIN,
      dataDir: env.dataDir,
      prefix: env.MEILI_INDEX_PREFIX,
      log,
    });
  } catch (error) {
    await search?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }

  const tasks: BackgroundTask[] = [];
  const rt: Runtime = {
    env,
    log,
    db: database.db,
    dbKind: database.kind,
    search,
    searchReady: false,
    version: options.version,
    background: createBackgroundLoop({ log, tickMs: env.JOB_TICK_MS, tasks }),
    async stop() {
      await rt.background.stop();
      await search!.close().catch((e) => log.error({ err: e }, "closing search failed"));
      await database.close().catch((e) => log.error({ err: e }, "closing database failed"));
      if (globalThis.__chanjiaotongRuntime === rt) setRuntime(undefined);
    },
  };

  // Settings that the server refuses stop the start loudly. A Meilisearch that cannot be reached keeps
  // only search from answering: settings are retried in the background and everything else serves.
  try {
    await ensureAllIndexes(search);
    rt.searchReady = true;
  } catch (error) {
    if (!isMeiliUnreachable(error)) {
      await rt.stop();
      throw error;
    }
    log.error({ err: (error as Error).message }, "Meilisearch not reachable; index settings will be applied when it is");
    // Retried by the background loop every 5 s until they are applied.
    tasks.push({
      name: "index-settings",
      everyMs: 5000,
      async run() {
        if (rt.searchReady) return;
        try {
          await ensureAllIndexes(search);
          rt.searchReady = true;
          log.info("index settings applied; search answers again");
        } catch (e) {
          log.warn({ err: (e as Error).message }, "index settings still not applied");
        }
      },
    });
  }

  setRuntime(rt);
  for (const make of options.background ?? []) tasks.push(make(rt));
  rt.background.start();
  return rt;
}
