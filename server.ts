import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { demoSeeding, parseEnv, EnvError } from "./app/env.server.ts";
import { createLogger } from "./app/logger.server.ts";
import { startRuntime, type Runtime } from "./app/runtime.server.ts";
import { securityHeaders, refuseCrossOriginWrites } from "./app/security-headers.server.ts";
import { maskTokenPaths, privateResponses } from "./app/http/private-responses.server.ts";
import { DataDirLockedError } from "./db/client.ts";
import { seedAsDecided } from "./seeds/demo.ts";
import { MeiliBinaryMissingError } from "./search/meili-process.ts";
import { outboxRelayTask } from "./search/outbox.ts";
import { scheduledJobs } from "./app/jobs.server.ts";
import { schedulerTask } from "./app/models/scheduler.server.ts";
import { searchStatsTask } from "./app/models/search.server.ts";
import { answerSearchApi } from "./app/models/search-api.server.ts";
import { checkReadiness } from "./app/models/health.server.ts";
import { answerClientErrors, finalErrorHandler, limitBodies, onlyKnownMethods } from "./app/http/edge.server.ts";
import { guardActions } from "./app/http/guard-actions.server.ts";

const dev = process.argv.includes("--dev");
let env;
try {
  env = parseEnv(process.env, { defaultNodeEnv: dev ? "development" : "production" });
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
// Express (error pages without stack traces) and React read the mode from the process environment.
process.env.NODE_ENV = env.NODE_ENV;
const log = createLogger(env.LOG_LEVEL);
const version = (JSON.parse(fs.readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string })
  .version;

let rt: Runtime;
try {
  rt = await startRuntime({
    env,
    log,
    version,
    afterMigrate: (db, l) => seedAsDecided(db, demoSeeding(env), { dataDir: env.dataDir, log: l }),
    background: [
      (r) => outboxRelayTask(r.db, r.search, { log, isReady: () => r.searchReady }),
      (r) => schedulerTask(r.db, log, scheduledJobs(env.JOB_PERIODS)),
      (r) => searchStatsTask(r.db),
    ],
  });
} catch (error) {
  // Known start-up failures are explained in one line; anything else still gets its message, not a trace.
  const known = error instanceof DataDirLockedError || error instanceof MeiliBinaryMissingError;
  process.stderr.write(`启动失败 / start failed: ${(error as Error).message}\n`);
  if (!known) log.error({ err: error }, "start failed");
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// X-Forwarded-For is believed only from proxies on private networks (the load balancer), so a client on
// the internet cannot choose the address its rate limits are counted under.
app.set("trust proxy", env.TRUST_PROXY);

app.use((req, res, next) => {
  const incoming = req.get("x-request-id");
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  res.locals.requestId = requestId;
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (req.path.startsWith("/assets/")) return;
    log.info(
      {
        requestId,
        method: req.method,
        path: maskTokenPaths(req.path),
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      },
      "request",
    );
  });
  next();
});
app.use(securityHeaders({ production: !dev }));
app.use(onlyKnownMethods(), limitBodies());
app.use(refuseCrossOriginWrites({ publicUrl: env.PUBLIC_URL }));

let build: ServerBuild | (() => Promise<ServerBuild>);
if (dev) {
  const vite = await import("vite");
  const viteServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteServer.middlewares);
  build = () => (viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>).then(guardActions);
} else {
  const buildDir = path.resolve(process.env.REMIX_BUILD_DIR ?? "build");
  const buildPath = path.join(buildDir, "server/index.js");
  if (!fs.existsSync(buildPath)) {
    process.stderr.write("找不到构建结果，请先运行 npm run build / no build found: run npm run build first\n");
    await rt.stop();
    process.exit(1);
  }
  const clientDir = path.join(buildDir, "client");
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  // Only the few top-level files (favicons) are looked up on disk; every other path goes straight to Remix
  // instead of costing a stat() per request.
  const topLevelFiles = new Set(
    fs.readdirSync(clientDir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => `/${d.name}`),
  );
  const serveTopLevel = express.static(clientDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (topLevelFiles.has(req.path) ? serveTopLevel(req, res, next) : next()));
  build = guardActions((await import(buildPath)) as ServerBuild);
}

// After the static files, which keep their long caching whoever asks.
app.use(privateResponses);

// The public search API is the hottest path: served by Express directly, it skips the resource-route
// machinery of Remix (about a sixth of the app's CPU per call in the benchmark profile).
app.get("/api/v1/search", (req, res, next) => {
  answerSearchApi(new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`))
    .then((answer) => res.status(answer.status).set(answer.headers).json(answer.body))
    .catch(next);
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: dev ? "development" : "production",
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId,
      cspNonce: res.locals.cspNonce,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "",
    }),
  }),
);
app.use(finalErrorHandler(log));

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  rt.listenPort = port;
  // The address is printed once the demo data is searchable (outbox drained), within a bound.
  void (async () => {
    const deadline = Date.now() + 120_000;
    let readiness = await checkReadiness();
    while (!readiness.ready && Date.now() < deadline && !shuttingDown) {
      await new Promise((r) => setTimeout(r, 250));
      readiness = await checkReadiness();
    }
    if (!readiness.ready) log.warn({ readiness }, "index not filled after 120 s; serving anyway (see /readyz)");
    log.info({ port, db: rt.dbKind, search: rt.search.url.replace(/\/\/.*@/, "//"), version }, "产教通 is listening");
    process.stdout.write(`产教通已启动 / listening on http://localhost:${port}\n`);
  })();
});
server.keepAliveTimeout = 65_000;
answerClientErrors(server);

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  await rt.stop();
  clearTimeout(force);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
