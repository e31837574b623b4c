import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createListing, reviewListing, updateListing } from "../../app/models/listing.server.ts";
import {
  advanceOrder,
  cancelOrder,
  getOrderForViewer,
  listOrders,
  orderCounts,
  placeOrder,
  quoteOrder,
  providerRevenue,
  rateOrder,
  type PackageSnapshot,
} from "../../app/models/matchmaking/orders.server.ts";
import type { Actor, OrgActor } from "../../app/models/policy.server.ts";
import { listingSchemaFor, splitListingInput, type ListingInput } from "../../app/schemas/listing.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import type { DB } from "../../db/client.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

function trainingPackage(overrides: Record<string, string> = {}): ListingInput {
  const parsed = listingSchemaFor("training_package").parse({
    title: "数控车床操作技能提升培训包",
    description: "面向企业一线职工的数控车床编程与操作培训，理论与实操结合。",
    industry: "equipment_manufacturing",
    majors: "数控技术",
    skills: "数控编程",
    location: "ganting",
    validUntil: addDays(todayInChina(), 90),
    contactName: "丁老师",
    contactPhone: "029-84816690",
    courses: "数控编程基础 16\n数控车床实操 24",
    priceYuan: "1200",
    mode: "offline",
    audience: "企业一线职工",
    seats: "30",
    schedule: "每周六全天，共 5 周",
    ...overrides,
  });
  return splitListingInput("training_package", parsed);
}

async function publishedPackage(db: DB, provider: OrgActor, reviewer: Actor, overrides: Record<string, string> = {}) {
  const created = await createListing(db, provider, "training_package", trainingPackage(overrides), { submit: true });
  if (!created.ok) throw new Error(created.code);
  const published = await reviewListing(db, reviewer, created.listing.id, { approve: true });
  if (!published.ok) throw new Error(published.code);
  return published.listing;
}

async function inbox(db: DB, organizationId: string) {
  // Only the order's own notifications (publishing the package also lands one in the provider's inbox).
  return db
    .selectFrom("notifications")
    .select(["kind", "title", "body", "link"])
    .where("organization_id", "=", organizationId)
    .where("kind", "like", "order.%")
    .orderBy("id")
    .execute();
}

describe.each(backends)("training-package orders on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let provider: OrgActor;
  let reviewer: Actor;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    provider = await makeOrgActor(db, { kind: "training_provider", name: `培训学校${backend}` });
    reviewer = await makeStaffActor(db);
  });
  afterAll(() => database?.dispose());

  it("quotes the total without placing anything, and refuses a confirmation whose total is no longer the price", async () => {
    const ownProvider = await makeOrgActor(db, { kind: "training_provider" });
    const listing = await publishedPackage(db, ownProvider, reviewer);
    const buyer = await makeOrgActor(db, { kind: "enterprise" });
    const countOrders = async () => (await db.selectFrom("package_orders").select("id").where("buyer_org_id", "=", buyer.organization.id).execute()).length;
    expect(await quoteOrder(db, buyer, listing.id, { seats: 3 })).toEqual({ ok: true, quote: { seats: 3, unitPriceYuan: 1200, totalYuan: 3600 } });
    expect(await quoteOrder(db, ownProvider, listing.id, { seats: 3 })).toMatchObject({ ok: false, code: "ownPackage" });
    expect(await countOrders()).toBe(0);
    expect(await placeOrder(db, buyer, listing.id, { seats: 3, quotedTotalYuan: 2400 })).toEqual({ ok: false, code: "priceChanged" });
    expect(await countOrders()).toBe(0);
    const placed = await placeOrder(db, buyer, listing.id, { seats: 3, quotedTotalYuan: 3600 });
    expect(placed.ok && placed.order.total_yuan).toBe(3600);
    expect(await countOrders()).toBe(1);
  });

  it("walks requested → confirmed → delivered → completed, logging and notifying the other side at every step; the buyer rates once", async () => {
    const listing = await publishedPackage(db, provider, reviewer);
    const buyer = await makeOrgActor(db, { kind: "enterprise" });
    const placed = await placeOrder(db, buyer, listing.id, { seats: 10, note: "周末开班" });
    if (!placed.ok) throw new Error(placed.code);
    expect(placed.order).toMatchObject({ status: "requested", seats: 10, unit_price_yuan: 1200, total_yuan: 12000, buyer_org_id: buyer.organization.id });
    expect(await inbox(db, provider.organization.id)).toEqual([
      expect.objectContaining({ kind: "order.requested", link: `/orders/${placed.order.id}` }),
    ]);

    for (const step of ["confirm", "deliver", "complete"] as const) {
      const moved = await advanceOrder(db, provider, placed.order.id, step);
      expect(moved.ok, step).toBe(true);
    }
    const buyerInbox = await inbox(db, buyer.organization.id);
    expect(buyerInbox.map((n) => n.kind)).toEqual(["order.confirmed", "order.delivered", "order.completed"]);
    expect(buyerInbox[0].title).toContain("数控车床操作技能提升培训包");

    expect(await rateOrder(db, provider, placed.order.id, { rating: 1 })).toEqual({ ok: false, code: "notAllowed" });
    const rated = await rateOrder(db, buyer, placed.order.id, { rating: 5, comment: "实操充分" });
    expect(rated.ok && rated.order.rating).toBe(5);
    expect(await rateOrder(db, buyer, placed.order.id, { rating: 2 })).toEqual({ ok: false, code: "alreadyRated" });
    const again = await getOrderForViewer(db, buyer, placed.order.id);
    expect(again?.order.rating).toBe(5);
    expect(again?.order.rating_comment).toBe("实操充分");
    expect(again?.timeline.map((e) => e.status)).toEqual(["requested", "confirmed", "delivered", "completed", "rated"]);
    expect(again?.timeline[1].actorOrgName).toBe(provider.organization.name);
    expect((await inbox(db, provider.organization.id)).map((n) => n.kind)).toEqual(["order.requested", "order.rated"]);
  });

  it("freezes price and content at ordering: editing the package changes neither", async () => {
    const listing = await publishedPackage(db, provider, reviewer);
    const buyer = await makeOrgActor(db, { kind: "vocational_school" });
    const placed = await placeOrder(db, buyer, listing.id, { seats: 3 });
    if (!placed.ok) throw new Error(placed.code);

    const edited = await updateListing(db, provider, listing.id, trainingPackage({ priceYuan: "2000", courses: "全新课程 8" }), { submit: false });
    expect(edited.ok).toBe(true);
    await reviewListing(db, reviewer, listing.id, { approve: true });

    const view = await getOrderForViewer(db, buyer, placed.order.id);
    expect(view?.order.unit_price_yuan).toBe(1200);
    expect(view?.order.total_yuan).toBe(3600);
    const snapshot = view?.snapshot as PackageSnapshot;
    expect(snapshot.priceYuan).toBe(1200);
    expect(snapshot.courses).toEqual([
      { name: "数控编程基础", hours: 16 },
      { name: "数控车床实操", hours: 24 },
    ]);
    expect(snapshot.totalHours).toBe(40);
    // A new order takes the new price.
    const later = await placeOrder(db, buyer, listing.id, { seats: 3 });
    expect(later.ok && later.order.unit_price_yuan).toBe(2000);
    expect(later.ok && later.order.total_yuan).toBe(6000);
  });

  it("refuses illegal transitions and orders", async () => {
    const listing = await publishedPackage(db, provider, reviewer);
    const buyer = await makeOrgActor(db, { kind: "district_department" });
    // Government purchasing of training services: a district department may order.
    const placed = await placeOrder(db, buyer, listing.id, { seats: 2 });
    if (!placed.ok) throw new Error(placed.code);
    const id = placed.order.id;

    expect(await advanceOrder(db, provider, id, "complete")).toEqual({ ok: false, code: "wrongStatus" });
    expect(await advanceOrder(db, provider, id, "deliver")).toEqual({ ok: false, code: "wrongStatus" });
    expect(await advanceOrder(db, buyer, id, "confirm")).toEqual({ ok: false, code: "notAllowed" });
    expect(await rateOrder(db, buyer, id, { rating: 4 })).toEqual({ ok: false, code: "wrongStatus" });
    expect((await advanceOrder(db, provider, id, "confirm")).ok).toBe(true);
    expect(await advanceOrder(db, provider, id, "confirm")).toEqual({ ok: false, code: "wrongStatus" });
    expect((await advanceOrder(db, provider, id, "deliver")).ok).toBe(true);
    expect(await cancelOrder(db, buyer, id, "不想要了")).toEqual({ ok: false, code: "wrongStatus" });

    // The provider may not order its own package; a pending organisation may not order; too many seats are refused.
    const colleague = await makeOrgActor(db, { kind: "training_provider" });
    const own = { ...colleague, organization: provider.organization, user: { ...colleague.user, organization_id: provider.organization.id } };
    expect(await placeOrder(db, own, listing.id, { seats: 1 })).toEqual({ ok: false, code: "ownPackage" });
    const pending = await makeOrgActor(db, { status: "pending" });
    expect(await placeOrder(db, pending, listing.id, { seats: 1 })).toEqual({ ok: false, code: "notVerified" });
    expect(await placeOrder(db, buyer, listing.id, { seats: 31 })).toEqual({ ok: false, code: "tooManySeats", vars: { limit: 30 } });
    expect(await placeOrder(db, buyer, "00000000-0000-0000-0000-000000000000", { seats: 1 })).toEqual({ ok: false, code: "notFound" });
    expect(await placeOrder(db, buyer, "not-a-uuid", { seats: 1 })).toEqual({ ok: false, code: "notFound" });

    // Only published training packages can be ordered.
    const internshipOnly = await db.selectFrom("listings").select("id").where("kind", "!=", "training_package").executeTakeFirst();
    if (internshipOnly) expect((await placeOrder(db, buyer, internshipOnly.id, { seats: 1 })).ok).toBe(false);
  });

  it("lets either side cancel with a reason before delivery, and tells the other side why", async () => {
    const listing = await publishedPackage(db, provider, reviewer);
    const buyer = await makeOrgActor(db);
    const a = await placeOrder(db, buyer, listing.id, { seats: 1 });
    const b = await placeOrder(db, buyer, listing.id, { seats: 1 });
    if (!a.ok || !b.ok) throw new Error("order failed");
    const byBuyer = await cancelOrder(db, buyer, a.order.id, "生产任务调整");
    expect(byBuyer.ok && byBuyer.order).toMatchObject({ status: "cancelled", cancel_reason: "生产任务调整" });
    await advanceOrder(db, provider, b.order.id, "confirm");
    expect((await cancelOrder(db, provider, b.order.id, "讲师临时有事")).ok).toBe(true);
    const notes = await inbox(db, buyer.organization.id);
    expect(notes.map((n) => n.kind)).toEqual(["order.confirmed", "order.cancelled"]);
    expect(notes[1].body).toContain("讲师临时有事");
    expect((await inbox(db, provider.organization.id)).some((n) => n.kind === "order.cancelled" && n.body.includes("生产任务调整"))).toBe(true);
    expect(await advanceOrder(db, provider, a.order.id, "confirm")).toEqual({ ok: false, code: "wrongStatus" });
  });

  it("shows an order only to its two organisations and, read-only, to platform staff", async () => {
    const listing = await publishedPackage(db, provider, reviewer);
    const buyer = await makeOrgActor(db);
    const third = await makeOrgActor(db);
    const placed = await placeOrder(db, buyer, listing.id, { seats: 2 });
    if (!placed.ok) throw new Error(placed.code);
    const id = placed.order.id;
    expect(await getOrderForViewer(db, third, id)).toBeNull();
    expect(await advanceOrder(db, third, id, "confirm")).toEqual({ ok: false, code: "notFound" });
    expect(await cancelOrder(db, third, id, "第三方取消")).toEqual({ ok: false, code: "notFound" });
    expect(await rateOrder(db, third, id, { rating: 1 })).toEqual({ ok: false, code: "notFound" });
    expect((await listOrders(db, third.organization.id, "buyer")).some((o) => o.id === id)).toBe(false);
    expect((await getOrderForViewer(db, buyer, id))?.side).toBe("buyer");
    expect((await getOrderForViewer(db, provider, id))?.side).toBe("provider");
    const staff = await makeStaffActor(db, "reviewer");
    expect((await getOrderForViewer(db, staff, id))?.side).toBe("staff");
    expect(await advanceOrder(db, staff, id, "confirm")).toEqual({ ok: false, code: "notAllowed" });
    expect(await cancelOrder(db, staff, id, "平台取消")).toEqual({ ok: false, code: "notAllowed" });
    const order = await db.selectFrom("package_orders").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(order.status).toBe("requested");
  });

  it("sums the provider's revenue over confirmed, delivered and completed orders, and counts completed seats", async () => {
    const own = await makeOrgActor(db, { kind: "training_provider" });
    const listing = await publishedPackage(db, own, reviewer, { priceYuan: "500" });
    const buyer = await makeOrgActor(db);
    const ids: string[] = [];
    for (const seats of [1, 2, 3, 4, 5]) {
      const placed = await placeOrder(db, buyer, listing.id, { seats });
      if (!placed.ok) throw new Error(placed.code);
      ids.push(placed.order.id);
    }
    // 1 seat: requested; 2: confirmed; 3: delivered; 4: completed; 5: cancelled.
    await advanceOrder(db, own, ids[1], "confirm");
    for (const step of ["confirm", "deliver"] as const) await advanceOrder(db, own, ids[2], step);
    for (const step of ["confirm", "deliver", "complete"] as const) await advanceOrder(db, own, ids[3], step);
    await cancelOrder(db, own, ids[4], "名额已满");
    await rateOrder(db, buyer, ids[3], { rating: 4 });
    expect(await providerRevenue(db, own.organization.id)).toEqual({
      confirmedYuan: 1000,
      deliveredYuan: 1500,
      completedYuan: 2000,
      totalYuan: 4500,
      completedSeats: 4,
      averageRating: 4,
    });
    expect(await orderCounts(db, own.organization.id)).toEqual({ asBuyer: 0, asProvider: 3 });
    expect(await orderCounts(db, buyer.organization.id)).toEqual({ asBuyer: 3, asProvider: 0 });
    const completed = await listOrders(db, own.organization.id, "provider", { status: "completed" });
    expect(completed.map((o) => o.id)).toEqual([ids[3]]);
    expect(completed[0].other_name).toBe(buyer.organization.name);
  });
});
