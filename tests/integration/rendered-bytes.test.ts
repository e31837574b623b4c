import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, login, roleAccounts } from "../support/http-actors.ts";
import { startServer, type RunningServer } from "../support/server-process.ts";

// The bytes a browser, a crawler or a mail client receives: no NUL byte (React 18.3 pads its 2 KB buffer with
// them), valid UTF-8, and pages made for a signed-in person kept out of every cache.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-bytes-"));
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ DATA_DIR: tmp, DEMO_PASSWORD, NODE_ENV: "test" });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every page path of the build, with parameters filled from links the public pages show. */
async function publicPagePaths(): Promise<string[]> {
  const build = (await import(path.resolve("build/server/index.js"))) as { routes: Record<string, { path?: string }> };
  const patterns = [...new Set(Object.values(build.routes).map((r) => r.path).filter((p): p is string => !!p))];
  const seen = new Set<string>();
  for (const start of ["/", "/search?q=实习", "/search?q=培训", "/events", "/certification/notices"]) {
    const html = await (await fetch(`${server.url}${start}`)).text();
    for (const m of html.matchAll(/href="(\/[^"?#]*)/g)) seen.add(m[1]);
  }
  const paths: string[] = ["/"]; // the index route has no path of its own
  for (const pattern of patterns) {
    if (!pattern.includes(":")) {
      paths.push(`/${pattern}`);
      continue;
    }
    const re = new RegExp(`^/${pattern.replace(/:[^/]+/g, "[^/]+")}$`);
    paths.push(...[...seen].filter((p) => re.test(p)).slice(0, 3));
  }
  return paths;
}

function expectCleanBytes(pathname: string, bytes: Uint8Array) {
  expect(bytes.indexOf(0), `${pathname} contains a NUL byte`).toBe(-1);
  expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), `${pathname} is not valid UTF-8`).not.toThrow();
}

describe("rendered bytes", () => {
  it("serves every public page without NUL bytes and as valid UTF-8", async () => {
    const paths = await publicPagePaths();
    expect(paths).toEqual(expect.arrayContaining(["/", "/search", "/privacy"]));
    expect(paths.some((p) => /^\/l\/[^/]+$/.test(p)), "a listing page was found").toBe(true);
    let chineseHtml = 0;
    for (const pathname of paths) {
      const res = await fetch(`${server.url}${pathname}`, { redirect: "manual" });
      const bytes = new Uint8Array(await res.arrayBuffer());
      expectCleanBytes(pathname, bytes);
      if (/text\/html/.test(res.headers.get("content-type") ?? "") && bytes.length > 4096) chineseHtml++;
    }
    // The padding appears only in pages over 2 KB with Chinese text: make sure there were many of them.
    expect(chineseHtml).toBeGreaterThan(10);
  });

  it("serves long Chinese text to a signed-in member cleanly, marked private and not to be stored", async () => {
    const cookie = await login(server, roleAccounts.memberA);
    const headers = { Cookie: cookie };
    for (const pathname of ["/dashboard", "/org", "/notifications", "/account", "/listings"]) {
      const res = await fetch(`${server.url}${pathname}`, { headers, redirect: "manual" });
      expect(res.status, pathname).toBe(200);
      expectCleanBytes(pathname, new Uint8Array(await res.arrayBuffer()));
      expect(res.headers.get("cache-control"), pathname).toBe("private, no-store");
    }
    const data = await fetch(`${server.url}/dashboard.data`, { headers, redirect: "manual" });
    expect(data.status).toBe(200);
    expect(data.headers.get("cache-control")).toBe("private, no-store");
    // Anonymous pages and the static assets keep their caching.
    const anonymous = await fetch(`${server.url}/privacy`);
    expect(anonymous.headers.get("cache-control")).not.toBe("private, no-store");
    const html = await (await fetch(`${server.url}/`, { headers })).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)![0];
    const assetRes = await fetch(`${server.url}${asset}`, { headers });
    expect(assetRes.headers.get("cache-control")).toMatch(/immutable/);
  });
});
