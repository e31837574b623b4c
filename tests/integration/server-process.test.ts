import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { postgresServers } from "../support/databases.ts";
import { meiliProcessesFor, runServerToExit, startServer } from "../support/server-process.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-server-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function getJson(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}

describe("the server process on the embedded defaults", () => {
  it("stops with one line naming a bad variable", async () => {
    const { code, output } = await runServerToExit({ DATA_DIR: path.join(tmp, "bad"), PORT: "not-a-port" });
    expect(code).toBe(1);
    expect(output.trim().split("\n")).toHaveLength(1);
    expect(output).toMatch(/PORT — 必须是整数 \/ must be an integer/);
    expect(output).not.toMatch(/at .*\.ts:\d+/);
  });

  it("serves, refuses a second process on its data dir, and leaves nothing behind on SIGTERM", async () => {
    const dataDir = path.join(tmp, "main");
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const health = await eventually(() => getJson(`${server.url}/healthz`), (h) => h.status === 200);
      expect(health.body).toMatchObject({ status: "ok", db: "ok", search: "ok" });
      expect(meiliProcessesFor(dataDir)).toHaveLength(1);
      const page = await fetch(server.url);
      expect(await page.text()).toContain("产教通");

      const second = await runServerToExit({ DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.output).toMatch(/数据目录 .* 正被进程 \d+ 使用/);
    } finally {
      expect(await server.stop("SIGTERM")).toBe(0);
    }
    expect(meiliProcessesFor(dataDir)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
    expect((fs.statSync(path.join(dataDir, "meili-master-key")).mode & 0o777).toString(8)).toBe("600");
  });

  it("replaces a Meilisearch left by a crashed run and restarts one that dies", async () => {
    const dataDir = path.join(tmp, "crash");
    const crashed = await startServer({ DATA_DIR: dataDir });
    await crashed.stop("SIGKILL");
    const orphans = meiliProcessesFor(dataDir);
    expect(orphans).toHaveLength(1);

    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const [meili] = meiliProcessesFor(dataDir);
      expect(meili).not.toBe(orphans[0]);
      process.kill(meili, "SIGKILL");
      const down = await eventually(() => getJson(`${server.url}/healthz`), (h) => h.status === 503, 10_000);
      expect(down.body.search).toBe("unavailable");
      const up = await eventually(() => getJson(`${server.url}/healthz`), (h) => h.status === 200);
      expect(up.body).toMatchObject({ status: "ok", search: "ok" });
    } finally {
      await server.stop();
    }
    expect(meiliProcessesFor(dataDir)).toEqual([]);
  });
});


describe.each(postgresServers)("the server process on the PostgreSQL server %s", (adminUrl) => {
  it("migrates and answers health with DATABASE_URL (demo data stays out of a real database)", async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const name = `cjt_srv_${crypto.randomBytes(4).toString("hex")}`;
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const server = await startServer({ DATA_DIR: path.join(tmp, "pg"), DATABASE_URL: url.toString() });
    try {
      const health = await eventually(() => getJson(`${server.url}/healthz`), (h) => h.status === 200);
      expect(health.body.db).toBe("ok");
      expect(await (await fetch(server.url)).text()).toMatch(/<h3>企业<\/h3><p class="stat">0 家/);
    } finally {
      await server.stop();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});
