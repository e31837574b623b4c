import { sql } from "kysely";
import type { DB } from "../../../db.server.ts";
import type { MatchEvent, RegistrationStatus } from "../../../../db/schema-matchmaking.ts";
import { notify, type NotificationInput } from "../../notification.server.ts";
import type { OrgActor } from "../../policy.server.ts";
import { refused, type Refused } from "../../../domain/refusal.ts";
import { inTransaction } from "../../../../db/client.ts";
import { audit } from "../../audit.server.ts";
import { lockEvent, promoteWaitlisted, registeredCount, type EventError } from "./events.server.ts";

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
    await audit(trx, {
      ...eventAudit(actor, event),
      action: "event.register",
      detail: position === undefined ? { status } : { status, position },
    });
    await notifyOrganizer(trx, event, {
      kind: `event.${status}`,
      title: status === "registered" ? "events.notify.organizer.registered" : "events.notify.organizer.waitlisted",
      params: { org: actor.organization.name, title: event.title, position: position ?? 0 },
      link: `/events/${id}`,
    });
    return status === "registered" ? { ok: true as const, status } : { ok: true as const, status, position };
  });
}

/** The audit fields of an organisation's registration step: the event is the subject, its organiser concerned. */
function eventAudit(actor: OrgActor, event: MatchEvent) {
  return {
    outcome: "success" as const,
    actorUserId: actor.user.id,
    actorLabel: actor.user.email,
    organizationId: event.organizer_org_id,
    targetType: "match_event" as const,
    targetId: event.id,
    targetTitle: event.title,
  };
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
    await audit(trx, { ...eventAudit(actor, event), action: "event.registration.cancel", detail: { status: current.status } });
    await notifyOrganizer(trx, event, {
      kind: "event.registrationCancelled",
      title: "events.notify.organizer.cancelled",
      params: { org: actor.organization.name, title: event.title },
      link: `/events/${id}`,
    });
    return { ok: true as const, promoted };
  });
}
