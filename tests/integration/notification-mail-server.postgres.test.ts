import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notify } from "../../app/models/notification.server.ts";
import { openPostgres, type DatabaseHandle } from "../../db/client.ts";
import { makeOrgActor } from "../support/actors.ts";
import { postgresServers } from "../support/databases.ts";
import { startServer, type RunningServer } from "../support/server-process.ts";
import { smtpSink } from "../support/smtp-sink.ts";

// The scheduler once ran each job only once per process, so a notification made after the first tick was never
// mailed. The built server, on PostgreSQL shared with this test, with a 3-second mail period: a notification
// made well after the start reaches the real SMTP sink within two periods.
const PERIOD_SECONDS = 3;

describe.each(postgresServers)("the running server on %s mails notifications made after it started", (adminUrl) => {
  const sink = smtpSink();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-mailjob-"));
  const name = `cjt_t_${crypto.randomBytes(6).toString("hex")}`;
  let server: RunningServer | undefined;
  let database: DatabaseHandle | undefined;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const smtpUrl = await sink.listen();
    server = await startServer({
      DATA_DIR: tmp,
      DATABASE_URL: url.toString(),
      SEED_DEMO: "false",
      SMTP_URL: smtpUrl,
      PUBLIC_URL: "https://cjt.example.cn",
      MAIL_FROM: "产教通 <noreply@cjt.example.cn>",
      JOB_TICK_MS: "200",
      JOB_PERIODS: `notification-emails=${PERIOD_SECONDS}`,
    });
    database = openPostgres(url.toString(), 2);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await database?.close();
    await sink.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("within two job periods, each time, long after the first tick", async () => {
    const db = database!.db;
    const member = await makeOrgActor(db);
    // Past several periods and the old scheduler's 2-second first run.
    await new Promise((r) => setTimeout(r, 3 * PERIOD_SECONDS * 1000));
    for (let round = 0; round < 2; round++) {
      await notify(db, { organizationId: member.organization.id }, { kind: "test.late", title: "notifications.listing.approve", params: { title: `第${round}轮` } });
      const { id } = await db.selectFrom("notifications").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
      const made = Date.now();
      const mailed = () => sink.received.find((m) => m.raw.includes(`<notification-${id}@cjt.example.cn>`));
      while (!mailed() && Date.now() - made < 2 * PERIOD_SECONDS * 1000 + 1000) await new Promise((r) => setTimeout(r, 50));
      expect(mailed()?.to).toEqual([member.user.email]);
      expect(Date.now() - made).toBeLessThanOrEqual(2 * PERIOD_SECONDS * 1000);
      const status = async () => (await db.selectFrom("notifications").select("email_status").where("id", "=", id).executeTakeFirstOrThrow()).email_status;
      for (let i = 0; i < 20 && (await status()) !== "sent"; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await status()).toBe("sent");
    }
  }, 60_000);
});
