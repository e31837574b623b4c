import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/env.server.ts";
import { createLogger } from "../../app/logger.server.ts";
import { createSession } from "../../app/models/session.server.ts";
import { setRuntime, type Runtime } from "../../app/runtime.server.ts";
import type { DB } from "../../db/client.ts";
import { connectMeili } from "../../search/client.ts";
import { ensureAllIndexes } from "../../search/indexes/index.ts";
import { drainOutboxOnce, enqueueIndexJob } from "../../search/outbox.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { openTestSearch } from "../support/search.ts";

// /admin/system through the built app's request handler (`npm run build` first, as for the
// other tests that run the built server), on a runtime of this test's own: who may see it, and that the
// figures it shows are the database's and move when the database does.

const buildPath = path.resolve(import.meta.dirname, "../../build/server/index.js");

async function sessionCookie(db: DB, userId: string, platformRole: "platform_admin" | "reviewer" | null): Promise<string> {
  const { token } = await createSession(db, { id: userId, platform_role: platformRole }, {});
  return `cjt_session=${token}`;
}

/** The number shown in the element marked data-testid="…". */
function figure(html: string, testId: string): string {
  const match = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html);
  if (!match) throw new Error(`no ${testId} on the page`);
  return match[1];
}

async function count(db: DB, table: "search_outbox" | "notifications", where?: ["email_status", string]): Promise<number> {
  let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"));
  if (where) query = query.where(where[0] as never, "=", where[1] as never);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

describe.each(backends)("the status page /admin/system on %s", (backend) => {
  let database: TestDatabase;
  let handler: (request: Request) => Promise<Response>;
  let rt: Runtime;
  const search = openTestSearch();
  const cookies: Record<"enterprise" | "reviewer" | "admin", string> = { enterprise: "", reviewer: "", admin: "" };
  let dataDir = "";

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await ensureAllIndexes(search);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-system-page-"));
    rt = {
      env: parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "silent" }),
      log: createLogger("silent"),
      db: database.db,
      dbKind: backend,
      search,
      searchReady: true,
      version: "test",
    } as unknown as Runtime;
    setRuntime(rt);
    const build = (await import(buildPath)) as ServerBuild;
    const handle = createRequestHandler(build, "production");
    handler = (request) => handle(request, { requestId: "t", cspNonce: "n", clientIp: "127.0.0.1" });

    const db = database.db;
    const member = await makeOrgActor(db, { kind: "enterprise" });
    cookies.enterprise = await sessionCookie(db, member.user.id, null);
    // The index starts in step with the database (the member's organisation is verified, so public).
    await enqueueIndexJob(db, "organization", member.organization.id);
    await drainOutboxOnce(db, search);
    cookies.reviewer = await sessionCookie(db, (await makeStaffActor(db, "reviewer")).user.id, "reviewer");
    cookies.admin = await sessionCookie(db, (await makeStaffActor(db, "platform_admin")).user.id, "platform_admin");
  });

  afterAll(async () => {
    setRuntime(undefined);
    await database?.dispose();
    await search.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (cookie?: string) =>
    handler(new Request("http://localhost/admin/system", { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" }));

  it("sends the signed-out to the login page and refuses enterprise users and reviewers with 403", async () => {
    const anonymous = await get();
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Fsystem");
    expect((await get(cookies.enterprise)).status).toBe(403);
    expect((await get(cookies.reviewer)).status).toBe(403);
    // The admin index links to it for administrators only.
    const adminIndex = await (await handler(new Request("http://localhost/admin", { headers: { Cookie: cookies.admin } }))).text();
    expect(adminIndex).toContain('href="/admin/system"');
    const reviewerIndex = await (await handler(new Request("http://localhost/admin", { headers: { Cookie: cookies.reviewer } }))).text();
    expect(reviewerIndex).not.toContain('href="/admin/system"');
  });

  it("shows an administrator the database's figures, which move with a pending change and a failed mail", async () => {
    const db = database.db;
    const before = await get(cookies.admin);
    expect(before.status).toBe(200);
    const html0 = await before.text();
    expect(Number(figure(html0, "outbox-due"))).toBe(await count(db, "search_outbox"));
    expect(Number(figure(html0, "mail-failed"))).toBe(await count(db, "notifications", ["email_status", "failed"]));
    expect(figure(html0, "readiness")).toContain("已就绪");
    expect(html0).not.toContain("不一致");
    expect(figure(html0, "meili-version")).toMatch(/^\d+\.\d+\.\d+/);

    // A verified organisation whose change waits in the outbox, and a notification whose mail failed.
    const org = await makeOrgActor(db, { name: "状态页待同步机构" });
    await enqueueIndexJob(db, "organization", org.organization.id);
    const notification = await db
      .insertInto("notifications")
      .values({ user_id: org.user.id, kind: "test.system", title: "状态页测试通知", body: "", email_status: "failed" } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(notification.id).toBeTruthy();

    const html1 = await (await get(cookies.admin)).text();
    const due = Number(figure(html1, "outbox-due"));
    const failed = Number(figure(html1, "mail-failed"));
    expect(due).toBe(Number(figure(html0, "outbox-due")) + 1);
    expect(due).toBe(await count(db, "search_outbox"));
    expect(failed).toBe(Number(figure(html0, "mail-failed")) + 1);
    expect(failed).toBe(await count(db, "notifications", ["email_status", "failed"]));
    expect(figure(html1, "outbox-oldest")).not.toBe("无");
    expect(figure(html1, "readiness")).toContain(`还有 ${due} 项变更等待写入索引`);
    // The index has not seen the organisation yet: flagged.
    expect(html1).toMatch(/data-entity="organization".*?不一致（相差 1）/s);

    await drainOutboxOnce(db, search);
    const html2 = await (await get(cookies.admin)).text();
    expect(figure(html2, "outbox-due")).toBe("0");
    expect(figure(html2, "outbox-oldest")).toBe("无");
    expect(html2).toMatch(/data-entity="organization".*?一致/s);
    expect(html2).not.toContain("不一致");
  });

  it("names each job in Chinese with its last run in China time, its result or error, and a badge", async () => {
    const db = database.db;
    const now = Date.now();
    // Ran at 2026-01-02 03:04:05 UTC (11:04 in China) and finished with a result; another failed just now.
    await db
      .insertInto("leases")
      .values([
        {
          name: "schedule:notification-emails",
          holder: "t",
          last_run_at: new Date(now - 5_000),
          last_finished_at: new Date(now - 4_000),
          expires_at: new Date(now + 25_000),
          last_result: JSON.stringify({ sent: 3, skipped: 1, failed: 0 }),
        },
        {
          name: "schedule:certificate-expiry",
          holder: "t",
          last_run_at: new Date(now - 60_000),
          last_finished_at: new Date(now - 59_000),
          expires_at: new Date(now + 3_540_000),
          last_error: "连接被拒绝 ECONNREFUSED",
        },
        {
          name: "schedule:expire-listings",
          holder: "t",
          last_run_at: new Date("2026-01-02T03:04:05Z"),
          last_finished_at: new Date("2026-01-02T03:04:06Z"),
          expires_at: new Date("2026-01-02T03:09:05Z"),
          last_result: "2",
        },
      ] as never)
      .execute();
    const html = await (await get(cookies.admin)).text();
    const row = (job: string) => new RegExp(`data-job="${job}".*?</tr>`, "s").exec(html)?.[0] ?? "";
    expect(row("notification-emails")).toContain("发送通知邮件");
    for (const part of ["已发送 3", "无需发送 1", "失败 0"]) expect(row("notification-emails")).toContain(part);
    expect(row("notification-emails")).toContain("正常");
    expect(row("certificate-expiry")).toContain("连接被拒绝 ECONNREFUSED");
    expect(row("certificate-expiry")).toContain("出错");
    expect(row("expire-listings")).toContain("2026-01-02 11:04");
    expect(row("expire-listings")).toContain("处理 2 项");
    expect(row("expire-listings")).toContain("逾期");
    expect(row("event-reminders")).toContain("尚未运行");
  });

  it("still answers 200 with 不可用 when Meilisearch cannot be reached", async () => {
    const live = rt.search;
    rt.search = connectMeili("http://127.0.0.1:9", "x", live.prefix);
    try {
      const res = await get(cookies.admin);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(figure(html, "meili-version")).toBe("不可用");
      expect(html).toMatch(/data-entity="listing".*?不可用/s);
    } finally {
      await rt.search.close();
      rt.search = live;
    }
  });
});
