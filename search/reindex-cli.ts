/**
 * npm run search:reindex
 *
 * Rebuilds the search index from the database into a fresh index and swaps it in atomically. Uses the same
 * configuration as the app (DATA_DIR, DATABASE_URL, MEILI_URL, ...). Without MEILI_URL it starts the bundled
 * Meilisearch on the data dir, so it refuses while the app itself is running on that data dir.
 */
import fs from "node:fs";
import path from "node:path";
import cliProgress from "cli-progress";
import { parseEnvOrExit } from "../app/env.server.ts";
import { createLogger } from "../app/logger.server.ts";
import { DataDirLockedError, openDatabase, type DatabaseHandle } from "../db/client.ts";
import { migrateToLatest } from "../db/migrator.ts";
import { openSearch, type SearchHandle } from "./client.ts";
import { MeiliBinaryMissingError } from "./meili-process.ts";
import { reindexAll, ReindexBusyError, ReindexLeaseLostError } from "./reindex.ts";

/** A refusal explained in one line (no stack trace); everything opened so far is still closed. */
class Refusal extends Error {}
function fail(message: string): never {
  throw new Refusal(message);
}

/** The pid of a Meilisearch on this data dir whose parent (the app) is still running, if any. */
function meiliOwnedByRunningApp(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "meili.pid"), "utf8").trim());
    if (!(pid > 0) || !fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("meilisearch")) return undefined;
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    // An orphan (its app was killed) has been re-parented; openSearch replaces it like the app would.
    if (ppid > 1 && fs.readFileSync(`/proc/${ppid}/cmdline`, "utf8").includes("node")) return ppid;
  } catch {
    // no pid file, or the process is gone
  }
  return undefined;
}

const env = parseEnvOrExit();
const log = createLogger(env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL);

let database: DatabaseHandle | undefined;
let search: SearchHandle | undefined;
const controller = new AbortController();
let interrupted = false;
const onSignal = () => {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write("\n正在中止重建… / aborting the rebuild…\n");
  controller.abort(new Error("中止 / aborted"));
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

const bar = new cliProgress.SingleBar(
  {
    format: "重建索引 reindex [{bar}] {percentage}% | {value}/{total} 已索引 indexed | {sent} 已发送 sent | {duration}s",
    stream: process.stderr,
    hideCursor: true,
    // Piped (CI, a log file): a line every few seconds instead of a redrawn bar.
    noTTYOutput: true,
    notTTYSchedule: 5000,
  },
  cliProgress.Presets.shades_classic,
);
let barStarted = false;

try {
  try {
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir, poolSize: 4 });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      fail(`${error.message}。请先停止应用，或设置 DATABASE_URL 和 MEILI_URL 连接应用正在使用的服务 / stop the app first, or set DATABASE_URL and MEILI_URL`);
    }
    throw error;
  }
  await migrateToLatest(database.db);
  if (!env.MEILI_URL) {
    const app = meiliOwnedByRunningApp(env.dataDir);
    if (app) {
      fail(
        `数据目录 ${env.dataDir} 的 Meilisearch 正由进程 ${app} 运行，请先停止应用，或设置 MEILI_URL 连接它 / the data dir's Meilisearch is run by process ${app}; stop the app first or set MEILI_URL`,
      );
    }
  }
  try {
    search = await openSearch({
      meiliUrl: env.MEILI_URL,
      masterKey: env.MEILI_MASTER_KEY,
      binary: env.MEILI_BIN,
      dataDir: env.dataDir,
      prefix: env.MEILI_INDEX_PREFIX,
      log,
    });
  } catch (error) {
    if (error instanceof MeiliBinaryMissingError) fail(error.message);
    throw error;
  }

  const result = await reindexAll(database.db, search, {
    log,
    signal: controller.signal,
    onProgress(p) {
      if (!barStarted) {
        bar.start(p.total, p.indexed, { sent: p.sent });
        barStarted = true;
      }
      bar.setTotal(Math.max(p.total, p.sent));
      bar.update(p.indexed, { sent: p.sent });
    },
  });
  if (barStarted) bar.stop();
  const seconds = result.seconds.toFixed(1);
  process.stdout.write(
    `已重建索引 ${result.indexes.join(", ")}：${result.documents} 个文档，用时 ${seconds} 秒，重放重建期间的变更 ${result.replayed} 项 / ` +
      `rebuilt ${result.indexes.join(", ")}: ${result.documents} documents in ${seconds} s, ${result.replayed} changes made meanwhile replayed\n`,
  );
} catch (error) {
  if (barStarted) bar.stop();
  const known = error instanceof Refusal || error instanceof ReindexBusyError || error instanceof ReindexLeaseLostError || interrupted;
  process.stderr.write(error instanceof Refusal ? `${error.message}\n` : `重建失败 / reindex failed: ${(error as Error).message}\n`);
  if (!known) log.error({ err: error }, "reindex failed");
  process.exitCode = interrupted ? 130 : 1;
} finally {
  // Stops the embedded Meilisearch too: nothing is left running.
  await search?.close().catch(() => {});
  await database?.close().catch(() => {});
}
