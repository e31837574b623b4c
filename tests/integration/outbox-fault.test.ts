import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.server.ts";
import { openPostgres } from "../../db/client.ts";
import { connectMeili } from "../../search/client.ts";
import { catalogIndex } from "../../search/indexes/catalog.ts";
import { ensureAllIndexes, indexUid } from "../../search/indexes/index.ts";
import { startEmbeddedMeili } from "../../search/meili-process.ts";
import { startOutboxRelay } from "../../search/outbox.ts";
import { backends, openTestDatabase, postgresServers } from "../support/databases.ts";
import { differences, indexState, outboxCount, publicState, RandomWriter, waitUntil } from "../support/index-state.ts";
import { meiliProcessesFor, startServer, type RunningServer } from "../support/server-process.ts";

// "Killing Meilisearch (kill -9) or the app in the middle of many writes loses nothing", with the real binary:
// after the writes stop and the outbox is empty, the index holds exactly the database's public state,
// computed independently with SQL (tests/support/index-state.ts).

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-fault-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const log = createLogger("silent");
const report = (line: string) => process.stdout.write(`[outbox-fault] ${line}\n`);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)("the outbox on %s when Meilisearch is killed with SIGKILL during writes", (backend) => {
  it("converges to exactly the database's public state", async () => {
    const database = await openTestDatabase(backend);
    const dataDir = fs.mkdtempSync(path.join(tmp, "meili-"));
    const meili = await startEmbeddedMeili({ dataDir, log });
    const search = connectMeili(meili.url, meili.masterKey);
    const stopRelay = startOutboxRelay(database.db, search, { log, intervalMs: 100 });
    try {
      await ensureAllIndexes(search);
      const db = database.db;
      const writer = new RandomWriter(db, 4242, `f-${backend}`);
      await writer.setup(8, 5);
      const kills: number[] = [];
      let failedJobsSeen = 0;
      const total = 450;
      for (let i = 1; i <= total; i++) {
        await writer.step();
        if (i === 150 || i === 300) {
          const pid = meili.pid()!;
          process.kill(pid, "SIGKILL");
          kills.push(pid);
        }
        if (i % 10 === 0) {
          const failed = await db
            .selectFrom("search_outbox")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("last_error", "is not", null)
            .executeTakeFirstOrThrow();
          failedJobsSeen = Math.max(failedJobsSeen, Number(failed.n));
        }
        // About 100 writes a second, spread over the outage and the restarts.
        await pause(10);
      }
      const writesDone = performance.now();
      await waitUntil("an empty outbox", async () => (await outboxCount(db, { includeParked: true })) === 0, 240_000, 200);
      const converged = (performance.now() - writesDone) / 1000;
      report(
        `${backend}: ${total + 48} writes (${JSON.stringify(writer.counts)}), Meilisearch killed twice (pids ${kills.join(", ")}), ` +
          `${failedJobsSeen} jobs seen failing, converged ${converged.toFixed(1)} s after the last write`,
      );

      // The supervisor restarted it, and the kills hit while the relay was writing.
      expect(meili.pid()).not.toBe(kills[1]);
      expect(failedJobsSeen).toBeGreaterThan(0);
      const expected = await publicState(db);
      expect(expected.size).toBeGreaterThan(20);
      expect(differences(expected, await indexState(search.client, indexUid(search, catalogIndex)))).toEqual([]);
    } finally {
      await stopRelay();
      await search.close();
      await meili.stop();
      await database.dispose();
    }
  }, 400_000);
});

/** The app's own Meilisearch on its data dir: the port from its command line, the key from the data dir. */
function appMeili(dataDir: string) {
  const [pid] = meiliProcessesFor(dataDir);
  const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  const addr = cmd[cmd.indexOf("--http-addr") + 1];
  return connectMeili(`http://${addr}`, fs.readFileSync(path.join(dataDir, "meili-master-key"), "utf8").trim());
}

// The app must run as a separate process while this test writes to its database, so this needs a
// PostgreSQL server (PGlite is one process's file); without TEST_DATABASE_URL there is no case to run.

describe.each(postgresServers)("the outbox when the app is killed with SIGKILL during writes (PostgreSQL %s)", (adminUrl) => {
  it("converges after a restart to exactly the database's public state", async () => {
    const name = `cjt_fault_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const dataDir = path.join(tmp, "app");
    const env = { DATA_DIR: dataDir, DATABASE_URL: url.toString(), SEED_DEMO: "false" };
    let server: RunningServer | undefined = await startServer(env);
    const handle = openPostgres(url.toString(), 4);
    try {
      const db = handle.db;
      const writer = new RandomWriter(db, 777, "app");
      await writer.setup(8, 5);
      const total = 400;
      let killedAt = 0;
      let restartedAt = 0;
      let restarting: Promise<RunningServer> | undefined;
      for (let i = 1; i <= total; i++) {
        await writer.step();
        if (i === 150) {
          // No shutdown hook runs: the relay lease and any claimed jobs are left as they are.
          await server!.stop("SIGKILL");
          server = undefined;
          killedAt = performance.now();
        }
        if (i === 250) {
          restarting = startServer(env);
          restarting.then(() => (restartedAt = performance.now())).catch(() => {});
        }
        await pause(10);
      }
      server = await restarting!;
      const writesDone = performance.now();
      const pending = await outboxCount(db);
      await waitUntil("an empty outbox", async () => (await outboxCount(db, { includeParked: true })) === 0, 240_000, 200);
      const converged = performance.now();
      report(
        `app: ${total + 48} writes, app killed after 150 and restarted (listening ${((restartedAt - killedAt) / 1000).toFixed(1)} s after the kill); ` +
          `${pending} jobs pending at the last write, converged ${((converged - writesDone) / 1000).toFixed(1)} s after it ` +
          `(${((converged - restartedAt) / 1000).toFixed(1)} s after the restart; the dead relay's lease lasts 30 s)`,
      );
      expect(meiliProcessesFor(dataDir)).toHaveLength(1);
      const search = appMeili(dataDir);
      try {
        const expected = await publicState(db);
        expect(expected.size).toBeGreaterThan(20);
        expect(differences(expected, await indexState(search.client, indexUid(search, catalogIndex)))).toEqual([]);
      } finally {
        await search.close();
      }
    } finally {
      await server?.stop("SIGTERM");
      // A Meilisearch orphaned by the killed app, if the restart never replaced it.
      for (const pid of meiliProcessesFor(dataDir)) process.kill(pid, "SIGKILL");
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 400_000);
});
