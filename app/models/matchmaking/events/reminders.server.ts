import type { DB } from "../../../db.server.ts";
import { formatDateTime } from "../../../utils/dates.ts";
import { notify } from "../../notification.server.ts";
import { inTransaction } from "../../../../db/client.ts";

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
