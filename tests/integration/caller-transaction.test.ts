import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../db/client.ts";
import { createListing, reviewListing } from "../../app/models/listing.server.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { internshipInput } from "../support/listings.ts";

// Model functions run in the caller's transaction when given one, so two of them commit or roll back together.
describe.each(backends)("model functions in the caller's transaction on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(() => database?.dispose());

  const countOf = async (title: string) => {
    const listings = await database.db.selectFrom("listings").select((eb) => eb.fn.countAll<number>().as("n")).where("title", "=", title).executeTakeFirstOrThrow();
    const audits = await database.db
      .selectFrom("audit_log")
      .innerJoin("listings", (join) => join.on(sql<boolean>`listings.id::text = audit_log.target_id`))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("listings.title", "=", title)
      .executeTakeFirstOrThrow();
    return { listings: Number(listings.n), audits: Number(audits.n) };
  };

  it("commits two calls together", async () => {
    const db = database.db;
    const owner = await makeOrgActor(db);
    const reviewer = await makeStaffActor(db);
    const title = "事务内创建并审核的岗位";
    const published = await db.transaction().execute(async (trx) => {
      const created = await createListing(trx, owner, "internship", internshipInput({ title }), { submit: true });
      if (!created.ok) throw new Error(created.code);
      return reviewListing(trx, reviewer, created.listing.id, { approve: true });
    });
    expect(published.ok && published.listing.status).toBe("published");
    const committed = await countOf(title);
    expect(committed.listings).toBe(1);
    expect(committed.audits).toBeGreaterThan(0);
  });

  it("rolls back the first call's rows, its audit and its outbox entry when the second fails", async () => {
    const db = database.db;
    const owner = await makeOrgActor(db);
    const title = "事务回滚后不应存在的岗位";
    const outboxBefore = await db.selectFrom("search_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        const created = await createListing(trx, owner, "internship", internshipInput({ title }), { submit: true });
        expect(created.ok).toBe(true);
        // Inside, the caller sees the listing its own transaction wrote.
        expect((await trx.selectFrom("listings").select("id").where("title", "=", title).execute()).length).toBe(1);
        throw new Error("the second step failed");
      }),
    ).rejects.toThrow("the second step failed");
    expect(await countOf(title)).toEqual({ listings: 0, audits: 0 });
    const outboxAfter = await db.selectFrom("search_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(outboxAfter.n)).toBe(Number(outboxBefore.n));
  });

  it("opens its own transaction when given the database", async () => {
    const seen: boolean[] = [];
    await inTransaction(database.db, async (trx) => {
      seen.push(trx.isTransaction);
      await inTransaction(trx, async (inner) => {
        seen.push(inner === trx);
      });
    });
    expect(seen).toEqual([true, true]);
  });
});
