import { sql } from "kysely";
import type { DB } from "../../../db.server.ts";
import { canManageEvent, type Actor } from "../../policy.server.ts";
import { isUuid } from "../../../schemas/ids.ts";
import { refused, type Refused } from "../../../domain/refusal.ts";
import { inTransaction } from "../../../../db/client.ts";
import { lockEvent, type EventError } from "./events.server.ts";

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
