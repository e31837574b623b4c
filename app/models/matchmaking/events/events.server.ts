import { sql } from "kysely";
import type { DB } from "../../../db.server.ts";
import type { MatchEvent } from "../../../../db/schema-matchmaking.ts";
import type { EventInput } from "../../../schemas/event.ts";
import { beijingToDate } from "../../../schemas/event.ts";
import { formatDateTime } from "../../../utils/dates.ts";
import { audit } from "../../audit.server.ts";
import { notify } from "../../notification.server.ts";
import { can, canManageEvent, canOrganizeEvents, type Actor } from "../../policy.server.ts";
import { isUuid } from "../../../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../../../domain/refusal.ts";
import { inTransaction } from "../../../../db/client.ts";

/**
 * Matchmaking events (plan task 57). Platform administrators and the administrators of park committees
 * publish them; verified organisations register up to the capacity, then join a waiting list. Every change
 * to registrations locks the event row (SELECT … FOR UPDATE) first, so counts stay right across any number
 * of app instances; a cancelled seat goes to the first organisation on the waiting list, which is notified.
 */


export type EventError =
  | "notFound"
  | "notVerified"
  | "startsInPast"
  | "capacityBelowRegistered"
  | "alreadyRegistered"
  | "notRegistered"
  | "eventClosed"
  | "notStarted";

export type EventResult<T = MatchEvent> = Result<{ event: T }, EventError>;

export const eventRefusals = {
  notFound: { kind: "notFound", message: "events.error.notFound" },
  notVerified: { kind: "forbidden", message: "events.error.notVerified" },
  startsInPast: { kind: "invalid", message: "events.error.startsInPast", field: "startsAt" },
  capacityBelowRegistered: { kind: "invalid", message: "events.error.capacityBelowRegistered", field: "capacity" },
  alreadyRegistered: { kind: "conflict", message: "events.error.alreadyRegistered" },
  notRegistered: { kind: "conflict", message: "events.error.notRegistered" },
  eventClosed: { kind: "conflict", message: "events.error.eventClosed" },
  notStarted: { kind: "conflict", message: "events.error.notStarted" },
} satisfies RefusalTable<EventError>;

// Who organises and manages events is decided in the policy module.
export { canManageEvent, canOrganizeEvents };

function columnsOf(input: EventInput) {
  return {
    title: input.title,
    starts_at: beijingToDate(input.startsAt),
    ends_at: beijingToDate(input.endsAt),
    place: input.place,
    capacity: input.capacity,
    audience: input.audience ?? "",
    agenda: input.agenda ?? "",
  };
}

export async function createEvent(db: DB, actor: Actor, input: EventInput, now = new Date()): Promise<EventResult> {
  if (!canOrganizeEvents(actor)) return refused("notFound");
  const columns = columnsOf(input);
  if (columns.starts_at.getTime() <= now.getTime()) return refused("startsInPast");
  return inTransaction(db, async (trx) => {
    const event = await trx
      .insertInto("match_events")
      .values({
        ...columns,
        organizer_org_id: can(actor, "events:organize") ? null : actor.user.organization_id,
        created_by: actor.user.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditEvent(trx, actor, "event.create", event, { startsAt: event.starts_at, place: event.place, capacity: event.capacity });
    return { ok: true as const, event };
  });
}

async function auditEvent(db: DB, actor: Actor, action: "event.create" | "event.update", event: MatchEvent, detail: Record<string, unknown>) {
  await audit(db, {
    action,
    outcome: "success",
    actorUserId: actor.user.id,
    actorLabel: actor.user.email,
    organizationId: event.organizer_org_id,
    targetType: "match_event",
    targetId: event.id,
    targetTitle: event.title,
    detail,
  });
}

export async function lockEvent(db: DB, id: string): Promise<MatchEvent | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("match_events").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function registeredCount(db: DB, eventId: string): Promise<number> {
  const row = await db
    .selectFrom("match_event_registrations")
    .select(sql<number>`count(*)`.as("n"))
    .where("event_id", "=", eventId)
    .where("status", "=", "registered")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves waitlisted organisations up (first come, first served) while seats are free, notifying each. */
export async function promoteWaitlisted(db: DB, event: MatchEvent): Promise<string[]> {
  const free = event.capacity - (await registeredCount(db, event.id));
  if (free <= 0) return [];
  const next = await db
    .selectFrom("match_event_registrations")
    .select(["id", "organization_id"])
    .where("event_id", "=", event.id)
    .where("status", "=", "waitlisted")
    .orderBy("id")
    .limit(free)
    .execute();
  for (const row of next) {
    await db
      .updateTable("match_event_registrations")
      .set({ status: "registered", updated_at: sql`now()` })
      .where("id", "=", row.id)
      .execute();
    await notify(db, { organizationId: row.organization_id }, {
      kind: "event.promoted",
      title: "events.notify.promoted",
      body: "events.notify.promotedBody",
      params: { title: event.title, startsAt: formatDateTime(event.starts_at), place: event.place },
      link: `/events/${event.id}`,
    });
  }
  return next.map((r) => r.organization_id);
}

async function notifyParticipants(
  db: DB,
  event: MatchEvent,
  input: { kind: string; title: "events.notify.changed" | "events.notify.cancelled"; reason?: string },
) {
  const rows = await db
    .selectFrom("match_event_registrations")
    .select("organization_id")
    .where("event_id", "=", event.id)
    .where("status", "in", ["registered", "waitlisted"])
    .execute();
  for (const row of rows) {
    await notify(db, { organizationId: row.organization_id }, {
      kind: input.kind,
      title: input.title,
      body: input.title === "events.notify.cancelled" ? "events.notify.cancelledBody" : "events.notify.changedBody",
      params: { title: event.title, startsAt: formatDateTime(event.starts_at), place: event.place, reason: input.reason ?? "" },
      link: `/events/${event.id}`,
    });
  }
}

/** The organiser edits; capacity never drops below the registered count, a larger one promotes waitlisted organisations. */
export async function updateEvent(db: DB, actor: Actor, id: string, input: EventInput, now = new Date()): Promise<EventResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockEvent(trx, id);
    if (!current || !canManageEvent(actor, current)) return refused("notFound");
    if (current.status === "cancelled") return refused("eventClosed");
    const columns = columnsOf(input);
    const moved = columns.starts_at.getTime() !== current.starts_at.getTime();
    if (moved && columns.starts_at.getTime() <= now.getTime()) return refused("startsInPast");
    const registered = await registeredCount(trx, id);
    if (columns.capacity < registered) return refused("capacityBelowRegistered", { vars: { registered } });
    const event = await trx
      .updateTable("match_events")
      .set({ ...columns, updated_at: sql`now()`, ...(moved ? { reminded_at: null } : {}) })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (moved || columns.place !== current.place || columns.ends_at.getTime() !== current.ends_at.getTime()) {
      await notifyParticipants(trx, event, { kind: "event.changed", title: "events.notify.changed" });
    }
    await promoteWaitlisted(trx, event);
    const changed = (["title", "place", "capacity", "starts_at", "ends_at"] as const).filter(
      (k) => String(current[k] instanceof Date ? (current[k] as Date).getTime() : current[k]) !== String(event[k] instanceof Date ? (event[k] as Date).getTime() : event[k]),
    );
    await auditEvent(trx, actor, "event.update", event, {
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: Object.fromEntries(changed.map((k) => [k, event[k]])),
    });
    return { ok: true as const, event };
  });
}

/** The organiser cancels the event; every registered or waitlisted organisation is told why. Audited. */
export async function cancelEvent(db: DB, actor: Actor, id: string, reason: string, meta: { ip?: string | null } = {}): Promise<EventResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockEvent(trx, id);
    if (!current || !canManageEvent(actor, current)) return refused("notFound");
    if (current.status === "cancelled") return refused("eventClosed");
    const event = await trx
      .updateTable("match_events")
      .set({ status: "cancelled", updated_at: sql`now()` })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await notifyParticipants(trx, event, { kind: "event.cancelled", title: "events.notify.cancelled", reason });
    await audit(trx, {
      action: "event.cancel",
      outcome: "success",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      organizationId: event.organizer_org_id,
      targetType: "match_event",
      targetId: id,
      targetTitle: event.title,
      ip: meta.ip,
      detail: { title: event.title, reason },
    });
    return { ok: true as const, event };
  });
}
