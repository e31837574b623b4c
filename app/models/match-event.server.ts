import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { MatchEvent, RegistrationStatus } from "../../db/schema-matchmaking.ts";
import type { EventInput } from "../schemas/event.ts";
import { beijingToDate } from "../schemas/event.ts";
import { formatDateTime } from "../utils/dates.ts";
import { audit } from "./audit.server.ts";
import { notify, type NotificationInput } from "./notification.server.ts";
import { can, canManageEvent, canOrganizeEvents, type Actor, type OrgActor } from "./policy.server.ts";
import { containsPattern } from "../utils/like-pattern.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type Refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";

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
  const event = await db
    .insertInto("match_events")
    .values({
      ...columns,
      organizer_org_id: can(actor, "events:organize") ? null : actor.user.organization_id,
      created_by: actor.user.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ok: true, event };
}

async function lockEvent(db: DB, id: string): Promise<MatchEvent | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("match_events").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

async function registeredCount(db: DB, eventId: string): Promise<number> {
  const row = await db
    .selectFrom("match_event_registrations")
    .select(sql<number>`count(*)`.as("n"))
    .where("event_id", "=", eventId)
    .where("status", "=", "registered")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves waitlisted organisations up (first come, first served) while seats are free, notifying each. */
async function promoteWaitlisted(db: DB, event: MatchEvent): Promise<string[]> {
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
      ip: meta.ip,
      detail: { title: event.title, reason },
    });
    return { ok: true as const, event };
  });
}

export type RegistrationResult =
  | { ok: true; status: Extract<RegistrationStatus, "registered" | "waitlisted">; position?: number }
  | Refused<EventError>;

/**
 * Registers the actor's organisation: a seat while there is one, else the waiting list. The event row is
 * locked for the count, so concurrent registrations (from any instance) never exceed the capacity.
 */
export async function registerForEvent(db: DB, actor: OrgActor, id: string, now = new Date()): Promise<RegistrationResult> {
  if (actor.organization.status !== "verified") return refused("notVerified");
  return inTransaction(db, async (trx) => {
    const event = await lockEvent(trx, id);
    if (!event) return refused("notFound");
    if (event.status !== "published" || event.starts_at.getTime() <= now.getTime()) return refused("eventClosed");
    const existing = await trx
      .selectFrom("match_event_registrations")
      .select(["id", "status"])
      .where("event_id", "=", id)
      .where("organization_id", "=", actor.organization.id)
      .executeTakeFirst();
    if (existing && existing.status !== "cancelled") return refused("alreadyRegistered");
    const status = (await registeredCount(trx, id)) < event.capacity ? ("registered" as const) : ("waitlisted" as const);
    if (existing) {
      // Registering again after cancelling joins at the end of the queue: a fresh row keeps "first come" by id.
      await trx.deleteFrom("match_event_registrations").where("id", "=", existing.id).execute();
    }
    await trx
      .insertInto("match_event_registrations")
      .values({ event_id: id, organization_id: actor.organization.id, status, registered_by: actor.user.id })
      .execute();
    const position = status === "waitlisted" ? ((await waitlistPosition(trx, id, actor.organization.id)) ?? undefined) : undefined;
    await notifyOrganizer(trx, event, {
      kind: `event.${status}`,
      title: status === "registered" ? "events.notify.organizer.registered" : "events.notify.organizer.waitlisted",
      params: { org: actor.organization.name, title: event.title, position: position ?? 0 },
      link: `/events/${id}`,
    });
    return status === "registered" ? { ok: true as const, status } : { ok: true as const, status, position };
  });
}

/** The organiser hears of every registration: its park committee's inbox, or the staff member who published it. */
async function notifyOrganizer(db: DB, event: MatchEvent, input: NotificationInput): Promise<void> {
  if (event.organizer_org_id) await notify(db, { organizationId: event.organizer_org_id }, input);
  else if (event.created_by) await notify(db, { userId: event.created_by }, input);
}

async function waitlistPosition(db: DB, eventId: string, organizationId: string): Promise<number | null> {
  const rows = await db
    .selectFrom("match_event_registrations")
    .select("organization_id")
    .where("event_id", "=", eventId)
    .where("status", "=", "waitlisted")
    .orderBy("id")
    .execute();
  const index = rows.findIndex((r) => r.organization_id === organizationId);
  return index < 0 ? null : index + 1;
}

/** The organisation withdraws; a freed seat goes to the first on the waiting list. */
export async function cancelRegistration(
  db: DB,
  actor: OrgActor,
  id: string,
  now = new Date(),
): Promise<{ ok: true; promoted: string[] } | Refused<EventError>> {
  return inTransaction(db, async (trx) => {
    const event = await lockEvent(trx, id);
    if (!event) return refused("notFound");
    if (event.starts_at.getTime() <= now.getTime()) return refused("eventClosed");
    const current = await trx
      .selectFrom("match_event_registrations")
      .select(["id", "status"])
      .where("event_id", "=", id)
      .where("organization_id", "=", actor.organization.id)
      .where("status", "in", ["registered", "waitlisted"])
      .executeTakeFirst();
    if (!current) return refused("notRegistered");
    await trx
      .updateTable("match_event_registrations")
      .set({ status: "cancelled", updated_at: sql`now()` })
      .where("id", "=", current.id)
      .execute();
    const promoted = current.status === "registered" && event.status === "published" ? await promoteWaitlisted(trx, event) : [];
    await notifyOrganizer(trx, event, {
      kind: "event.registrationCancelled",
      title: "events.notify.organizer.cancelled",
      params: { org: actor.organization.name, title: event.title },
      link: `/events/${id}`,
    });
    return { ok: true as const, promoted };
  });
}

/** After the event has started, the organiser records which registered organisations came. */
export async function markAttendance(
  db: DB,
  actor: Actor,
  id: string,
  attendedOrgIds: string[],
  now = new Date(),
): Promise<{ ok: true; attended: number } | Refused<EventError>> {
  return inTransaction(db, async (trx) => {
    const event = await lockEvent(trx, id);
    if (!event || !canManageEvent(actor, event)) return refused("notFound");
    if (event.status !== "published") return refused("eventClosed");
    if (event.starts_at.getTime() > now.getTime()) return refused("notStarted");
    const ids = attendedOrgIds.filter((v) => isUuid(v));
    await trx
      .updateTable("match_event_registrations")
      .set({ attended: ids.length ? sql<boolean>`organization_id in (${sql.join(ids)})` : false, updated_at: sql`now()` })
      .where("event_id", "=", id)
      .where("status", "=", "registered")
      .execute();
    const row = await trx
      .selectFrom("match_event_registrations")
      .select(sql<number>`count(*)`.as("n"))
      .where("event_id", "=", id)
      .where("attended", "=", true)
      .executeTakeFirstOrThrow();
    return { ok: true as const, attended: Number(row.n) };
  });
}

export interface EventSummary {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  place: string;
  capacity: number;
  audience: string;
  status: "published" | "cancelled";
  registered: number;
  waitlisted: number;
  organizer_name: string | null;
}

function summaries(db: DB) {
  return db
    .selectFrom("match_events as e")
    .leftJoin("organizations as o", "o.id", "e.organizer_org_id")
    .select([
      "e.id",
      "e.title",
      "e.starts_at",
      "e.ends_at",
      "e.place",
      "e.capacity",
      "e.audience",
      "e.status",
      "o.name as organizer_name",
      sql<number>`(select count(*) from match_event_registrations r where r.event_id = e.id and r.status = 'registered')`.as("registered"),
      sql<number>`(select count(*) from match_event_registrations r where r.event_id = e.id and r.status = 'waitlisted')`.as("waitlisted"),
    ]);
}

/** The public list: upcoming (not yet ended, soonest first) and past (latest first), optionally filtered by text. */
export async function listEvents(
  db: DB,
  options: { q?: string; now?: Date; limit?: number } = {},
): Promise<{ upcoming: EventSummary[]; past: EventSummary[] }> {
  const now = options.now ?? new Date();
  const q = options.q?.trim();
  const filtered = () => {
    let query = summaries(db);
    if (q) {
      const pattern = containsPattern(q);
      query = query.where((eb) =>
        eb.or([
          eb("e.title", "ilike", pattern),
          eb("e.place", "ilike", pattern),
          eb("e.agenda", "ilike", pattern),
          eb("e.audience", "ilike", pattern),
        ]),
      );
    }
    return query;
  };
  const limit = options.limit ?? 100;
  const [upcoming, past] = await Promise.all([
    filtered().where("e.ends_at", ">=", now).orderBy("e.starts_at").orderBy("e.id").limit(limit).execute(),
    filtered().where("e.ends_at", "<", now).orderBy("e.starts_at", "desc").orderBy("e.id").limit(limit).execute(),
  ]);
  const norm = (rows: EventSummary[]) => rows.map((r) => ({ ...r, registered: Number(r.registered), waitlisted: Number(r.waitlisted) }));
  return { upcoming: norm(upcoming), past: norm(past) };
}

/** The next few published events, for the home page. */
export async function upcomingEvents(db: DB, limit = 3, now = new Date()): Promise<EventSummary[]> {
  const rows = await summaries(db)
    .where("e.status", "=", "published")
    .where("e.starts_at", ">", now)
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, registered: Number(r.registered), waitlisted: Number(r.waitlisted) }));
}

export interface RegistrationRow {
  organization_id: string;
  organization_name: string;
  status: RegistrationStatus;
  attended: boolean | null;
  created_at: Date;
}

export interface EventView {
  event: MatchEvent;
  organizerName: string | null;
  registered: number;
  waitlisted: number;
  /** The viewer's organisation's registration, if any (cancelled ones count as none). */
  own: { status: "registered" | "waitlisted"; position: number | null; attended: boolean | null } | null;
  /** Registrations, for the organiser and platform staff only. */
  registrations: RegistrationRow[] | null;
}

export async function getEvent(db: DB, id: string, viewer: Actor | null, options: { staff?: boolean } = {}): Promise<EventView | null> {
  if (!isUuid(id)) return null;
  const event = await db.selectFrom("match_events").selectAll().where("id", "=", id).executeTakeFirst();
  if (!event) return null;
  const rows = await db
    .selectFrom("match_event_registrations as r")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .select(["r.organization_id", "o.name as organization_name", "r.status", "r.attended", "r.created_at"])
    .where("r.event_id", "=", id)
    .orderBy("r.id")
    .execute();
  const organizer = event.organizer_org_id
    ? await db.selectFrom("organizations").select("name").where("id", "=", event.organizer_org_id).executeTakeFirst()
    : undefined;
  const waiting = rows.filter((r) => r.status === "waitlisted");
  const mine = viewer?.user.organization_id ? rows.find((r) => r.organization_id === viewer.user.organization_id) : undefined;
  return {
    event,
    organizerName: organizer?.name ?? null,
    registered: rows.filter((r) => r.status === "registered").length,
    waitlisted: waiting.length,
    own:
      mine && mine.status !== "cancelled"
        ? {
            status: mine.status,
            position: mine.status === "waitlisted" ? waiting.findIndex((r) => r.organization_id === mine.organization_id) + 1 : null,
            attended: mine.attended,
          }
        : null,
    registrations: canManageEvent(viewer, event) || options.staff ? rows.filter((r) => r.status !== "cancelled") : null,
  };
}

/**
 * Reminds registered organisations about 24 hours before the start, once per event: the UPDATE that sets
 * reminded_at claims the event, so two instances running the job at once cannot both remind.
 */
export async function remindUpcomingEvents(db: DB, now = new Date()): Promise<{ events: number; notified: number }> {
  return inTransaction(db, async (trx) => {
    const due = await trx
      .updateTable("match_events")
      .set({ reminded_at: now })
      .where("status", "=", "published")
      .where("reminded_at", "is", null)
      .where("starts_at", ">", now)
      .where("starts_at", "<=", new Date(now.getTime() + 24 * 3600_000))
      .returningAll()
      .execute();
    let notified = 0;
    for (const event of due) {
      const rows = await trx
        .selectFrom("match_event_registrations")
        .select("organization_id")
        .where("event_id", "=", event.id)
        .where("status", "=", "registered")
        .execute();
      for (const row of rows) {
        await notify(trx, { organizationId: row.organization_id }, {
          kind: "event.reminder",
          title: "events.notify.reminder",
          body: "events.notify.reminderBody",
          params: { title: event.title, startsAt: formatDateTime(event.starts_at), place: event.place },
          link: `/events/${event.id}`,
        });
        notified++;
      }
    }
    return { events: due.length, notified };
  });
}

/** Counts for the dashboard: upcoming published events, and the organisation's active registrations among them. */
export async function eventCounts(db: DB, organizationId: string | null, now = new Date()): Promise<{ upcoming: number; mine: number }> {
  const row = await db
    .selectFrom("match_events as e")
    .select([
      sql<number>`count(*)`.as("upcoming"),
      organizationId
        ? sql<number>`count(*) filter (where exists (select 1 from match_event_registrations r where r.event_id = e.id and r.organization_id = ${organizationId} and r.status in ('registered','waitlisted')))`.as("mine")
        : sql<number>`0`.as("mine"),
    ])
    .where("e.status", "=", "published")
    .where("e.ends_at", ">=", now)
    .executeTakeFirstOrThrow();
  return { upcoming: Number(row.upcoming), mine: Number(row.mine) };
}
