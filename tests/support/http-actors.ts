import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, type RunningServer } from "./server-process.ts";

// Shared machinery of the authorisation tests (tests/integration/authorization-*.test.ts): the real server on the
// demo data, signed-in demo accounts, requests as each of them and what came back.

export const DEMO_PASSWORD = "Demo-Pass-2026!";

/** The five roles every route is tried with. A = 西安秦岭精工数控机床有限公司, B = 陕西国防工业职业技术学院. */
export type Role = "anonymous" | "memberA" | "memberB" | "reviewer" | "admin";
export const roles: Role[] = ["anonymous", "memberA", "memberB", "reviewer", "admin"];

/** The demo accounts (seeds/demo-accounts.ts) that sign in as the roles. */
export const roleAccounts: Record<Exclude<Role, "anonymous">, string> = {
  memberA: "qinling.hr@cjt-demo.cn", // member of 西安秦岭精工数控机床有限公司
  memberB: "sxgfxy@cjt-demo.cn", // administrator of 陕西国防工业职业技术学院
  reviewer: "reviewer@cjt-demo.cn",
  admin: "admin@cjt-demo.cn",
};

/** "ok" = 200 or a redirect that is not to the login page; "login" = redirect to /login; otherwise the status. */
export type Outcome = "ok" | "login" | 400 | 401 | 403 | 404 | 409 | 415;

export async function outcome(res: Response): Promise<Outcome | number> {
  if (res.status === 302 || res.status === 303) return (res.headers.get("location") ?? "").startsWith("/login") ? "login" : "ok";
  if (res.status === 200) return "ok";
  return res.status;
}

/** A same-origin request (unless `origin` says otherwise) with the session cookie, if any; redirects are not followed. */
export function request(
  server: RunningServer,
  cookie: string | undefined,
  method: string,
  pathname: string,
  form?: Record<string, string> | FormData,
  origin?: string,
): Promise<Response> {
  const headers: Record<string, string> = { Origin: origin ?? server.url };
  if (cookie) headers.Cookie = cookie;
  let body: URLSearchParams | FormData | undefined;
  if (form instanceof FormData) body = form;
  else if (form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(form);
  }
  return fetch(`${server.url}${pathname}`, { method, headers, redirect: "manual", body });
}

/** Signs in through the login form and returns the session cookie ("cjt_session=…"). */
export async function login(server: RunningServer, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cjt_session="));
  if (!cookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return cookie.split(";")[0];
}

/**
 * The real server on a fresh data directory with the demo data, and the demo accounts signed in under names:
 * the roles of the matrix (plus any other account a test needs, with signIn). "anonymous" sends no cookie;
 * any other name that never signed in is a mistake in the test and throws.
 */
export class Actors<R extends string> {
  #server: RunningServer | undefined;
  #tmp = "";
  readonly #cookies = new Map<string, string>();

  constructor(
    readonly roles: readonly R[],
    private readonly accounts: Partial<Record<R, string>>,
  ) {}

  get server(): RunningServer {
    if (!this.#server) throw new Error("the server has not been started");
    return this.#server;
  }

  /** Starts the server (data in a temporary directory named after `prefix`) and signs in every account. */
  async start(prefix: string, env: Record<string, string> = {}): Promise<void> {
    this.#tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.#server = await startServer({ DATA_DIR: this.#tmp, DEMO_PASSWORD, AUTH_IP_LIMIT: "10000", ...env });
    for (const [name, email] of Object.entries(this.accounts) as Array<[string, string]>) await this.signIn(name, email);
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
    if (this.#tmp) fs.rmSync(this.#tmp, { recursive: true, force: true });
  }

  /** Signs `email` in and remembers the session under `name`. */
  async signIn(name: string, email: string): Promise<string> {
    const cookie = await login(this.server, email);
    this.#cookies.set(name, cookie);
    return cookie;
  }

  cookie(name: string): string | undefined {
    if (name === "anonymous") return undefined;
    const cookie = this.#cookies.get(name);
    if (!cookie) throw new Error(`${name} has not signed in`);
    return cookie;
  }

  /** A request as `name` (a role or a name given to signIn). */
  request = (name: R | (string & {}), method: string, pathname: string, form?: Record<string, string> | FormData, origin?: string) =>
    request(this.server, this.cookie(name), method, pathname, form, origin);

  /** The expected outcome for each role, in the order of `roles`. */
  row = (expected: Array<Outcome | number>): Record<R, Outcome | number> =>
    Object.fromEntries(this.roles.map((r, i) => [r, expected[i]])) as Record<R, Outcome | number>;

  /** What each role (all of them, or `only`) gets for the same request; a fresh form for each. */
  outcomes = async (method: string, pathname: string, form?: () => Record<string, string> | FormData, only: readonly R[] = this.roles) => {
    const actual: Record<string, Outcome | number> = {};
    for (const role of only) actual[role] = await outcome(await this.request(role, method, pathname, form?.()));
    return actual;
  };
}
