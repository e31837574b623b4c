import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server-process.ts";

const DEMO_PASSWORD = "Demo-Pass-2026!";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-http-"));
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ DATA_DIR: tmp, DEMO_PASSWORD });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function sessionCookieOf(res: Response): string | undefined {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cjt_session="));
  return cookie?.split(";")[0];
}

async function login(email: string, extraCookie?: string) {
  return fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(extraCookie ? { Cookie: extraCookie } : {}),
    },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
}

describe("HTTP security baseline", () => {
  it("sends an enforced CSP with a fresh nonce per request and the other protective headers", async () => {
    const [a, b] = await Promise.all([fetch(server.url), fetch(server.url)]);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline'; script");
    const nonceA = /nonce-([^']+)/.exec(csp)![1];
    const nonceB = /nonce-([^']+)/.exec(b.headers.get("content-security-policy")!)![1];
    expect(nonceA).not.toBe(nonceB);
    const html = await a.text();
    // Every inline script carries the nonce.
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs] of scripts) expect(attrs).toContain(`nonce="${nonceA}"`);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(a.headers.get("x-powered-by")).toBeNull();
  });

  it("refuses a cross-origin POST and accepts the same request from the site itself", async () => {
    const body = new URLSearchParams({ email: "qinling@cjt-demo.cn", password: DEMO_PASSWORD });
    const cross = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body,
    });
    expect(cross.status).toBe(403);
    expect(sessionCookieOf(cross)).toBeUndefined();
    const fetchSiteOnly = await fetch(`${server.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    expect(fetchSiteOnly.status).toBe(403);
    const same = await login("qinling@cjt-demo.cn");
    expect(same.status).toBe(302);
  });

  it("issues a new HttpOnly SameSite=Lax session at login, ignores a planted one, and revokes it at logout", async () => {
    const planted = "cjt_session=attacker-chosen-value";
    const res = await login("qinling@cjt-demo.cn", planted);
    const header = res.headers.getSetCookie().find((c) => c.startsWith("cjt_session="))!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    const cookie = sessionCookieOf(res)!;
    expect(cookie).not.toBe(planted);
    expect(cookie.split("=")[1].length).toBeGreaterThanOrEqual(22);

    const second = sessionCookieOf(await login("qinling@cjt-demo.cn"))!;
    expect(second).not.toBe(cookie);

    const dashboard = await fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(dashboard.status).toBe(200);

    const out = await fetch(`${server.url}/logout`, { method: "POST", headers: { Cookie: cookie, Origin: server.url }, redirect: "manual" });
    expect(out.status).toBe(302);
    const after = await fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
    // Another session of the same user is untouched.
    expect((await fetch(`${server.url}/dashboard`, { headers: { Cookie: second }, redirect: "manual" })).status).toBe(200);
  });

  it("limits authentication attempts per client address, counted in the database", async () => {
    const attempt = (ip: string) =>
      fetch(`${server.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-For": ip },
        body: new URLSearchParams({ email: "nobody@example.cn", password: "Wrong-Pass-1" }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await attempt("203.0.113.7")).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    const limited = await attempt("203.0.113.7");
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("尝试次数过多");
    expect((await attempt("203.0.113.8")).status).toBe(401);
  });

  it("never changes data on GET", async () => {
    const cookie = sessionCookieOf(await login("zhijiao@cjt-demo.cn"))!;
    await fetch(`${server.url}/logout`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect((await fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
  });
});
