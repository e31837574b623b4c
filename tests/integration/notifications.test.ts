import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/env.server.ts";
import { createLogger } from "../../app/logger.server.ts";
import {
  deliverNotificationEmails,
  listNotifications,
  markRead,
  openNotification,
  notify,
  unreadCount,
} from "../../app/models/notification.server.ts";
import { setRuntime, type Runtime } from "../../app/runtime.server.ts";
import { makeOrgActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { smtpSink } from "../support/smtp-sink.ts";

// A real SMTP server on loopback receives what the delivery job sends.
const smtp = smtpSink();
const { received } = smtp;
let smtpUrl = "";

beforeAll(async () => {
  smtpUrl = await smtp.listen();
});
afterAll(() => smtp.close());

describe.each(backends)("notifications on %s", (backend) => {
  let database: TestDatabase;
  let dataDir: string;
  const useRuntime = (smtp: boolean) =>
    setRuntime({
      env: parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...(smtp ? { SMTP_URL: smtpUrl } : {}) }),
      log: createLogger("silent"),
      db: database.db,
      dbKind: backend,
    } as unknown as Runtime);

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-notify-test-"));
  });
  afterAll(async () => {
    setRuntime(undefined);
    await database?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows an organisation's notifications to its members only, and only they can mark them read", async () => {
    const a = await makeOrgActor(database.db);
    const b = await makeOrgActor(database.db);
    const ownerA = { userId: a.user.id, organizationId: a.organization.id };
    const ownerB = { userId: b.user.id, organizationId: b.organization.id };
    await notify(database.db, { organizationId: a.organization.id }, {
      kind: "test",
      title: "notifications.title",
      body: "notifications.unreadCount",
      params: { count: 7 },
      link: "/notifications",
    });
    await notify(database.db, { userId: a.user.id }, { kind: "test", title: "notifications.empty" });

    const inboxA = await listNotifications(database.db, ownerA);
    expect(inboxA.items.map((n) => n.title)).toEqual(["暂时没有消息。", "消息"]);
    expect(inboxA.items[1].body).toBe("7 条未读");
    expect(await unreadCount(database.db, ownerA)).toBe(2);
    expect((await listNotifications(database.db, ownerB)).items).toHaveLength(0);

    // B cannot mark A's notification, A can.
    const id = inboxA.items[1].id;
    expect(await markRead(database.db, ownerB, id)).toBe(0);
    expect(await unreadCount(database.db, ownerA)).toBe(2);
    expect(await markRead(database.db, ownerA, id)).toBe(1);
    expect((await listNotifications(database.db, ownerA, { unreadOnly: true })).items.map((n) => n.id)).not.toContain(id);
    expect(await markRead(database.db, ownerA)).toBe(1);
    expect(await unreadCount(database.db, ownerA)).toBe(0);
  });

  it("marks a notification read when it is opened, and opens only the inbox's own", async () => {
    const a = await makeOrgActor(database.db);
    const b = await makeOrgActor(database.db);
    const ownerA = { userId: a.user.id, organizationId: a.organization.id };
    const ownerB = { userId: b.user.id, organizationId: b.organization.id };
    await notify(database.db, { organizationId: a.organization.id }, { kind: "test", title: "notifications.title", link: "/responses" });
    const [item] = (await listNotifications(database.db, ownerA)).items;
    expect(await openNotification(database.db, ownerB, item.id)).toBeNull();
    expect(await unreadCount(database.db, ownerA)).toBe(1);
    expect(await openNotification(database.db, ownerA, item.id)).toBe("/responses");
    expect(await unreadCount(database.db, ownerA)).toBe(0);
    // Opening it again keeps the first time it was read.
    const readAt = (await listNotifications(database.db, ownerA)).items[0].read_at;
    expect(await openNotification(database.db, ownerA, item.id)).toBe("/responses");
    expect((await listNotifications(database.db, ownerA)).items[0].read_at).toEqual(readAt);
  });

  it("mails each notification once to the organisation's active members through SMTP, even with two senders at once", async () => {
    useRuntime(true);
    await deliverNotificationEmails(database.db, 1000); // whatever earlier tests left
    received.length = 0;
    const org = await makeOrgActor(database.db);
    const colleague = await database.db
      .insertInto("users")
      .values({ email: `colleague-${Date.now()}@example.cn`, name: "同事", password_hash: "x", organization_id: org.organization.id, org_role: "member" })
      .returningAll()
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("users")
      .values({
        email: `gone-${Date.now()}@example.cn`,
        name: "已停用",
        password_hash: "x",
        organization_id: org.organization.id,
        org_role: "member",
        status: "disabled",
      })
      .execute();
    await notify(database.db, { organizationId: org.organization.id }, { kind: "test", title: "notifications.title", link: "/notifications" });

    const [first, second] = await Promise.all([deliverNotificationEmails(database.db), deliverNotificationEmails(database.db)]);
    expect(first.sent + second.sent).toBe(1);
    expect(received.flatMap((r) => r.to).sort()).toEqual([org.user.email, colleague.email].sort());
    const body = Buffer.from(received[0].raw.split(/\r?\n\r?\n/).slice(1).join("").replace(/\s/g, ""), "base64").toString("utf8");
    expect(body).toMatch(/查看详情：http:\/\/localhost:\d+\/notifications/);
    expect(body).toContain("请勿直接回复");
    expect(await deliverNotificationEmails(database.db)).toEqual({ sent: 0, skipped: 0, failed: 0 });
    const row = await database.db
      .selectFrom("notifications")
      .select(["email_status", "email_attempts"])
      .where("organization_id", "=", org.organization.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email_status: "sent", email_attempts: 1 });
  });

  it("without SMTP writes the mail to the development mailbox and marks it skipped", async () => {
    useRuntime(false);
    const org = await makeOrgActor(database.db);
    await notify(database.db, { organizationId: org.organization.id }, { kind: "test", title: "notifications.title" });
    const result = await deliverNotificationEmails(database.db);
    expect(result.skipped).toBeGreaterThanOrEqual(1);
    const files = fs.readdirSync(path.join(dataDir, "dev-mail")).filter((f) => f.includes(org.user.email.replace(/[^\w.@-]/g, "_")));
    expect(files).toHaveLength(1);
    const mail = JSON.parse(fs.readFileSync(path.join(dataDir, "dev-mail", files[0]), "utf8")) as { subject: string };
    expect(mail.subject).toBe("产教通：消息");
  });
});
