import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zhCN, type MessageKey } from "../../app/i18n/zh-CN.ts";
import { startServer, type RunningServer } from "../support/server-process.ts";
import {
  builtRoutes,
  crawl,
  send,
  signIn,
  type BuiltRoute,
  type RawResponse,
  type SiteMap,
} from "../support/http-routes.ts";

// Whatever a client sends — bytes in the path, the query, the cookies, the body, the method —
// every route of the build answers below 500. The routes come from build/server/index.js, so a new route is covered
// without touching this file; real ids for `$params` come from the demo data's own links.

const DEMO_PASSWORD = "Demo-Pass-2026!";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-hostile-"));
let server: RunningServer;
let routes: BuiltRoute[];
let site: SiteMap;
let sessions: string[];
const accounts = [
  "admin@cjt-demo.cn",
  "qinling@cjt-demo.cn",
  "sxgfxy@cjt-demo.cn",
  "officer.rsj@cjt-demo.cn",
  "peixun@cjt-demo.cn",
];

beforeAll(async () => {
  server = await startServer({
    DATA_DIR: tmp,
    DEMO_PASSWORD,
    AUTH_IP_LIMIT: "1000000",
  });
  routes = await builtRoutes();
  sessions = await Promise.all(
    accounts.map((a) => signIn(server.url, a, DEMO_PASSWORD))
  );
  site = await crawl(server.url, routes, sessions);
}, 300_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates included), as a sloppy client might. */
function pct(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`
    )
    .join("");
}

/** Bytes a header may carry at all (node:http refuses CR, LF and NUL before sending). */
const headerSafe = (text: string) =>
  Buffer.from(text, "latin1")
    .toString("latin1")
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, "");

const hostileText = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 60 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ minLength: 3_000, maxLength: 12_000 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      "\u0000",
      "a\u0000b",
      "\u0000\u0000驳回原因\u0000",
      "\r\nSet-Cookie: x=1",
      "\u001b[31m",
      "\u007f\u0085\u009f",
      "\ud800",
      "\uffff",
      "<script>alert(1)</script>",
      "' or 1=1 --",
      "__proto__",
      "constructor",
      "-1",
      "0",
      "1e309",
      "99999999999999999999",
      "2026-02-30",
      "00000000-0000-0000-0000-000000000000",
      "/%09/evil.example/",
      "//evil.example",
      "\\\\evil.example",
      "/\r\n/evil",
      "https://evil.example/"
    ),
    weight: 3,
  }
);

/** Raw fragments a URL may carry that no encoder would produce. */
const rawFragments = fc.constantFrom(
  "%",
  "%%",
  "%FF",
  "%E4%B8",
  "%00",
  "%C0%AF",
  "%2e%2e",
  "..",
  "%0d%0a",
  "%uFFFF",
  "+",
  "%E4%B8%AD%00"
);

function paramValue(route: BuiltRoute, name: string): fc.Arbitrary<string> {
  const real = (site.params.get(route.id) ?? [])
    .map((v) => v[name])
    .filter(Boolean);
  return fc.oneof(
    ...(real.length
      ? [{ arbitrary: fc.constantFrom(...real).map(pct), weight: 4 }]
      : []),
    { arbitrary: hostileText.filter((s) => s.length > 0).map(pct), weight: 2 },
    { arbitrary: rawFragments, weight: 1 }
  );
}

function pathOf(route: BuiltRoute): fc.Arbitrary<string> {
  if (route.params.length === 0) return fc.constant(route.path);
  return fc
    .tuple(...route.params.map((name) => paramValue(route, name)))
    .map((values) => {
      let i = 0;
      return route.path.replace(/:(\w+)/g, () => values[i++]);
    });
}

const queryKeys = () =>
  fc.constantFrom(
    "q",
    "status",
    "page",
    "kind",
    "view",
    "type",
    "unit",
    "days",
    "done",
    "notice",
    "remove",
    "action",
    "actor",
    "org",
    "redirectTo",
    "tab",
    "industry",
    "location",
    "sort",
    "certified",
    "version",
    "decided",
    "registered",
    "saved",
    "count",
    "from",
    "to",
    "limit",
    "offset",
    "filter",
    "section",
    "_data",
    "index",
    "__proto__",
    ...[...site.fieldNames].slice(0, 40)
  );

const query = () =>
  fc.oneof(
    { arbitrary: fc.constant(""), weight: 1 },
    {
      arbitrary: fc
        .array(
          fc.tuple(queryKeys(), fc.oneof(hostileText.map(pct), rawFragments)),
          { minLength: 1, maxLength: 4 }
        )
        .map(
          (pairs) => `?${pairs.map(([k, v]) => `${pct(k)}=${v}`).join("&")}`
        ),
      weight: 4,
    },
    { arbitrary: rawFragments.map((f) => `?${f}=${f}&${f}`), weight: 1 }
  );

const garbageCookie = fc.oneof(
  fc.constantFrom(
    "cjt_session=%",
    "cjt_session=%E0%A4%A",
    "cjt_session=%00",
    "cjt_session=",
    "cjt_session",
    "=cjt_session",
    "lang=%",
    "lang=%FF; cjt_session=%",
    "cjt_session=a; cjt_session=%",
    `cjt_session=${"x".repeat(5000)}`,
    'cjt_session="quoted"',
    ";;;;"
  ),
  fc
    .string({ unit: "binary", maxLength: 80 })
    .map((s) => `cjt_session=${headerSafe(s)}`),
  fc
    .string({ unit: "binary", maxLength: 80 })
    .map((s) => `lang=${headerSafe(s)}`),
  fc.string({ unit: "binary", maxLength: 80 }).map(headerSafe)
);

type CookieChoice =
  | { kind: "none" }
  | { kind: "signedIn"; account: number }
  | { kind: "garbage"; value: string };
const cookieChoice: fc.Arbitrary<CookieChoice> = fc.oneof(
  { arbitrary: fc.constant({ kind: "none" as const }), weight: 2 },
  {
    arbitrary: fc
      .integer({ min: 0, max: accounts.length - 1 })
      .map((account) => ({ kind: "signedIn" as const, account })),
    weight: 4,
  },
  {
    arbitrary: garbageCookie.map((value) => ({
      kind: "garbage" as const,
      value,
    })),
    weight: 2,
  }
);

interface Body {
  contentType?: string;
  body: Buffer;
}

function formBodies(): fc.Arbitrary<Body> {
  const names = fc.constantFrom(
    "intent",
    "_action",
    "redirectTo",
    "email",
    "password",
    "reason",
    "id",
    "file",
    "__proto__",
    ...site.fieldNames
  );
  const values = fc.oneof(
    hostileText,
    fc.constantFrom("", ...site.fieldValues)
  );
  const entries = fc.array(fc.tuple(names, values), { maxLength: 12 });
  const boundary = "----cjtHostileBoundary7MA4YWxkTrZu0gW";
  return fc.oneof(
    {
      arbitrary: entries.map((e) => ({
        contentType: "application/x-www-form-urlencoded",
        body: Buffer.from(e.map(([k, v]) => `${pct(k)}=${pct(v)}`).join("&")),
      })),
      weight: 5,
    },
    {
      arbitrary: fc
        .tuple(entries, fc.uint8Array({ maxLength: 2000 }))
        .map(([e, file]) => ({
          contentType: `multipart/form-data; boundary=${boundary}`,
          body: Buffer.concat([
            ...e.map(([k, v]) =>
              Buffer.from(
                `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(
                  /["\r\n]/g,
                  ""
                )}"\r\n\r\n${v}\r\n`
              )
            ),
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="协议.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
            ),
            Buffer.from(file),
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]),
        })),
      weight: 2,
    },
    {
      arbitrary: fc.oneof(
        fc.constant({
          contentType: "multipart/form-data",
          body: Buffer.from("intent=x"),
        }),
        fc.constant({
          contentType: `multipart/form-data; boundary=${boundary}`,
          body: Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupl`
          ),
        }),
        fc.constant({
          contentType: `multipart/form-data; boundary=${boundary}`,
          body: Buffer.from("garbage without any boundary"),
        }),
        fc.constant({
          contentType: "multipart/form-data; boundary=",
          body: Buffer.from("--\r\n\r\n"),
        }),
        fc.constant({
          contentType: "application/x-www-form-urlencoded",
          body: Buffer.from("%zz=%&&=%E4%B8&intent=%FF%00"),
        }),
        fc.constant({
          contentType: "application/x-www-form-urlencoded; charset=utf-16",
          body: Buffer.from([0xff, 0xfe, 0, 0x61]),
        }),
        fc.constant({
          contentType: "text/plain",
          body: Buffer.from("intent=upload"),
        }),
        fc.constant({
          contentType: "application/json",
          body: Buffer.from('{"intent":"upload","__proto__":{"x":1}}'),
        }),
        fc.constant({
          contentType: "application/json",
          body: Buffer.from("{broken"),
        }),
        fc.constant({
          contentType: "application/octet-stream",
          body: Buffer.from([0, 1, 2, 255]),
        }),
        fc.constant({
          contentType: undefined,
          body: Buffer.from("intent=upload"),
        }),
        fc.constant({ contentType: undefined, body: Buffer.alloc(0) }),
        fc.constant({
          contentType: "application/x-www-form-urlencoded",
          body: Buffer.alloc(0),
        })
      ),
      weight: 3,
    },
    {
      arbitrary: fc
        .uint8Array({ maxLength: 500 })
        .map((b) => ({
          contentType: "application/x-www-form-urlencoded",
          body: Buffer.from(b),
        })),
      weight: 1,
    }
  );
}

interface HostileRequest {
  method: string;
  path: string;
  cookie: CookieChoice;
  body?: Body;
  origin: boolean;
}

function requestsFor(
  route: BuiltRoute,
  kind: "read" | "write"
): fc.Arbitrary<HostileRequest> {
  const suffix = fc.oneof(
    { arbitrary: fc.constant(""), weight: 4 },
    { arbitrary: fc.constant(".data"), weight: 1 }
  );
  const target = fc
    .tuple(pathOf(route), suffix, query())
    .map(([p, s, q]) => `${p === "/" && s ? "/_root" : p}${s}${q}`);
  if (kind === "read") {
    return fc.record({
      method: fc.oneof(
        { arbitrary: fc.constant("GET"), weight: 8 },
        {
          arbitrary: fc.constantFrom(
            "HEAD",
            "OPTIONS",
            "PUT",
            "PATCH",
            "DELETE",
            "TRACE",
            "PROPFIND"
          ),
          weight: 2,
        }
      ),
      path: target,
      cookie: cookieChoice,
      origin: fc.constant(true),
    });
  }
  return fc.record({
    method: fc.oneof(
      { arbitrary: fc.constant("POST"), weight: 9 },
      { arbitrary: fc.constantFrom("PUT", "PATCH", "DELETE"), weight: 1 }
    ),
    path: target,
    cookie: cookieChoice,
    body: formBodies(),
    origin: fc.oneof(
      { arbitrary: fc.constant(true), weight: 9 },
      { arbitrary: fc.constant(false), weight: 1 }
    ),
  });
}

/**
 * The sessions of `accounts`, signed in again where a hostile write ended one (a POST to /logout may, which is its
 * right); checking is a cheap GET, signing in costs an argon2 hash.
 */
async function liveSessions(current: string[]): Promise<string[]> {
  return Promise.all(
    current.map(async (cookie, i) => {
      const res = await send(server.url, { path: "/account", headers: { Cookie: cookie } });
      return res.status === 200 ? cookie : signIn(server.url, accounts[i], DEMO_PASSWORD);
    })
  );
}

async function perform(
  r: HostileRequest,
  sessions: string[]
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (r.cookie.kind === "signedIn") headers.Cookie = sessions[r.cookie.account];
  if (r.cookie.kind === "garbage") headers.Cookie = r.cookie.value;
  if (r.origin && r.method !== "GET") headers.Origin = server.url;
  if (r.body?.contentType) headers["Content-Type"] = r.body.contentType;
  if (r.body) headers["Content-Length"] = String(r.body.body.length);
  return send(server.url, {
    method: r.method,
    path: r.path,
    headers,
    body: r.body?.body,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
}

function describeRequest(r: HostileRequest): string {
  const body = r.body
    ? ` [${r.body.contentType ?? "no content type"}] ${r.body.body
        .subarray(0, 300)
        .toString("latin1")}`
    : "";
  return `${r.method} ${r.path.slice(0, 300)} cookie=${JSON.stringify(
    r.cookie
  ).slice(0, 120)}${body}`;
}

const RUNS = Number(process.env.HOSTILE_RUNS ?? 12);
const SEED = Number(process.env.HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** A request still unanswered after this long is a hang, reported with the request that caused it. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Sends `runs` samples of `requests` at once and answers every one that got a 5xx or no answer. Sampling (not
 * fc.assert) keeps them parallel and a hang costs one timeout, not a shrinking run; HOSTILE_SEED replays a failure.
 */
async function failures(requests: fc.Arbitrary<HostileRequest>, runs: number, sessions: string[], salt: string) {
  // Each route and kind its own sequence, so one unlucky shape is not tried on every route alike.
  const seed = [...salt].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, SEED);
  const samples = fc.sample(requests, { numRuns: runs, seed });
  const outcomes = await Promise.all(
    samples.map(async (r) => {
      try {
        const res = await perform(r, sessions);
        return res.status < 500 ? null : `${describeRequest(r)} → ${res.status} ${res.body.subarray(0, 300).toString("utf8")}`;
      } catch (error) {
        return `${describeRequest(r)} → ${(error as Error).message}`;
      }
    })
  );
  return outcomes.filter((o): o is string => o !== null);
}

describe(`every route over HTTP with hostile input (HOSTILE_SEED=${SEED})`, () => {
  it("found the routes of the build and real ids for their params", () => {
    expect(routes.length).toBeGreaterThan(50);
    for (const id of [
      "routes/l.$id",
      "routes/orgs.$id",
      "routes/events.$id",
      "routes/projects.$id",
      "routes/plan.tasks.$number",
    ]) {
      expect(site.params.get(id)?.length ?? 0, id).toBeGreaterThan(0);
    }
  });

  // it.each needs the routes before the server is up, so the list is read from the build file synchronously here.
  const ids = routeIdsFromBuildSync();
  it("covers every route of the build", () => {
    expect(ids.sort()).toEqual(routes.map((r) => r.id).sort());
  });

  it.each(ids)("%s answers every loader request below 500", async (id) => {
    const route = routes.find((r) => r.id === id)!;
    expect(await failures(requestsFor(route, "read"), RUNS, sessions, `read ${id}`)).toEqual([]);
  });

  it.each(ids)("%s answers every write request below 500", async (id) => {
    const route = routes.find((r) => r.id === id)!;
    const runs = route.hasAction ? RUNS : Math.ceil(RUNS / 4);
    try {
      expect(await failures(requestsFor(route, "write"), runs, sessions, `write ${id}`)).toEqual([]);
    } finally {
      sessions = await liveSessions(sessions);
    }
  });
});

function routeIdsFromBuildSync(): string[] {
  const file = path.resolve(
    import.meta.dirname,
    "../..",
    process.env.REMIX_BUILD_DIR ?? "build",
    "server/index.js"
  );
  const text = fs.readFileSync(file, "utf8");
  const block = text.slice(text.lastIndexOf("const routes = {"));
  return [...block.matchAll(/^\s+"(routes\/[^"]+)": \{/gm)].map((m) => m[1]);
}

/** A multipart form with one file of `bytes` bytes (a PDF header, then padding) and the given fields. */
function uploadBody(fields: Record<string, string>, bytes: number, fileField = "file"): Body {
  const boundary = "----cjtUploadBoundary";
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
  );
  const file = Buffer.alloc(bytes, 0x20);
  file.write("%PDF-1.4\n");
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(
        `${parts.join("")}--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="证明材料.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

async function firstLink(cookie: string, page: string, pattern: RegExp): Promise<string> {
  const res = await send(server.url, { path: page, headers: { Cookie: cookie } });
  const found = pattern.exec(res.body.toString("utf8"));
  if (!found) throw new Error(`no link like ${pattern} on ${page}`);
  return found[0];
}

async function upload(path: string, cookie: string, body: Body, chunked = false): Promise<RawResponse> {
  return send(server.url, {
    method: "POST",
    path,
    headers: {
      Cookie: cookie,
      Origin: server.url,
      "Content-Type": body.contentType!,
      ...(chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(body.body.length) }),
    },
    body: body.body,
    timeoutMs: 30_000,
  });
}

const MB = 1024 * 1024;

describe("uploads over a route's bound are answered, not hung up on", () => {
  // Each form's own bound: evidence 5 MB (schemas/certification.ts), agreements and plan reports 10 MB.
  const forms = (): Array<{
    name: string;
    /** The signed-in account, or null for a visitor. */
    account: number | null;
    page: string;
    link: RegExp;
    fields: Record<string, string>;
    fileField?: string;
    limit: number;
    message: MessageKey;
  }> => [
    {
      name: "certification evidence",
      account: 1,
      page: "/certification/applications",
      link: /\/certification\/applications\/[0-9a-f-]{36}/,
      fields: { intent: "upload", criterionKey: "x" },
      limit: 5 * MB,
      message: "certification.error.fileTooLarge",
    },
    {
      name: "project agreement",
      account: 1,
      page: "/projects",
      link: /\/projects\/[0-9a-f-]{36}/,
      fields: { intent: "upload" },
      limit: 10 * MB,
      message: "responses.file.tooLarge",
    },
    {
      name: "plan report",
      account: 0,
      page: "/plan",
      link: /\/plan\/tasks\/\d+/,
      fields: { intent: "upload", reportId: "x" },
      limit: 10 * MB,
      message: "plan.file.tooLarge",
    },
    {
      name: "organisation document",
      account: 1,
      page: "/org",
      link: /\/org(?=")/,
      fields: {},
      limit: 10 * MB,
      message: "org.documents.tooLarge",
    },
    {
      name: "licence sent with a registration",
      account: null,
      page: "/register",
      link: /\/register(?=")/,
      fields: { kind: "enterprise", name: "超大附件测试企业" },
      fileField: "licence",
      limit: 10 * MB,
      message: "org.documents.tooLarge",
    },
  ];

  it("a file just over the bound gets the form's own Chinese message, whether the length is declared or not", async () => {
    for (const form of forms()) {
      const cookie = form.account === null ? "" : sessions[form.account];
      const target = await firstLink(cookie, form.page, form.link);
      for (const chunked of [false, true]) {
        const res = await upload(target, cookie, uploadBody(form.fields, form.limit + 100 * 1024, form.fileField), chunked);
        expect(res.status, `${form.name} chunked=${chunked}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${form.name} chunked=${chunked}`).toBeLessThan(500);
        // The page shows the message (the plan page next to the report it was for; "x" is none, so only its key
        // in the page's action data is there to see).
        const html = res.body.toString("utf8");
        expect(html.includes(zhCN[form.message]) || html.includes(form.message), `${form.name} chunked=${chunked}`).toBe(true);
      }
    }
  });

  it("a 20 MB file is refused with 413 and a Chinese answer the client reads after sending it all", async () => {
    for (const form of forms()) {
      const cookie = form.account === null ? "" : sessions[form.account];
      const target = await firstLink(cookie, form.page, form.link);
      const res = await upload(target, cookie, uploadBody(form.fields, 20 * MB, form.fileField));
      expect(res.status, form.name).toBe(413);
      expect(res.body.toString("utf8"), form.name).toContain("上限 10 MB");
      // The connection survives the refusal: the next request on it is answered.
      expect((await send(server.url, { path: "/healthz" })).status).toBe(200);
    }
  });
});

describe("requests no form would send", () => {
  it("CR/LF, backslashes and tabs in redirectTo after login land on this site, never a 500", async () => {
    const origin = new URL(server.url).origin;
    for (const redirectTo of [
      "/dashboard\r\nSet-Cookie: x=1",
      "/dashboard%0D%0ASet-Cookie:%20x=1",
      "/%0D%0A/evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/%5Cevil.example",
      "/%09/evil.example/",
      "/\t/evil.example/",
    ]) {
      const body = new URLSearchParams({ email: accounts[2], password: DEMO_PASSWORD, redirectTo }).toString();
      const res = await send(server.url, {
        method: "POST",
        path: "/login",
        headers: {
          Origin: server.url,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(Buffer.byteLength(body)),
        },
        body,
      });
      expect(res.status, redirectTo).toBeGreaterThanOrEqual(300);
      expect(res.status, redirectTo).toBeLessThan(400);
      const location = String(res.headers.location);
      expect(location, redirectTo).not.toMatch(/[\r\n\t\\]/);
      expect(new URL(location, server.url).origin, redirectTo).toBe(origin);
      // The login page itself renders with such a redirectTo in its address.
      const page = await send(server.url, { path: `/login?redirectTo=${encodeURIComponent(redirectTo)}` });
      expect(page.status, redirectTo).toBe(200);
    }
  });

  it("GET /%FF answers a Chinese 400 page with the request id and no stack trace", async () => {
    const res = await send(server.url, { path: "/%FF" });
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    const html = res.body.toString("utf8");
    expect(html).toContain(zhCN["http.badRequestTitle"]);
    expect(html).toContain(String(res.headers["x-request-id"]));
    expect(html).not.toMatch(/URIError|at \S+ \(|node_modules/);
  });

  it("a 100 KB query string gets a Chinese answer with a body", async () => {
    const res = await send(server.url, { path: `/search?q=${"a".repeat(100 * 1024)}` });
    expect(res.status).toBe(431);
    expect(res.body.toString("utf8")).toContain(zhCN["http.headersTooLarge"]);
  });

  it("a HEAD request Node cannot parse gets the same status and headers, and no body after them", async () => {
    // A body after a HEAD answer is a protocol error the client reports ("Data after Connection: close").
    const res = await send(server.url, { method: "HEAD", path: `/search?q=${"a".repeat(100 * 1024)}` });
    expect(res.status).toBe(431);
    expect(res.body.length).toBe(0);
  });

  it("a long address that needs a sign-in redirects to the login page without echoing it", async () => {
    // The query fits the request's header limit; escaped three times over in Location it did not fit the client's.
    const res = await send(server.url, { path: `/dashboard?q=${"%22".repeat(4000)}` });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/login");
  });

  it("a session cookie that is not valid percent-encoding is treated as signed out", async () => {
    for (const cookie of ["cjt_session=%", "cjt_session=%E0%A4%A", "lang=%FF; cjt_session=%"]) {
      const home = await send(server.url, { path: "/", headers: { Cookie: cookie } });
      expect(home.status, cookie).toBe(200);
      const dashboard = await send(server.url, { path: "/dashboard", headers: { Cookie: cookie } });
      expect(dashboard.status, cookie).toBe(302);
      expect(String(dashboard.headers.location), cookie).toMatch(/^\/login\?redirectTo=/);
    }
  });
});
