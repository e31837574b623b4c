import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect, Transaction } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type DB = Kysely<Database>;

/**
 * Runs `work` in a transaction: the caller's when `db` already is one, so that a route or job can compose two model
 * functions under one commit (`db.transaction().execute((trx) => { await a(trx); await b(trx); })`), a new one
 * otherwise. A model function that catches a database error (a unique violation) must not be composed this way on
 * PostgreSQL: the error aborts the caller's transaction too.
 */
export function inTransaction<T>(db: DB, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db instanceof Transaction ? work(db) : db.transaction().execute(work);
}

export interface DatabaseHandle {
  db: DB;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

// The same JavaScript types from both drivers: int8 and numeric as numbers (every such column here
// holds counts or yuan far below 2^53), date as the 'YYYY-MM-DD' string it is.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `数据目录 ${dir} 正被进程 ${pid} 使用，同一数据目录只能由一个进程打开 / the data dir is in use by process ${pid}; only one process may open it`,
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite takes no lock of its own, and two processes on one data dir corrupt it.
 * An exclusive-create pid file; a file left by a dead process is taken over.
 */
const lockedHere = new Set<string>();

export function lockDataDir(dir: string): () => void {
  if (lockedHere.has(dir)) throw new DataDirLockedError(dir, process.pid);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  // Beside the data dir, not in it: PostgreSQL owns what is inside.
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fs.closeSync(fd);
      lockedHere.add(dir);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        lockedHere.delete(dir);
        try {
          const held = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid: number };
          if (held.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let pid = 0;
      try {
        pid = Number((JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid: number }).pid);
      } catch {
        // unreadable: a crash between create and write; treat as stale
      }
      if (pid && isAlive(pid) && pid !== process.pid) throw new DataDirLockedError(dir, pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 / could not lock the data dir ${dir}`);
}

export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const pglite = new PGlite({ dataDir, parsers });
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: "pglite",
      async close() {
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function openPostgres(connectionString: string, max = 10): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        (parsers as Record<number, (v: string) => unknown>)[oid] ??
        pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server emits 'error'; without a listener that would crash the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: "postgres", close: () => db.destroy() };
}

export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize);
  return openPglite(path.join(options.dataDir, "pglite"));
}
