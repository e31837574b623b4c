import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresServers } from "../support/databases.ts";
import { startServer, type RunningServer } from "../support/server-process.ts";
import { smtpSink } from "../support/smtp-sink.ts";

// What a production start does by default, against the built server.

// The servers below start as an operator would start them: without NODE_ENV (vitest sets it to test).
Reflect.deleteProperty(process.env, "NODE_ENV");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-prod-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A raw request, so Host and X-Forwarded-Host can say whatever an attacker likes. */
function rawRequest(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const target = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, method: options.method ?? "GET", path: options.path, headers: options.headers },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("a start on the embedded database with SMTP and no PUBLIC_URL", () => {
  const smtp = smtpSink();
  let server: RunningServer;

  beforeAll(async () => {
    const smtpUrl = await smtp.listen();
    server = await startServer({ DATA_DIR: path.join(tmp, "embedded"), DEMO_PASSWORD: "Demo-Pass-2026!", SMTP_URL: smtpUrl });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await smtp.close();
  });

  it("says at start that the demo data was loaded", () => {
    expect(server.output()).toContain("已加载演示数据（内置数据库原为空）/ demo data loaded into the empty embedded database");
  });

  it("mails a reset link to its own address, whatever Host and X-Forwarded-Host say", async () => {
    const body = new URLSearchParams({ email: "zhijiao@cjt-demo.cn" }).toString();
    const res = await rawRequest(server.url, {
      method: "POST",
      path: "/forgot-password",
      headers: {
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(Buffer.byteLength(body)),
      },
      body,
    });
    expect(res.status).toBeLessThan(400);
    const resets = () => smtp.received.filter((m) => m.to.includes("zhijiao@cjt-demo.cn") && /reset-password/.test(unfold(m.raw)));
    const deadline = Date.now() + 30_000;
    while (resets().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(resets()).toHaveLength(1);
    const text = unfold(resets()[0].raw);
    expect(text).not.toContain("evil.example");
    expect(text).toMatch(new RegExp(`${server.url.replace(/[.]/g, "\\.")}/reset-password/[A-Za-z0-9_-]+`));
  });

  it("prints its address only once the demo data is searchable, so /readyz already answers 200", async () => {
    let res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    const deadline = Date.now() + 120_000;
    while (res.status === 503 && Date.now() < deadline) {
      expect(((await res.json()) as { reason: string }).reason).toMatch(/^(index_backlog|search_settings_pending)$/);
      await new Promise((r) => setTimeout(r, 500));
      res = await fetch(`${server.url}/readyz`);
    }
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("runs Express in production mode: a malformed path shows no stack trace", async () => {
    const res = await rawRequest(server.url, { path: "/%FF" });
    expect(res.body).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
    expect(res.body).not.toMatch(/node_modules/);
  });
});


describe.each(postgresServers)("a production start on an empty PostgreSQL (%s)", (adminUrl) => {
  it("migrates, serves and creates no demo account, and says why", async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const name = `cjt_prod_${crypto.randomBytes(4).toString("hex")}`;
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    // NODE_ENV is left unset, as with `npm run serve` on a server.
    const server = await startServer({ DATA_DIR: path.join(tmp, "pg"), DATABASE_URL: url.toString() });
    const db = new pg.Client({ connectionString: url.toString() });
    try {
      expect(server.output()).toMatch(/未加载演示数据：已设置 DATABASE_URL.*demo data skipped: DATABASE_URL is set/);
      expect((await fetch(`${server.url}/healthz`)).status).toBeLessThan(600);
      await db.connect();
      const users = await db.query<{ n: string; demo: string }>(
        `select count(*) as n, count(*) filter (where email like '%@cjt-demo.cn') as demo from users`,
      );
      expect(users.rows[0]).toEqual({ n: "0", demo: "0" });
      const orgs = await db.query<{ n: string }>(`select count(*) as n from organizations`);
      expect(orgs.rows[0].n).toBe("0");
    } finally {
      await db.end().catch(() => {});
      await server.stop();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});

/** Quoted-printable soft breaks and escapes undone, enough to read a link. */
function unfold(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, "")
    .replace(/(?:=[0-9A-F]{2})+/gi, (m) => Buffer.from(m.split("=").slice(1).map((h) => parseInt(h, 16))).toString("utf8"));
  const b64 = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)].map((m) =>
    Buffer.from(m[1].replace(/\s+/g, ""), "base64").toString("utf8"),
  );
  return [qp, ...b64].join("\n");
}
