import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAllIndexes, indexUid } from "../../search/indexes/index.ts";
import { catalogIndex } from "../../search/indexes/catalog.ts";
import { drainOutboxOnce, enqueueIndexJob } from "../../search/outbox.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { openTestSearch } from "../support/search.ts";

describe.each(backends)("search outbox on %s", (backend) => {
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

  const documentIds = async () => {
    const res = await search.client.index(indexUid(search, catalogIndex)).getDocuments({ limit: 1000, fields: ["id"] });
    return res.results.map((d) => d.id as string).sort();
  };

  it("indexes a verified organisation and removes it when it is no longer public", async () => {
    const db = database.db;
    const org = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("organizations")
        .values({ kind: "enterprise", name: "索引测试企业", status: "verified", contact_phone: "13800000000" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await enqueueIndexJob(trx, "organization", row.id);
      return row;
    });
    const first = await drainOutboxOnce(db, search);
    expect(first).toMatchObject({ claimed: 1, upserted: 1, failed: 0 });
    expect(await documentIds()).toEqual([org.id]);
    const doc = await search.client.index(indexUid(search, catalogIndex)).getDocument(org.id);
    expect(JSON.stringify(doc)).not.toContain("13800000000");

    await db.transaction().execute(async (trx) => {
      await trx.updateTable("organizations").set({ status: "suspended" }).where("id", "=", org.id).execute();
      await enqueueIndexJob(trx, "organization", org.id);
    });
    expect(await drainOutboxOnce(db, search)).toMatchObject({ claimed: 1, deleted: 1 });
    expect(await documentIds()).toEqual([]);
    expect(await db.selectFrom("search_outbox").selectAll().execute()).toEqual([]);
  });

  it("keeps a job and backs off when Meilisearch refuses the write", async () => {
    const db = database.db;
    const broken = { ...search, prefix: "invalid uid with spaces " };
    const row = await db
      .insertInto("organizations")
      .values({ kind: "enterprise", name: "失败重试企业", status: "verified" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueIndexJob(db, "organization", row.id);
    const result = await drainOutboxOnce(db, broken);
    expect(result).toMatchObject({ claimed: 1, failed: 1 });
    const job = await db.selectFrom("search_outbox").selectAll().executeTakeFirstOrThrow();
    expect(job.attempts).toBe(1);
    expect(job.last_error).toBeTruthy();
    expect(new Date(job.available_at).getTime()).toBeGreaterThan(Date.now());
    // Not due yet: another drain claims nothing.
    expect((await drainOutboxOnce(db, search)).claimed).toBe(0);
  });
});
