import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import { audit } from "../audit.server.ts";
import { revokeUserSessions } from "../session.server.ts";
import { inTransaction } from "../../../db/client.ts";
import type { Meta } from "./profile.server.ts";

// -------------------------------------------------------------------------------------------- sessions

export interface AccountSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The user's live sessions, the current one first. */
export async function listSessions(db: DB, userId: string, currentSessionId?: string): Promise<AccountSession[]> {
  const rows = await db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .where((eb) =>
      eb.or([
        eb("idle_timeout_seconds", "is", null),
        eb("last_seen_at", ">", sql<Date>`now() - make_interval(secs => sessions.idle_timeout_seconds)`),
      ]),
    )
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows
    .map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      ip: s.ip,
      userAgent: s.user_agent,
      current: s.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's own sessions; another user's session id is answered as not found (false). */
export async function endSession(db: DB, userId: string, sessionId: string, meta: Meta = {}): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("sessions")
      .set({ revoked_at: sql`now()`, revoked_reason: "ended_by_user" })
      .where("id", "=", sessionId)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await audit(trx, { action: "account.session_end", outcome: "success", actorUserId: userId, targetType: "session", targetId: sessionId.slice(0, 12), ip: meta.ip });
    return true;
  });
}

/** Ends every session of the user except the current one; returns how many ended. */
export async function endOtherSessions(db: DB, userId: string, currentSessionId: string, meta: Meta = {}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const count = await revokeUserSessions(trx, userId, "ended_by_user", currentSessionId);
    await audit(trx, { action: "account.sessions_end_others", outcome: "success", actorUserId: userId, ip: meta.ip, detail: { count } });
    return count;
  });
}
