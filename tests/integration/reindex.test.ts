import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.server.ts";
import { catalogIndex } from "../../search/indexes/catalog.ts";
import { indexUid } from "../../search/indexes/index.ts";
import { drainOutboxOnce, enqueueIndexJob, REINDEX_LEASE, startOutboxRelay, unparkJobs } from "../../search/outbox.ts";
import { reindexAll, ReindexBusyError } from "../../search/reindex.ts";
import { differingSettings } from "../../search/settings.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { differences, indexState, outboxCount, publicState, RandomWriter, waitUntil } from "../support/index-state.ts";
import { openTestSearch } from "../support/search.ts";

const log = createLogger("silent");

describe.each(backends)("rebuilding the search index on %s", (backend) => {
  let database: TestDatabase;
  const search = openTestSearch();
  const live = indexUid(search, catalogIndex);

  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.dispose();
    await search.dispose();
  });

  const drainAll = async () => {
    for (let i = 0; i < 100 && (await outboxCount(database.db)) > 0; i++) await drainOutboxOnce(database.db, search);
  };
  const ourIndexes = async () =>
    (await search.client.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid).filter((uid) => uid.startsWith(search.prefix));

  it("builds a fresh index with the same settings from the database, swaps it in and drops the old one", async () => {
    const writer = new RandomWriter(database.db, 1, "rb1");
    await writer.setup(4, 8);
    for (let i = 0; i < 30; i++) await writer.step();

    const progress: number[] = [];
    const result = await reindexAll(database.db, search, { batchSize: 7, onProgress: (p) => progress.push(p.indexed) });

    const expected = await publicState(database.db);
    expect(result.documents).toBe(expected.size);
    expect(differences(expected, await indexState(search.client, live))).toEqual([]);
    expect(await ourIndexes()).toEqual([live]);
    expect(differingSettings(catalogIndex.settings, await search.client.index(live).getSettings())).toEqual({});
    expect(progress.at(-1)).toBe(expected.size);
    // Nothing dropped from the outbox: the relay still owes those jobs (harmless re-writes).
    expect(await outboxCount(database.db)).toBeGreaterThan(0);
    await drainAll();
  }, 180_000);

  it("loses no change made while a rebuild runs, while search keeps answering from the old index", async () => {
    const db = database.db;
    const writer = new RandomWriter(db, 2, "rb2");
    await writer.setup(5, 10);
    await drainAll();
    const before = (await search.client.index(live).getStats()).numberOfDocuments;

    const stopRelay = startOutboxRelay(db, search, { log, intervalMs: 20 });
    let rebuilding = true;
    let writes = 0;
    let searchedDuring = 0;
    const writing = (async () => {
      while (rebuilding) {
        // Paced: PGlite has one connection, and Kysely's lock on it is not fair to a tight loop.
        await new Promise((r) => setTimeout(r, 5));
        await writer.step();
        writes++;
        const hits = await search.client.index(live).search("", { limit: 1 });
        if (hits.estimatedTotalHits && hits.estimatedTotalHits > 0) searchedDuring++;
      }
    })();
    let result: Awaited<ReturnType<typeof reindexAll>> | undefined;
    try {
      result = await reindexAll(db, search, {
        batchSize: 5,
        maxTasksInFlight: 1,
        // The hardest case: every write of this test is made after its row was streamed, and the relay has
        // written all of them into the old index before the swap throws that index away.
        async beforeSwap() {
          rebuilding = false;
          await writing;
          await waitUntil("the relay to drain into the old index", async () => (await outboxCount(db)) === 0, 180_000);
        },
      });
    } finally {
      rebuilding = false;
      await writing;
    }
    try {
      await waitUntil("an empty outbox", async () => (await outboxCount(db, { includeParked: true })) === 0, 180_000);
    } finally {
      await stopRelay();
    }
    expect(before).toBeGreaterThan(0);
    expect(writes).toBeGreaterThan(10);
    expect(searchedDuring).toBe(writes);
    expect(differences(await publicState(db), await indexState(search.client, live))).toEqual([]);
    // Those writes reached only the old index during the rebuild and were replayed into the new one.
    expect(result?.replayed).toBeGreaterThan(0);
    expect(await ourIndexes()).toEqual([live]);
  }, 300_000);

  it("refuses a second rebuild while another holds the lease", async () => {
    await database.db
      .insertInto("leases")
      .values({ name: REINDEX_LEASE, holder: "someone-else", expires_at: sql<Date>`now() + interval '1 minute'` })
      .execute();
    try {
      await expect(reindexAll(database.db, search)).rejects.toBeInstanceOf(ReindexBusyError);
      expect(await ourIndexes()).toEqual([live]);
    } finally {
      await database.db.deleteFrom("leases").where("name", "=", REINDEX_LEASE).execute();
    }
  });

  it("parks finished jobs during a rebuild and replays them once a dead rebuild's lease runs out", async () => {
    const db = database.db;
    await drainAll();
    await db
      .insertInto("leases")
      .values({ name: REINDEX_LEASE, holder: "crashed", expires_at: sql<Date>`now() + interval '10 minutes'` })
      .execute();
    const org = await db
      .insertInto("organizations")
      .values({ kind: "enterprise", name: "停放测试企业", status: "verified" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueIndexJob(db, "organization", org.id);
    expect(await drainOutboxOnce(db, search)).toMatchObject({ claimed: 1, upserted: 1 });
    expect(await outboxCount(db)).toBe(0);
    expect(await outboxCount(db, { includeParked: true })).toBe(1);
    expect(await unparkJobs(db)).toBe(0);
    // The rebuild died: nobody renews its lease, which runs out.
    await db.updateTable("leases").set({ expires_at: sql<Date>`now() - interval '1 second'` }).where("name", "=", REINDEX_LEASE).execute();
    expect(await unparkJobs(db)).toBe(1);
    expect(await drainOutboxOnce(db, search)).toMatchObject({ claimed: 1, upserted: 1 });
    expect(await outboxCount(db, { includeParked: true })).toBe(0);
    await db.deleteFrom("leases").where("name", "=", REINDEX_LEASE).execute();
  }, 180_000);

  it("re-indexes an organisation's listings when only the organisation's job is enqueued", async () => {
    const db = database.db;
    const org = await db
      .insertInto("organizations")
      .values({ kind: "enterprise", name: "级联测试企业", status: "verified" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const listing = await db
      .insertInto("listings")
      .values({
        organization_id: org.id,
        kind: "internship",
        status: "published",
        title: "级联测试岗位",
        valid_until: "2999-12-31",
        details: "{}",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueIndexJob(db, "organization", org.id);
    await enqueueIndexJob(db, "listing", listing.id);
    await drainAll();
    const doc = async () =>
      search.client
        .index(live)
        .getDocument(listing.id)
        .then((d) => d.organizationName as string)
        .catch(() => null);
    expect(await doc()).toBe("级联测试企业");

    await db.updateTable("organizations").set({ name: "级联改名企业", updated_at: sql`now()` }).where("id", "=", org.id).execute();
    await enqueueIndexJob(db, "organization", org.id);
    await drainAll();
    expect(await doc()).toBe("级联改名企业");

    await db.updateTable("organizations").set({ status: "suspended", updated_at: sql`now()` }).where("id", "=", org.id).execute();
    await enqueueIndexJob(db, "organization", org.id);
    await drainAll();
    expect(await doc()).toBeNull();
  }, 180_000);
});
