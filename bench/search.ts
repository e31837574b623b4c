/**
 * npm run bench:search -- [--listings 100000] [--data-dir DIR] [--port 3317] [--seconds 40] [--rounds 8] [--mixed-seconds 60]
 *                          [--pin] [--search-only]
 *
 * Prints figures (this is not a test):
 *  (i)   throughput (back to back) and latency (at 70 % of Meilisearch's throughput, wrk2-style) of
 *        GET /api/v1/search at 16 connections vs the same searches sent straight to Meilisearch (the request
 *        buildSearchRequest makes), raw and API alternating in ABBA rounds;
 *  (ii)  a full rebuild (reindexAll) vs a raw bulk import of the same documents into a scratch index;
 *  (iii) a mixed load of 200 connections on /search?q=…, /l/<id> and /api/v1/search.
 * Generates the listings with seeds/bulk.ts into the data dir (kept, so a second run skips that), runs the
 * rebuilds in this process, then starts the built app (`node --import tsx server.ts`, NODE_ENV=production,
 * REMIX_BUILD_DIR) on the data dir. Every load is bounded in requests and time and goes to 127.0.0.1 only.
 * --pin (Linux, taskset): Meilisearch on CPU 0, the app and this load generator on CPU 1 — the layout of a
 * deployment where search runs on its own machine — for every measurement, raw and through the app alike.
 * --search-only: (i) alone, on the index a previous run left in the data dir (for repeated latency runs).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { parseEnv } from "../app/env.server.ts";
import { createLogger } from "../app/logger.server.ts";
import { parseSearchUrl } from "../app/models/search-api.server.ts";
import { openDatabase } from "../db/client.ts";
import { migrateToLatest } from "../db/migrator.ts";
import { openSearch } from "../search/client.ts";
import { searchEntities } from "../search/entities.ts";
import { catalogIndex } from "../search/indexes/catalog.ts";
import { ensureAllIndexes, indexUid } from "../search/indexes/index.ts";
import { buildSearchRequest } from "../search/query.ts";
import { reindexAll } from "../search/reindex.ts";
import { ensureIndex, waitForTaskOrThrow } from "../search/settings.ts";

const root = path.resolve(import.meta.dirname, "..");

const { values: args } = parseArgs({
  options: {
    listings: { type: "string", default: "100000" },
    "data-dir": { type: "string" },
    port: { type: "string", default: "3317" },
    seconds: { type: "string", default: "40" },
    rounds: { type: "string", default: "8" },
    "mixed-seconds": { type: "string", default: "60" },
    pin: { type: "boolean", default: false },
    "search-only": { type: "boolean", default: false },
  },
  strict: true,
});
const listings = Number(args.listings);
if (!Number.isInteger(listings) || listings < 1 || listings > 1_000_000) {
  process.stderr.write("--listings 须为 1 到 1000000 之间的整数 / --listings must be an integer from 1 to 1,000,000\n");
  process.exit(1);
}
const dataDir = path.resolve(args["data-dir"] ?? path.join(os.tmpdir(), `cjt-bench-${listings}`));
const port = Number(args.port);
const latencySeconds = Number(args.seconds);
const mixedSeconds = Number(args["mixed-seconds"]);
// An even number of rounds, so the ABBA order gives both sides the same positions.
const rounds = Math.max(2, 2 * Math.round(Number(args.rounds) / 2) || 8);
const searchOnly = args["search-only"];
const buildDir = path.resolve(process.env.REMIX_BUILD_DIR ?? "build");
if (!fs.existsSync(path.join(buildDir, "server/index.js"))) {
  process.stderr.write(`找不到构建结果 ${buildDir}，请先运行 REMIX_BUILD_DIR=… npx remix vite:build / no build in ${buildDir}\n`);
  process.exit(1);
}

const env = parseEnv({ ...process.env, DATA_DIR: dataDir, NODE_ENV: "production" });
const log = createLogger("warn");
const out = (line = "") => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`· ${line}\n`);
const fixed = (n: number, digits = 1) => n.toFixed(digits);

// ~40 realistic searches, some with filters, as a user or an API client would send them.
const queries = [
  "q=数控",
  "q=数控&kind=internship",
  "q=数控车床操作",
  "q=汽车零部件",
  "q=汽车零部件&location=auto_parts_park",
  "q=汽配&kind=internship&sort=newest",
  "q=实习",
  "q=实习&kind=internship&location=ganting",
  "q=实习生&payMin=3000",
  "q=电子商务",
  "q=电商&industryGroup=services",
  "q=直播带货",
  "q=生物医药",
  "q=生物医药&kind=research_result",
  "q=制药&industryGroup=leading",
  "q=订单班",
  "q=订单培养&kind=order_training",
  "q=学徒制",
  "q=现代学徒制&orgKind=vocational_school",
  "q=焊接",
  "q=焊工&payMin=4000&payMax=9000",
  "q=机械加工",
  "q=电气自动化",
  "q=新能源汽车",
  "q=物流",
  "q=仓储物流&kind=internship",
  "q=会计",
  "q=养老护理",
  "q=旅游&industryGroup=advantage",
  "q=民宿",
  "q=葡萄种植",
  "q=现代农业&location=yuxia",
  "q=软件开发",
  "q=数据分析",
  "q=人工智能",
  "q=印刷包装",
  "q=新材料&kind=cooperation",
  "q=检验检测",
  "q=培训&kind=training_package&sort=closing",
  "q=&kind=organization&orgKind=enterprise",
  "q=实训基地",
  "q=校企合作&kind=cooperation&page=2",
];

// ---------------------------------------------------------------------------------------------- load loop

interface Sample {
  label: string;
  ms: number;
  ok: boolean;
}

interface RequestSpec {
  label: string;
  path: string;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
}

function send(agent: http.Agent, origin: URL, spec: RequestSpec): Promise<Sample> {
  const started = performance.now();
  return new Promise((resolve) => {
    const body = spec.body ? Buffer.from(spec.body) : undefined;
    const req = http.request(
      {
        host: origin.hostname,
        port: origin.port,
        path: spec.path,
        method: spec.method ?? "GET",
        agent,
        headers: { ...spec.headers, ...(body ? { "content-length": String(body.length) } : {}) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () =>
          resolve({ label: spec.label, ms: performance.now() - started, ok: (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300 }),
        );
        res.on("error", () => resolve({ label: spec.label, ms: performance.now() - started, ok: false }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ label: spec.label, ms: performance.now() - started, ok: false }));
    req.end(body);
  });
}

/**
 * `connections` loops, each one request at a time on its own keep-alive socket, until time or count runs out.
 * With `ratePerSecond` the requests are spread evenly over the connections at that total rate instead of
 * back to back, and a request sent late (its connection still busy) counts its latency from when it was due,
 * as wrk2 does, so a slow answer is not hidden by the requests it kept from being sent.
 */
async function load(options: {
  origin: string;
  connections: number;
  seconds: number;
  maxRequests: number;
  next: (n: number) => RequestSpec;
  ratePerSecond?: number;
}): Promise<{ samples: Sample[]; seconds: number }> {
  const origin = new URL(options.origin);
  if (!["127.0.0.1", "localhost"].includes(origin.hostname)) throw new Error("loopback only");
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const samples: Sample[] = [];
  let issued = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const interval = options.ratePerSecond ? (1000 * options.connections) / options.ratePerSecond : 0;
  const worker = async (w: number) => {
    for (let k = 0; issued < options.maxRequests; k++) {
      const due = started + (interval ? k * interval + (w * interval) / options.connections : 0);
      if (due >= deadline || performance.now() >= deadline) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const late = interval ? Math.max(0, performance.now() - due) : 0;
      const n = issued++;
      const sample = await send(agent, origin, options.next(n));
      samples.push({ ...sample, ms: sample.ms + late });
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { samples, seconds };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Summary {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

function summarize(samples: Sample[], seconds: number): Summary {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    rps: samples.length / seconds,
  };
}

const line = (name: string, s: Summary) =>
  `  ${name.padEnd(28)} ${String(s.requests).padStart(7)} req  ${fixed(s.rps).padStart(7)} req/s  p50 ${fixed(s.p50, 2).padStart(7)} ms  p95 ${fixed(s.p95, 2).padStart(7)} ms  p99 ${fixed(s.p99, 2).padStart(7)} ms  errors ${s.errors}`;

// ---------------------------------------------------------------------------------------------- the app

function startApp(): Promise<{ proc: ChildProcess; url: string; stop(): Promise<void> }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      REMIX_BUILD_DIR: buildDir,
      SEED_DEMO: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let logLines = 0;
  proc.stdout!.on("data", (c: Buffer) => {
    const text = c.toString();
    if (output.length < 20_000) output += text;
    logLines += text.split("\n").length - 1;
  });
  proc.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
    await exited;
    note(`app stopped (${logLines} log lines written)`);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`the app did not start:\n${output}`));
    }, 180_000);
    proc.stdout!.on("data", () => {
      const m = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: `http://127.0.0.1:${new URL(m[1]).port}`, stop });
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code}:\n${output}`));
    });
  });
}

/** The app's embedded Meilisearch: its address from its command line, its key from the data dir. */
function appMeili(): { url: string; key: string; pid?: number } {
  if (env.MEILI_URL) return { url: env.MEILI_URL, key: env.MEILI_MASTER_KEY ?? "" };
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (cmd[0].includes("meilisearch") && cmd.includes(path.join(dataDir, "meili"))) {
        return {
          pid: Number(pid),
          url: `http://${cmd[cmd.indexOf("--http-addr") + 1]}`,
          key: fs.readFileSync(path.join(dataDir, "meili-master-key"), "utf8").trim(),
        };
      }
    } catch {
      // gone
    }
  }
  throw new Error("the app's Meilisearch was not found");
}

// ---------------------------------------------------------------------------------------------- run

out(`# 产教通 search benchmark — ${new Date().toISOString()}`);
out(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${fixed(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
out(`load average at start: ${os.loadavg().map((l) => fixed(l, 2)).join(" ")}`);
out(`data dir: ${dataDir} (${env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, ${env.MEILI_URL ? "external" : "bundled"} Meilisearch)`);

// Generate.
{
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  await migrateToLatest(handle.db);
  const row = await handle.db.selectFrom("listings").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  await handle.close();
  const have = Number(row.n);
  if (have < listings) {
    const wanted = listings - have;
    note(`generating ${wanted} listings with seeds/bulk.ts…`);
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "seeds/bulk.ts", "--listings", String(wanted)], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir },
        stdio: ["ignore", "ignore", "inherit"],
      });
      child.once("exit", resolve);
    });
    if (code !== 0) throw new Error(`seeds/bulk.ts exited with ${code}`);
    out(`generated ${wanted} listings in ${fixed((performance.now() - started) / 1000)} s`);
  } else {
    out(`reusing ${have} listings already in the data dir`);
  }
}

// (ii) Rebuild vs raw import, in this process (the app is not running yet: PGlite is one process's).
let reindexSeconds = 0;
const reindexPhases = { read: 0, indexed: 0 };
let rawSeconds = 0;
let documents = 0;
let listingIds: string[] = [];
if (!searchOnly) {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  const search = await openSearch({ meiliUrl: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY, dataDir, prefix: env.MEILI_INDEX_PREFIX, log });
  try {
    await ensureAllIndexes(search);
    // Meilisearch loads its Chinese segmenter on first use (seconds): pay that before timing anything.
    {
      const warm = `${indexUid(search, catalogIndex)}_bench_warm`;
      await ensureIndex(search.client, warm, catalogIndex);
      const sample: Array<Record<string, unknown>> = [];
      for await (const batch of searchEntities.listing.batches(handle.db, 200)) {
        sample.push(...batch.documents);
        break;
      }
      const task = await search.client.index(warm).addDocuments(sample, { primaryKey: "id" });
      await waitForTaskOrThrow(search.client, task.taskUid, "warm-up");
      await search.client.index(warm).search("数控实习");
      const drop = await search.client.deleteIndex(warm);
      await waitForTaskOrThrow(search.client, drop.taskUid, "drop the warm-up index");
    }
    let lastTenth = -1;
    const reindexStarted = performance.now();
    let streamed = 0;
    const result = await reindexAll(handle.db, search, {
      log,
      onProgress(p) {
        const tenth = p.total ? Math.floor((10 * p.indexed) / p.total) : 0;
        if (tenth !== lastTenth) note(`reindex: ${p.indexed}/${p.total} indexed (${p.sent} sent)`);
        lastTenth = tenth;
        if (p.sent === p.total && !streamed) streamed = performance.now();
        if (p.phase === "swap") reindexPhases.indexed = (performance.now() - reindexStarted) / 1000;
      },
    });
    reindexPhases.read = ((streamed || performance.now()) - reindexStarted) / 1000;
    reindexSeconds = result.seconds;
    documents = result.documents;
    // Every job the generator enqueued is already in the rebuilt index; left in the outbox, the app's relay
    // would re-write all of them while the latency is being measured.
    const cleared = await handle.db.deleteFrom("search_outbox").executeTakeFirst();
    note(`cleared ${Number(cleared.numDeletedRows)} outbox jobs the rebuild made redundant`);

    // The same documents, read into memory first (not timed), then imported as fast as Meilisearch takes them.
    const docs: Array<Record<string, unknown>> = [];
    for (const entity of Object.values(searchEntities)) for await (const batch of entity.batches(handle.db, 10_000)) docs.push(...batch.documents);
    const scratch = `${indexUid(search, catalogIndex)}_bench_raw`;
    await search.client.deleteIndex(scratch).then((t) => waitForTaskOrThrow(search.client, t.taskUid, "drop")).catch(() => {});
    const rawStarted = performance.now();
    await ensureIndex(search.client, scratch, catalogIndex);
    const settingsSeconds = (performance.now() - rawStarted) / 1000;
    const tasks: number[] = [];
    for (let i = 0; i < docs.length; i += 10_000) {
      tasks.push((await search.client.index(scratch).addDocuments(docs.slice(i, i + 10_000), { primaryKey: "id" })).taskUid);
    }
    for (const uid of tasks) await waitForTaskOrThrow(search.client, uid, "raw import");
    rawSeconds = (performance.now() - rawStarted) / 1000;
    note(`raw import: ${docs.length} documents, index with settings created in ${fixed(settingsSeconds)} s`);
    const drop = await search.client.deleteIndex(scratch);
    await waitForTaskOrThrow(search.client, drop.taskUid, "drop the scratch index");

    const ids = await sql<{ id: string }>`
      select l.id from listings l join organizations o on o.id = l.organization_id
       where l.status = 'published' and o.status = 'verified' and l.valid_until >= (now() at time zone 'Asia/Shanghai')::date
       order by random() limit 2000`.execute(handle.db);
    listingIds = ids.rows.map((r) => r.id);
  } finally {
    await search.close();
    await handle.close();
  }
}
if (!searchOnly) {
  out();
  out(`(ii) full rebuild of ${documents} documents`);
  out(`  reindexAll (PostgreSQL → new index → swap)   ${fixed(reindexSeconds)} s   ${fixed(documents / reindexSeconds, 0)} docs/s`);
  out(`    of which: all rows read and sent after ${fixed(reindexPhases.read)} s, all indexed after ${fixed(reindexPhases.indexed)} s, swap and cleanup ${fixed(reindexSeconds - reindexPhases.indexed)} s`);
  out(`  raw import (batches of 10 000, then wait)     ${fixed(rawSeconds)} s   ${fixed(documents / rawSeconds, 0)} docs/s`);
  out(`  ratio reindex / raw                           ${fixed(reindexSeconds / rawSeconds, 2)}×   (goal ≤ 1.5×)`);
}

// (i) and (iii) against the running app.
note("starting the app…");
const app = await startApp();
let apiSummary: Summary;
let rawSummary: Summary;
let apiPaced: Summary;
let rawPaced: Summary;
let mixed: Record<string, Summary> = {};
try {
  const meili = appMeili();
  if (args.pin) {
    if (!meili.pid) throw new Error("--pin needs the bundled Meilisearch (no MEILI_URL)");
    // -a: every thread, including those already started.
    execFileSync("taskset", ["-a", "-pc", "0", String(meili.pid)], { stdio: "ignore" });
    execFileSync("taskset", ["-a", "-pc", "1", String(app.proc.pid)], { stdio: "ignore" });
    execFileSync("taskset", ["-a", "-pc", "1", String(process.pid)], { stdio: "ignore" });
    out("pinned: Meilisearch on CPU 0; the app and the load generator on CPU 1");
  }
  const uid = indexUid({ prefix: env.MEILI_INDEX_PREFIX }, catalogIndex);
  const rawRequests = queries.map((q) => {
    const parsed = parseSearchUrl(new URL(`http://x/api/v1/search?${q}`), { strict: true });
    if (!parsed.ok) throw new Error(`bad benchmark query ${q}: ${parsed.message}`);
    return JSON.stringify({ q: parsed.params.q, ...buildSearchRequest(parsed.params) });
  });
  const apiPath = (n: number) => `/api/v1/search?${new URLSearchParams(queries[n % queries.length]).toString()}`;
  const rawSpec = (n: number): RequestSpec => ({
    label: "raw",
    path: `/indexes/${uid}/search`,
    method: "POST",
    body: rawRequests[n % rawRequests.length],
    headers: { "content-type": "application/json", authorization: `Bearer ${meili.key}` },
  });
  const apiSpec = (n: number): RequestSpec => ({ label: "api", path: apiPath(n) });

  // Warm both paths (connections, page cache, the app's JIT), then measure one after the other.
  await load({ origin: meili.url, connections: 16, seconds: 5, maxRequests: 400, next: rawSpec });
  await load({ origin: app.url, connections: 16, seconds: 5, maxRequests: 400, next: apiSpec });
  const maxRequests = 200_000;
  // One connection: the time the app adds to a search, without queueing behind other searches.
  note("(i) one connection, raw and API alternating…");
  const seqRaw: Sample[] = [];
  const seqApi: Sample[] = [];
  {
    const rawAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const apiAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const deadline = performance.now() + latencySeconds * 1000;
    for (let n = 0; n < 2000 && performance.now() < deadline; n++) {
      seqRaw.push(await send(rawAgent, new URL(meili.url), rawSpec(n)));
      seqApi.push(await send(apiAgent, new URL(app.url), apiSpec(n)));
    }
    rawAgent.destroy();
    apiAgent.destroy();
  }
  const seqRawSummary = summarize(seqRaw, 1);
  const seqApiSummary = summarize(seqApi, 1);
  // Raw and API in ABBA order (raw, API, API, raw, …), so a drift of the machine over the run (caches,
  // clock speed, a neighbour) weighs on both sides alike instead of on whichever was measured second.
  const roundSeconds = latencySeconds / rounds;
  const abba = async (ratePerSecond?: number) => {
    const raw = { samples: [] as Sample[], seconds: 0 };
    const api = { samples: [] as Sample[], seconds: 0 };
    const perRound: string[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (["raw", "api"] as const) : (["api", "raw"] as const);
      for (const side of order) {
        const how = ratePerSecond ? `${fixed(ratePerSecond)} req/s` : "back to back";
        note(`(i) round ${r + 1}/${rounds}: ${side === "raw" ? "raw Meilisearch" : "GET /api/v1/search"}, 16 connections ${how}, ${roundSeconds} s…`);
        const result = await load({
          origin: side === "raw" ? meili.url : app.url,
          connections: 16,
          seconds: roundSeconds,
          maxRequests,
          next: side === "raw" ? rawSpec : apiSpec,
          ratePerSecond,
        });
        const into = side === "raw" ? raw : api;
        into.samples.push(...result.samples);
        into.seconds += result.seconds;
        const s = summarize(result.samples, result.seconds);
        perRound.push(`    round ${r + 1} ${side.padEnd(3)}  ${fixed(s.rps).padStart(6)} req/s  p50 ${fixed(s.p50, 2).padStart(7)} ms`);
      }
    }
    return { raw: summarize(raw.samples, raw.seconds), api: summarize(api.samples, api.seconds), perRound };
  };
  // Back to back, Meilisearch is saturated: throughput. Both medians are then queueing (16 / throughput), so
  // latency is compared at a fixed rate below saturation, 70 % of what Meilisearch alone sustained.
  const saturated = await abba();
  const rate = 0.7 * saturated.raw.rps;
  const paced = await abba(rate);
  rawSummary = saturated.raw;
  apiSummary = saturated.api;
  rawPaced = paced.raw;
  apiPaced = paced.api;
  out();
  out(`(i) search at 16 connections, ${queries.length} queries in turn, ${latencySeconds} s per side and load (${rounds} rounds each, ABBA order)`);
  out(`  back to back (Meilisearch saturated): throughput`);
  out(line("Meilisearch directly", rawSummary));
  out(line("GET /api/v1/search", apiSummary));
  out(`  throughput ratio ${fixed(apiSummary.rps / rawSummary.rps, 2)} (goal ≥ 0.5); p50 difference ${fixed(apiSummary.p50 - rawSummary.p50, 2)} ms (queueing)`);
  for (const l of saturated.perRound) out(l);
  out(`  at ${fixed(rate)} req/s (70 % of Meilisearch's throughput above): latency, counted from when each request was due`);
  out(line("Meilisearch directly", rawPaced));
  out(line("GET /api/v1/search", apiPaced));
  out(`  p50 difference ${fixed(apiPaced.p50 - rawPaced.p50, 2)} ms (goal ≤ 3 ms); p95 difference ${fixed(apiPaced.p95 - rawPaced.p95, 2)} ms`);
  for (const l of paced.perRound) out(l);
  out(`  one connection, ${seqRaw.length} searches each (requests/s not meaningful here):`);
  out(line("Meilisearch directly", seqRawSummary));
  out(line("GET /api/v1/search", seqApiSummary));
  out(`  p50 the app adds without queueing: ${fixed(seqApiSummary.p50 - seqRawSummary.p50, 2)} ms`);

  if (!searchOnly) {
    note(`(iii) mixed load, 200 connections, ${mixedSeconds} s…`);
    const pick = (n: number): RequestSpec => {
      const r = (n * 2654435761) % 10;
      if (r < 4) return { label: "GET /search?q=…", path: `/search?${new URLSearchParams(queries[n % queries.length]).toString()}` };
      if (r < 7) return { label: "GET /l/<id>", path: `/l/${listingIds[n % listingIds.length]}` };
      return { label: "GET /api/v1/search", path: apiPath(n) };
    };
    const mix = await load({ origin: app.url, connections: 200, seconds: mixedSeconds, maxRequests: 1_000_000, next: pick });
    mixed = { all: summarize(mix.samples, mix.seconds) };
    for (const label of [...new Set(mix.samples.map((s) => s.label))].sort()) {
      mixed[label] = summarize(
        mix.samples.filter((s) => s.label === label),
        mix.seconds,
      );
    }
    out();
    out(`(iii) mixed load, 200 connections, ${fixed(mix.seconds, 0)} s`);
    for (const [name, s] of Object.entries(mixed)) out(line(name, s));
  }
} finally {
  await app.stop();
}

out();
out(`load average at end: ${os.loadavg().map((l) => fixed(l, 2)).join(" ")}`);
const goals: Array<[string, boolean]> = [
  [`app p50 within 3 ms of Meilisearch (16 connections at 70 % of its throughput)`, apiPaced!.p50 - rawPaced!.p50 <= 3],
  [`app throughput ≥ half of Meilisearch's`, apiSummary!.rps >= rawSummary!.rps / 2],
];
if (!searchOnly) {
  goals.push([`reindex within 1.5× of the raw import`, reindexSeconds <= rawSeconds * 1.5], [`no errors under mixed load`, mixed.all?.errors === 0]);
}
out("goals:");
for (const [goal, met] of goals) out(`  ${met ? "met    " : "MISSED "} ${goal}`);
