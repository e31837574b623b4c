import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Every route of the built app and the real ids behind its `$params`, for tests that walk the whole site over HTTP
// (tests/integration/hostile-http.test.ts, tests/integration/rendered-bytes.test.ts).

const root = path.resolve(import.meta.dirname, "../..");

export interface BuiltRoute {
  id: string;
  /** "/l/:id" style, "/" for the index */
  path: string;
  params: string[];
  hasLoader: boolean;
  hasAction: boolean;
  hasComponent: boolean;
}

interface BuildRoute {
  path?: string;
  index?: boolean;
  parentId?: string;
  module: { loader?: unknown; action?: unknown; default?: unknown };
}

/** The routes of build/server/index.js (REMIX_BUILD_DIR honoured), as Remix itself sees them. */
export async function builtRoutes(): Promise<BuiltRoute[]> {
  const buildDir = path.resolve(root, process.env.REMIX_BUILD_DIR ?? "build");
  const build = (await import(
    pathToFileURL(path.join(buildDir, "server/index.js")).href
  )) as { routes: Record<string, BuildRoute> };
  return Object.entries(build.routes)
    .filter(([id]) => id !== "root")
    .map(([id, r]) => {
      const p = `/${r.path ?? ""}`;
      return {
        id,
        path: p,
        params: [...p.matchAll(/:(\w+)/g)].map((m) => m[1]),
        hasLoader: Boolean(r.module.loader),
        hasAction: Boolean(r.module.action),
        hasComponent: Boolean(r.module.default),
      };
    });
}

/** The route a concrete path belongs to, with its params. */
export function matchRoute(
  routes: BuiltRoute[],
  pathname: string
): { route: BuiltRoute; values: Record<string, string> } | null {
  for (const route of routes) {
    if (route.params.length === 0) continue;
    const pattern = new RegExp(
      `^${route.path.replace(/[.]/g, "\\.").replace(/:(\w+)/g, "([^/]+)")}$`
    );
    const m = pattern.exec(pathname);
    if (m)
      return {
        route,
        values: Object.fromEntries(
          route.params.map((name, i) => [name, decodeURIComponent(m[i + 1])])
        ),
      };
  }
  return null;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * One request with node:http (not fetch): any method (TRACE too), any path bytes and header bytes a client may send.
 * `path` is sent as given, so it must already be percent-encoded where wanted.
 */
export function send(
  base: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    timeoutMs?: number;
  }
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? "GET",
        path: options.path,
        headers: options.headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          })
        );
        res.on("error", reject);
      }
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () =>
      req.destroy(
        new Error(`timeout: ${options.method ?? "GET"} ${options.path}`)
      )
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export function cookieOf(
  res: RawResponse | Response,
  name = "cjt_session"
): string | undefined {
  const all =
    res instanceof Response
      ? res.headers.getSetCookie()
      : ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  return all.find((c) => c.startsWith(`${name}=`))?.split(";")[0];
}

/** Signs in through the login form and answers the session cookie ("cjt_session=…"). */
export async function signIn(
  base: string,
  email: string,
  password: string
): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
    },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = cookieOf(res);
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return cookie;
}

export interface SiteMap {
  /** route id → real values for each of its params, as found in links */
  params: Map<string, Array<Record<string, string>>>;
  /** form field names and the values of hidden/submit "intent"-like fields seen on the pages */
  fieldNames: Set<string>;
  fieldValues: Set<string>;
}

/**
 * Visits every parameterless page (with each cookie given, the cookies in parallel) and then a few pages per route
 * its links lead to, one level deep, collecting the real ids of `$param` routes and the form fields the pages offer.
 */
export async function crawl(
  base: string,
  routes: BuiltRoute[],
  cookies: string[]
): Promise<SiteMap> {
  const map: SiteMap = {
    params: new Map(),
    fieldNames: new Set(),
    fieldValues: new Set(),
  };
  const visit = async (pathname: string, cookie: string) => {
    const res = await send(base, {
      path: pathname,
      headers: cookie ? { Cookie: cookie } : {},
    });
    const type = String(res.headers["content-type"] ?? "");
    if (res.status !== 200 || !type.startsWith("text/html")) return [];
    const html = res.body.toString("utf8");
    for (const m of html.matchAll(/\bname="([^"]{1,60})"/g))
      map.fieldNames.add(m[1]);
    for (const m of html.matchAll(
      /\bname="(?:intent|_action|action|kind|status|view|decision)"[^>]*?\bvalue="([^"]{1,60})"/g
    ))
      map.fieldValues.add(m[1]);
    for (const m of html.matchAll(/<option[^>]*\bvalue="([^"]{1,60})"/g))
      map.fieldValues.add(m[1]);
    const links: Array<{ route: string; path: string }> = [];
    for (const m of html.matchAll(/\bhref="(\/[^"?#]*)/g)) {
      const found = matchRoute(routes, m[1]);
      if (!found) continue;
      const list = map.params.get(found.route.id) ?? [];
      if (
        list.length < 20 &&
        !list.some((v) => JSON.stringify(v) === JSON.stringify(found.values))
      )
        list.push(found.values);
      map.params.set(found.route.id, list);
      links.push({ route: found.route.id, path: m[1] });
    }
    return links;
  };
  const pages = routes.filter((r) => r.params.length === 0 && r.hasComponent);
  await Promise.all(
    ["", ...cookies].map(async (cookie) => {
      const next: Array<{ route: string; path: string }> = [];
      for (const route of pages) next.push(...(await visit(route.path, cookie)));
      // One level deeper finds ids that only detail pages link to (project files, responses of a listing, ...);
      // two pages per route are enough for that.
      const perRoute = new Map<string, Set<string>>();
      for (const link of next) {
        const chosen = perRoute.get(link.route) ?? new Set<string>();
        if (chosen.size < 2) chosen.add(link.path);
        perRoute.set(link.route, chosen);
      }
      for (const chosen of perRoute.values())
        for (const link of chosen) await visit(link, cookie);
    })
  );
  return map;
}
