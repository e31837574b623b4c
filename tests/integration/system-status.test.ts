import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemStatus } from "../../app/models/system-status.server.ts";
import { drainOutboxOnce, enqueueIndexJob } from "../../search/outbox.ts";
import { ensureAllIndexes } from "../../search/indexes/index.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { openTestSearch } from "../support/search.ts";

describe.each(backends)("systemStatus on %s", (backend) => {
  let database: TestDatabase;
  const search = openTestSearch();
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await ensureAllIndexes(search);
  });
  afterAll(async () => {
    await database?.dispose();
    await search.dispose();
  });

  it("reads each job's last run and next due, the outbox backlog and the index against the database", async () => {
    const db = database.db;
    const now = new Date();
    await db
      .insertInto("leases")
      .values({ name: "schedule:expire-listings", holder: "t", last_run_at: now, expires_at: new Date(now.getTime() + 600_000) })
      .execute();
    const org = await db
      .insertInto("organizations")
      .values({ kind: "enterprise", name: "状态页测试企业", status: "verified" } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueIndexJob(db, "organization", org.id);

    const before = await systemStatus(db, search, new Date(Date.now() + 1000));
    // Every scheduled job is listed; the one that ran (claimed, not finished) is due again when its lease runs out.
    expect(before.jobs.map((j) => j.name)).toEqual(["expire-listings", "event-reminders", "certification-issue", "certificate-expiry", "notification-emails"]);
    expect(before.jobs[0]).toMatchObject({ name: "expire-listings", lastRunAt: now, lastFinishedAt: null, lastError: null, nextDueAt: new Date(now.getTime() + 600_000) });
    expect(before.jobs[1]).toMatchObject({ name: "event-reminders", lastRunAt: null });
    expect(before.outbox.due).toBe(1);
    expect(before.outbox.oldestPendingAt).not.toBeNull();
    expect(before.index.find((i) => i.entity === "organization")).toEqual({ entity: "organization", database: 1, indexed: 0 });

    await drainOutboxOnce(db, search);
    const after = await systemStatus(db, search, new Date());
    expect(after.outbox).toMatchObject({ due: 0, parked: 0, oldestPendingAt: null });
    expect(after.index.find((i) => i.entity === "organization")).toEqual({ entity: "organization", database: 1, indexed: 1 });
    expect(after.mail).toEqual({ sent: 0, failed: 0, pending: 0, skipped: 0 });
  });
});
