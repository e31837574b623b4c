import { sql } from "kysely";
import { logMatchmakingEvent, timelineOf, type AuditedStep, type MatchmakingStep, type TimelineEntry } from "./log.server.ts";
import type { DB } from "../../db.server.ts";
import type { OrderStatus, PackageOrder } from "../../../db/schema-matchmaking.ts";
import type { MessageKey } from "../../i18n/zh-CN.ts";
import type { Course } from "../../schemas/listing.ts";
import type { OrderInput, RateOrderInput } from "../../schemas/order.ts";
import { notify } from "../notification.server.ts";
import { canSeeOrder, type Actor, type OrgActor } from "../policy.server.ts";
import { isUuid } from "../../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";

/**
 * Training-package orders (plan task 30). A member of a verified organisation orders seats in another
 * organisation's published training package; price and content are frozen into the order.
 *
 * Lifecycle: requested → confirmed → delivered → completed, every forward step taken by the PROVIDER
 * (it confirms the order, reports the training delivered, and marks it completed once delivery is settled);
 * either side may cancel with a reason while the order is requested or confirmed. Only the buyer rates a
 * completed order, once. Every step is written to matchmaking_events_log and notifies the other side,
 * in the same transaction.
 */


export type OrderError =
  | "notFound"
  | "notVerified"
  | "ownPackage"
  | "tooManySeats"
  | "priceChanged"
  | "wrongStatus"
  | "notAllowed"
  | "alreadyRated";

export type OrderResult = Result<{ order: PackageOrder }, OrderError>;

export const orderRefusals = {
  notFound: { kind: "notFound", message: "error.notFound" },
  notVerified: { kind: "conflict", message: "orders.error.notVerified" },
  ownPackage: { kind: "forbidden", message: "orders.error.ownPackage" },
  tooManySeats: { kind: "invalid", message: "orders.error.tooManySeats", field: "seats" },
  priceChanged: { kind: "conflict", message: "orders.error.priceChanged" },
  wrongStatus: { kind: "conflict", message: "orders.error.wrongStatus" },
  notAllowed: { kind: "forbidden", message: "orders.error.notAllowed", page: true },
  alreadyRated: { kind: "conflict", message: "orders.error.alreadyRated" },
} satisfies RefusalTable<OrderError>;

/** What the buyer ordered, as it was at ordering. */
export interface PackageSnapshot {
  listingId: string;
  title: string;
  providerName: string;
  courses: Course[];
  totalHours: number;
  priceYuan: number;
  mode: string | null;
  schedule: string | null;
  audience: string | null;
  certificate: string | null;
  /** The package's class size when ordered. */
  classSeats: number | null;
}

export type OrderStep = "confirm" | "deliver" | "complete";
const steps: Record<OrderStep, { from: OrderStatus; to: OrderStatus }> = {
  confirm: { from: "requested", to: "confirmed" },
  deliver: { from: "confirmed", to: "delivered" },
  complete: { from: "delivered", to: "completed" },
};
export const cancellableStatuses: readonly OrderStatus[] = ["requested", "confirmed"];

const notifyKeys: Record<OrderStatus, MessageKey> = {
  requested: "orders.notify.requested",
  confirmed: "orders.notify.confirmed",
  delivered: "orders.notify.delivered",
  completed: "orders.notify.completed",
  cancelled: "orders.notify.cancelled",
};

export type OrderSide = "buyer" | "provider";

/** The viewer's side of an order, or "staff" for read-only platform staff; null when they may not see it. */
export function sideOf(actor: Actor | null, order: Pick<PackageOrder, "buyer_org_id" | "provider_org_id">): OrderSide | "staff" | null {
  if (!canSeeOrder(actor, order)) return null;
  const orgId = actor?.user.organization_id;
  if (orgId && orgId === order.buyer_org_id) return "buyer";
  if (orgId && orgId === order.provider_org_id) return "provider";
  return "staff";
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

function log(db: DB, orderId: string, status: MatchmakingStep<"order">, actor: Actor, note: string | null, step: AuditedStep) {
  return logMatchmakingEvent(db, "order", orderId, status, actor, note, step);
}

async function orgName(db: DB, id: string): Promise<string> {
  return (await db.selectFrom("organizations").select("name").where("id", "=", id).executeTakeFirst())?.name ?? "";
}

/** A published training package another verified organisation may order, or null. */
export async function getOrderablePackage(db: DB, listingId: string) {
  if (!isUuid(listingId)) return null;
  const row = await db
    .selectFrom("listings")
    .innerJoin("organizations", "organizations.id", "listings.organization_id")
    .select([
      "listings.id",
      "listings.title",
      "listings.details",
      "listings.organization_id",
      "organizations.name as provider_name",
    ])
    .where("listings.id", "=", listingId)
    .where("listings.kind", "=", "training_package")
    .where("listings.status", "=", "published")
    .where("organizations.status", "=", "verified")
    .executeTakeFirst();
  if (!row) return null;
  const d = row.details as Record<string, unknown>;
  const courses = Array.isArray(d.courses) ? (d.courses as Course[]) : [];
  const snapshot: PackageSnapshot = {
    listingId: row.id,
    title: row.title,
    providerName: row.provider_name,
    courses: courses.map((c) => ({ name: String(c.name), hours: Number(c.hours) })),
    totalHours: num(d.totalHours) ?? courses.reduce((s, c) => s + Number(c.hours || 0), 0),
    priceYuan: num(d.priceYuan) ?? 0,
    mode: str(d.mode),
    schedule: str(d.schedule),
    audience: str(d.audience),
    certificate: str(d.certificate),
    classSeats: num(d.seats),
  };
  return { providerOrgId: row.organization_id, snapshot };
}

/** The buyer places an order; the provider is notified. */
export interface OrderQuote {
  seats: number;
  unitPriceYuan: number;
  totalYuan: number;
}

/** What placing the order would cost, or the refusal it would meet: the summary a buyer confirms before ordering. */
export async function quoteOrder(db: DB, actor: OrgActor, listingId: string, input: Pick<OrderInput, "seats">) {
  const pkg = await getOrderablePackage(db, listingId);
  return pkg ? quoteFor(pkg, actor, input.seats) : refused("notFound");
}

function quoteFor(
  pkg: NonNullable<Awaited<ReturnType<typeof getOrderablePackage>>>,
  actor: OrgActor,
  seats: number,
): Result<{ quote: OrderQuote }, OrderError> {
  if (pkg.providerOrgId === actor.organization.id) return refused("ownPackage");
  if (actor.organization.status !== "verified") return refused("notVerified");
  const limit = pkg.snapshot.classSeats;
  if (limit !== null && seats > limit) return refused("tooManySeats", { vars: { limit } });
  const unit = pkg.snapshot.priceYuan;
  return { ok: true, quote: { seats, unitPriceYuan: unit, totalYuan: Math.round(unit * seats * 100) / 100 } };
}

/**
 * Places the order the buyer confirmed. With `quotedTotalYuan` (the total on the summary the buyer saw) an order
 * whose price has changed since is refused rather than placed at a price nobody agreed to.
 */
export async function placeOrder(db: DB, actor: OrgActor, listingId: string, input: OrderInput & { quotedTotalYuan?: number }): Promise<OrderResult> {
  return inTransaction(db, async (trx) => {
    const pkg = await getOrderablePackage(trx, listingId);
    if (!pkg) return refused("notFound");
    const quoted = quoteFor(pkg, actor, input.seats);
    if (!quoted.ok) return quoted;
    const { unitPriceYuan: unit, totalYuan } = quoted.quote;
    if (input.quotedTotalYuan !== undefined && input.quotedTotalYuan !== totalYuan) return refused("priceChanged");
    const order = await trx
      .insertInto("package_orders")
      .values({
        listing_id: listingId,
        provider_org_id: pkg.providerOrgId,
        buyer_org_id: actor.organization.id,
        seats: input.seats,
        unit_price_yuan: unit,
        total_yuan: totalYuan,
        package_snapshot: JSON.stringify(pkg.snapshot),
        note: input.note ?? null,
        created_by: actor.user.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await log(trx, order.id, "requested", actor, input.note ?? null, {
      title: pkg.snapshot.title,
      otherOrgId: pkg.providerOrgId,
      detail: { seats: input.seats, totalYuan: order.total_yuan },
    });
    await notify(trx, { organizationId: pkg.providerOrgId }, {
      kind: "order.requested",
      title: notifyKeys.requested,
      body: "orders.notify.requestedBody",
      params: { buyer: actor.organization.name, title: pkg.snapshot.title, seats: input.seats, total: order.total_yuan },
      link: `/orders/${order.id}`,
    });
    return { ok: true as const, order };
  });
}

async function lockOrder(db: DB, id: string): Promise<PackageOrder | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("package_orders").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

async function moveOrder(
  db: DB,
  actor: Actor,
  id: string,
  check: (order: PackageOrder, side: OrderSide) => OrderError | null,
  to: OrderStatus,
  extra: { cancel_reason?: string } = {},
  note: string | null = null,
): Promise<OrderResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockOrder(trx, id);
    const side = current ? sideOf(actor, current) : null;
    if (!current || !side) return refused("notFound");
    if (side === "staff") return refused("notAllowed");
    const problem = check(current, side);
    if (problem) return refused(problem);
    const order = await trx
      .updateTable("package_orders")
      .set({ status: to, updated_at: sql`now()`, ...extra })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const other = side === "buyer" ? order.provider_org_id : order.buyer_org_id;
    const snapshot = order.package_snapshot as unknown as PackageSnapshot;
    await log(trx, id, to, actor, note, { title: snapshot.title, otherOrgId: other, detail: note ? { reason: note } : {} });
    await notify(trx, { organizationId: other }, {
      kind: `order.${to}`,
      title: notifyKeys[to],
      body: to === "cancelled" ? "orders.notify.cancelledBody" : undefined,
      params: { title: snapshot.title, by: await orgName(trx, actor.user.organization_id ?? ""), reason: note ?? "" },
      link: `/orders/${id}`,
    });
    return { ok: true as const, order };
  });
}

/** The provider's forward steps: confirm, deliver, complete, each from the one before. */
export function advanceOrder(db: DB, actor: Actor, id: string, step: OrderStep): Promise<OrderResult> {
  const { from, to } = steps[step];
  return moveOrder(
    db,
    actor,
    id,
    (order, side) => (side !== "provider" ? "notAllowed" : order.status !== from ? "wrongStatus" : null),
    to,
  );
}

/** Either side cancels, with a reason, before delivery. */
export function cancelOrder(db: DB, actor: Actor, id: string, reason: string): Promise<OrderResult> {
  return moveOrder(
    db,
    actor,
    id,
    (order) => (cancellableStatuses.includes(order.status) ? null : "wrongStatus"),
    "cancelled",
    { cancel_reason: reason },
    reason,
  );
}

/** The buyer rates a completed order, once. */
export async function rateOrder(db: DB, actor: Actor, id: string, input: RateOrderInput): Promise<OrderResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockOrder(trx, id);
    const side = current ? sideOf(actor, current) : null;
    if (!current || !side) return refused("notFound");
    if (side !== "buyer") return refused("notAllowed");
    if (current.status !== "completed") return refused("wrongStatus");
    if (current.rating !== null) return refused("alreadyRated");
    const order = await trx
      .updateTable("package_orders")
      .set({ rating: input.rating, rating_comment: input.comment ?? null, rated_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", id)
      .where("rating", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!order) return refused("alreadyRated");
    const snapshot = order.package_snapshot as unknown as PackageSnapshot;
    await log(trx, id, "rated", actor, input.comment ?? null, {
      title: snapshot.title,
      otherOrgId: order.provider_org_id,
      detail: { rating: input.rating, comment: input.comment ?? null },
    });
    await notify(trx, { organizationId: order.provider_org_id }, {
      kind: "order.rated",
      title: "orders.notify.rated",
      params: { title: snapshot.title, by: await orgName(trx, order.buyer_org_id), rating: input.rating },
      link: `/orders/${id}`,
    });
    return { ok: true as const, order };
  });
}

export type OrderTimelineEntry = TimelineEntry;

export interface OrderView {
  order: PackageOrder;
  snapshot: PackageSnapshot;
  side: OrderSide | "staff";
  buyerName: string;
  providerName: string;
  timeline: OrderTimelineEntry[];
}

/** An order for one of its two organisations or platform staff; null (→ 404) for anyone else. */
export async function getOrderForViewer(db: DB, actor: Actor, id: string): Promise<OrderView | null> {
  if (!isUuid(id)) return null;
  const order = await db.selectFrom("package_orders").selectAll().where("id", "=", id).executeTakeFirst();
  if (!order) return null;
  const side = sideOf(actor, order);
  if (!side) return null;
  const [names, timeline] = await Promise.all([
    db.selectFrom("organizations").select(["id", "name"]).where("id", "in", [order.buyer_org_id, order.provider_org_id]).execute(),
    timelineOf(db, "order", id),
  ]);
  const nameOf = (orgId: string) => names.find((n) => n.id === orgId)?.name ?? "";
  return {
    order,
    snapshot: order.package_snapshot as unknown as PackageSnapshot,
    side,
    buyerName: nameOf(order.buyer_org_id),
    providerName: nameOf(order.provider_org_id),
    timeline,
  };
}

export interface OrderListRow {
  id: string;
  status: OrderStatus;
  seats: number;
  total_yuan: number;
  title: string;
  other_name: string;
  created_at: Date;
  rating: number | null;
}

/** An organisation's orders as buyer or as provider, newest first. */
export async function listOrders(
  db: DB,
  organizationId: string,
  side: OrderSide,
  options: { status?: OrderStatus; limit?: number } = {},
): Promise<OrderListRow[]> {
  const own = side === "buyer" ? "o.buyer_org_id" : "o.provider_org_id";
  const other = side === "buyer" ? "o.provider_org_id" : "o.buyer_org_id";
  let query = db
    .selectFrom("package_orders as o")
    .innerJoin("organizations as other", "other.id", other)
    .select([
      "o.id",
      "o.status",
      "o.seats",
      "o.total_yuan",
      sql<string>`o.package_snapshot->>'title'`.as("title"),
      "other.name as other_name",
      "o.created_at",
      "o.rating",
    ])
    .where(own, "=", organizationId);
  if (options.status) query = query.where("o.status", "=", options.status);
  return query.orderBy("o.created_at", "desc").orderBy("o.id").limit(options.limit ?? 200).execute();
}

export interface ProviderRevenue {
  confirmedYuan: number;
  deliveredYuan: number;
  completedYuan: number;
  totalYuan: number;
  completedSeats: number;
  averageRating: number | null;
}

/** The provider's revenue: confirmed, delivered and completed orders (requested and cancelled ones do not count). */
export async function providerRevenue(db: DB, organizationId: string): Promise<ProviderRevenue> {
  const row = await db
    .selectFrom("package_orders")
    .select([
      sql<number>`coalesce(sum(total_yuan) filter (where status = 'confirmed'), 0)`.as("confirmed"),
      sql<number>`coalesce(sum(total_yuan) filter (where status = 'delivered'), 0)`.as("delivered"),
      sql<number>`coalesce(sum(total_yuan) filter (where status = 'completed'), 0)`.as("completed"),
      sql<number>`coalesce(sum(seats) filter (where status = 'completed'), 0)`.as("completed_seats"),
      sql<number | null>`round(avg(rating), 1)`.as("avg_rating"),
    ])
    .where("provider_org_id", "=", organizationId)
    .executeTakeFirstOrThrow();
  const confirmed = Number(row.confirmed);
  const delivered = Number(row.delivered);
  const completed = Number(row.completed);
  return {
    confirmedYuan: confirmed,
    deliveredYuan: delivered,
    completedYuan: completed,
    totalYuan: Math.round((confirmed + delivered + completed) * 100) / 100,
    completedSeats: Number(row.completed_seats),
    averageRating: row.avg_rating === null ? null : Number(row.avg_rating),
  };
}

/** Counts for the dashboard: open orders (not completed or cancelled) on each side. */
export async function orderCounts(db: DB, organizationId: string): Promise<{ asBuyer: number; asProvider: number }> {
  const row = await db
    .selectFrom("package_orders")
    .select([
      sql<number>`count(*) filter (where buyer_org_id = ${organizationId})`.as("as_buyer"),
      sql<number>`count(*) filter (where provider_org_id = ${organizationId})`.as("as_provider"),
    ])
    .where((eb) => eb.or([eb("buyer_org_id", "=", organizationId), eb("provider_org_id", "=", organizationId)]))
    .where("status", "in", ["requested", "confirmed", "delivered"])
    .executeTakeFirstOrThrow();
  return { asBuyer: Number(row.as_buyer), asProvider: Number(row.as_provider) };
}
