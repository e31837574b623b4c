import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { Organization, PlatformRole, Session, User } from "../../db/schema.ts";

export const SESSION_COOKIE = "cjt_session";
// MLPS level 2: staff sessions end after 30 idle minutes; every session after 12 hours at most.
export const ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60;
export const PLATFORM_IDLE_TIMEOUT_SECONDS = 30 * 60;
// last_seen_at is written at most this often, so reading a page is not a write every time.
const TOUCH_INTERVAL_SECONDS = 60;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function idleTimeoutFor(platformRole: PlatformRole | null): number | null {
  return platformRole ? PLATFORM_IDLE_TIMEOUT_SECONDS : null;
}

export async function createSession(
  db: DB,
  user: Pick<User, "id" | "platform_role">,
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const session = await db
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      user_id: user.id,
      expires_at: sql<Date>`now() + make_interval(secs => ${ABSOLUTE_LIFETIME_SECONDS})`,
      idle_timeout_seconds: idleTimeoutFor(user.platform_role),
      ip: meta.ip?.slice(0, 64) ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, session };
}

export interface SessionUser {
  session: Session;
  user: User;
  organization: Organization | null;
}

/** The live session for a token: not revoked, not past its absolute or idle limit, user active. */
export async function findSession(db: DB, token: string): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom("sessions")
    .selectAll("sessions")
    .select(sql<boolean>`sessions.last_seen_at < now() - make_interval(secs => ${TOUCH_INTERVAL_SECONDS})`.as("stale"))
    .where("sessions.id", "=", hashToken(token))
    .where("sessions.revoked_at", "is", null)
    .where("sessions.expires_at", ">", sql<Date>`now()`)
    .where((eb) =>
      eb.or([
        eb("sessions.idle_timeout_seconds", "is", null),
        eb("sessions.last_seen_at", ">", sql<Date>`now() - make_interval(secs => sessions.idle_timeout_seconds)`),
      ]),
    )
    .executeTakeFirst();
  if (!row) return null;
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", row.user_id)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!user) return null;
  const organization = user.organization_id
    ? ((await db.selectFrom("organizations").selectAll().where("id", "=", user.organization_id).executeTakeFirst()) ?? null)
    : null;
  const { stale, ...session } = row;
  if (stale) await db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id", "=", row.id).execute();
  return { session, user, organization };
}

export async function revokeSession(db: DB, sessionId: string, reason: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .execute();
}

/** Ends every session of a user (password change, role removal, disabling), optionally but one. */
export async function revokeUserSessions(db: DB, userId: string, reason: string, exceptSessionId?: string): Promise<number> {
  let query = db
    .updateTable("sessions")
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listActiveSessions(db: DB, userId: string): Promise<Session[]> {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .orderBy("last_seen_at", "desc")
    .execute();
}
