import crypto from "node:crypto";
import pg from "pg";
import { openPglite, openPostgres, type DatabaseHandle } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrator.ts";

export type Backend = "pglite" | "postgres";

/**
 * The data-layer suite runs on PGlite always and on a real PostgreSQL server when TEST_DATABASE_URL
 * names one (CI always does; see tests/support/global-setup.ts).
 */
export const backends: Backend[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
/** The PostgreSQL server a test may share with a running app (PGlite is one process's file). */
export const postgresServers: string[] = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (PostgreSQL) after closing it. */
  dispose(): Promise<void>;
  /** The connection string (PostgreSQL only), for child processes that share the database. */
  url?: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, migrated database of its own for one test file. */
export async function openTestDatabase(backend: Backend, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let drop = async () => {};
  let url: string | undefined;
  if (backend === "pglite") {
    handle = await openPglite();
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `cjt_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    url = withDatabase(adminUrl, name);
    handle = openPostgres(url, 5);
    drop = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    async dispose() {
      await handle.close();
      await drop();
    },
  };
}
