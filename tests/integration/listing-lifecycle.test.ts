import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeListing, createListing, expireListings, reviewListing, submitListing, updateListing } from "../../app/models/listing.server.ts";
import { changesSinceLastSubmission, getPublicListing, internshipIndicator } from "../../app/models/listing-views.server.ts";
import { reviewOrganization } from "../../app/models/organization-review.server.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { internshipInput as internship } from "../support/listings.ts";

describe.each(backends)("listing lifecycle on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(() => database?.dispose());

  it("goes draft → submitted → rejected → corrected → published → closed, audited and indexed", async () => {
    const db = database.db;
    const owner = await makeOrgActor(db);
    const reviewer = await makeStaffActor(db);
    const created = await createListing(db, owner, "internship", internship(), { submit: false });
    if (!created.ok) throw new Error(created.code);
    expect(created.listing.status).toBe("draft");
    expect(await getPublicListing(db, created.listing.id)).toBeNull();

    expect((await submitListing(db, owner, created.listing.id)).ok).toBe(true);
    const rejected = await reviewListing(db, reviewer, created.listing.id, { approve: false, reason: "请补充实习报酬说明" });
    expect(rejected.ok && rejected.listing.status).toBe("rejected");
    expect(rejected.ok && rejected.listing.review_note).toBe("请补充实习报酬说明");

    const corrected = await updateListing(db, owner, created.listing.id, internship({ monthlyPay: "3500" }), { submit: true });
    expect(corrected.ok && corrected.listing.status).toBe("submitted");
    const diff = await changesSinceLastSubmission(db, created.listing.id);
    expect(diff.first).toBe(false);
    expect(diff.changes).toEqual([{ field: "details.monthlyPay", before: 3000, after: 3500 }]);

    const published = await reviewListing(db, reviewer, created.listing.id, { approve: true });
    expect(published.ok && published.listing.status).toBe("published");
    expect((await getPublicListing(db, created.listing.id))?.organization.name).toBe(owner.organization.name);

    const closed = await closeListing(db, owner, created.listing.id, "filled");
    expect(closed.ok && closed.listing.status).toBe("closed");
    expect(await getPublicListing(db, created.listing.id)).toBeNull();

    const audits = await db.selectFrom("audit_log").select("action").where("target_id", "=", created.listing.id).orderBy("id").execute();
    expect(audits.map((a) => a.action)).toEqual(["listing.reject", "listing.approve"]);
    const inbox = await db
      .selectFrom("notifications")
      .select(["kind", "body", "link"])
      .where("organization_id", "=", owner.organization.id)
      .orderBy("id")
      .execute();
    expect(inbox).toEqual([
      { kind: "listing.reject", body: "说明：请补充实习报酬说明", link: `/listings/${created.listing.id}/edit` },
      { kind: "listing.approve", body: "", link: `/l/${created.listing.id}` },
    ]);
    const jobs = await db.selectFrom("search_outbox").select("entity_id").where("entity", "=", "listing").execute();
    expect(jobs.filter((j) => j.entity_id === created.listing.id).length).toBeGreaterThanOrEqual(3);
  });

  it("keeps a listing published when only its valid-until date changes, and sends other edits back to review", async () => {
    const db = database.db;
    const owner = await makeOrgActor(db);
    const reviewer = await makeStaffActor(db);
    const created = await createListing(db, owner, "internship", internship(), { submit: true });
    if (!created.ok) throw new Error(created.code);
    await reviewListing(db, reviewer, created.listing.id, { approve: true });

    const extended = await updateListing(db, owner, created.listing.id, internship({ validUntil: addDays(todayInChina(), 90) }), { submit: false });
    expect(extended.ok && extended.listing.status).toBe("published");
    const edited = await updateListing(db, owner, created.listing.id, internship({ title: "数控铣床操作实习生" }), { submit: false });
    expect(edited.ok && edited.listing.status).toBe("submitted");
    expect(await getPublicListing(db, created.listing.id)).toBeNull();
  });

  it("lets only the right kinds of organisation publish each kind, and a pending one only draft", async () => {
    const db = database.db;
    const school = await makeOrgActor(db, { kind: "vocational_school" });
    expect(await createListing(db, school, "internship", internship(), { submit: false })).toEqual({ ok: false, code: "kindNotAllowed" });
    const pending = await makeOrgActor(db, { status: "pending" });
    const draft = await createListing(db, pending, "internship", internship(), { submit: false });
    expect(draft.ok).toBe(true);
    expect(await createListing(db, pending, "internship", internship(), { submit: true })).toEqual({ ok: false, code: "organizationNotVerified" });
    if (draft.ok) expect(await submitListing(db, pending, draft.listing.id)).toEqual({ ok: false, code: "organizationNotVerified" });
  });

  it("never lets one organisation read or change another's listing", async () => {
    const db = database.db;
    const a = await makeOrgActor(db);
    const b = await makeOrgActor(db);
    const created = await createListing(db, a, "internship", internship(), { submit: false });
    if (!created.ok) throw new Error(created.code);
    expect(await updateListing(db, b, created.listing.id, internship({ title: "篡改的标题" }), { submit: false })).toEqual({ ok: false, code: "notFound" });
    expect(await closeListing(db, b, created.listing.id, "withdrawn")).toEqual({ ok: false, code: "notFound" });
    expect(await submitListing(db, b, created.listing.id)).toEqual({ ok: false, code: "notFound" });
    expect(await reviewListing(db, a, created.listing.id, { approve: true })).toEqual({ ok: false, code: "notFound" });
  });

  it("expires published listings whose valid-until date has passed", async () => {
    const db = database.db;
    const owner = await makeOrgActor(db);
    const reviewer = await makeStaffActor(db);
    const created = await createListing(db, owner, "internship", internship(), { submit: true });
    if (!created.ok) throw new Error(created.code);
    await reviewListing(db, reviewer, created.listing.id, { approve: true });
    await db.updateTable("listings").set({ valid_until: addDays(todayInChina(), -1) }).where("id", "=", created.listing.id).execute();
    expect(await expireListings(db)).toBeGreaterThanOrEqual(1);
    const row = await db.selectFrom("listings").select("status").where("id", "=", created.listing.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("expired");
    // Extending an expired listing's date publishes it again.
    const renewed = await updateListing(db, owner, created.listing.id, internship({ validUntil: addDays(todayInChina(), 30) }), { submit: false });
    expect(renewed.ok && renewed.listing.status).toBe("published");
  });

  it("takes a suspended organisation's listings off the public site and out of the index", async () => {
    const db = database.db;
    const owner = await makeOrgActor(db);
    const reviewer = await makeStaffActor(db);
    const created = await createListing(db, owner, "internship", internship(), { submit: true });
    if (!created.ok) throw new Error(created.code);
    await reviewListing(db, reviewer, created.listing.id, { approve: true });
    await db.deleteFrom("search_outbox").execute();
    const suspended = await reviewOrganization(db, reviewer, owner.organization.id, "suspend", "资质材料过期，请更新后申请恢复");
    expect(suspended.ok).toBe(true);
    expect(await getPublicListing(db, created.listing.id)).toBeNull();
    const jobs = await db.selectFrom("search_outbox").select(["entity", "entity_id"]).execute();
    expect(jobs).toEqual(
      expect.arrayContaining([
        { entity: "organization", entity_id: owner.organization.id },
        { entity: "listing", entity_id: created.listing.id },
      ]),
    );
  });

  it("measures published internship positions against 2% of staff (task 16)", async () => {
    const db = database.db;
    const owner = await makeOrgActor(db, { staff: 420 });
    const reviewer = await makeStaffActor(db);
    for (const positions of ["3", "4"]) {
      const created = await createListing(db, owner, "internship", internship({ positions }), { submit: true });
      if (created.ok) await reviewListing(db, reviewer, created.listing.id, { approve: true });
    }
    await createListing(db, owner, "internship", internship({ positions: "50" }), { submit: false });
    expect(await internshipIndicator(db, owner.organization)).toEqual({ staff: 420, target: 9, positionsPublished: 7 });
    await sql`select 1`.execute(db);
  });
});
