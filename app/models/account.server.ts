import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { User } from "../../db/schema.ts";
import { enqueueIndexJob } from "../../search/outbox.ts";
import { createTranslator } from "../i18n/translate.ts";
import { runtime } from "../runtime.server.ts";
import type { ProfileInput } from "../schemas/account.ts";
import { audit } from "./audit.server.ts";
import { CONSENT_VERSION } from "./auth.server.ts";
import { mailLink, sendMail } from "./mailer.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { hitRateLimit } from "./rate-limit.server.ts";
import { hashToken, newToken, revokeUserSessions } from "./session.server.ts";
import { isPlatformAdminRole } from "../domain/permissions.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";

/**
 * A person's own account: profile, password (change and reset), sessions, and the rights the
 * Personal Information Protection Law gives them over their data (access/export, correction, deletion).
 */

type Meta = { ip?: string | null };

export type AccountRefusal = "currentPasswordWrong" | "passwordSame" | "wrongPassword" | "lastAdmin" | "lastPlatformAdmin";

export const accountRefusals = {
  currentPasswordWrong: { kind: "invalid", message: "account.currentPasswordWrong", field: "currentPassword" },
  passwordSame: { kind: "invalid", message: "account.passwordSame", field: "password" },
  wrongPassword: { kind: "invalid", message: "account.delete.wrongPassword", field: "password" },
  lastAdmin: { kind: "conflict", message: "account.delete.lastAdmin" },
  lastPlatformAdmin: { kind: "conflict", message: "account.delete.lastPlatformAdmin" },
} satisfies RefusalTable<AccountRefusal>;
type AccountUser = Pick<User, "id">;

// ---------------------------------------------------------------------------------------------- profile

export async function updateProfile(db: DB, userId: string, input: ProfileInput, meta: Meta = {}): Promise<User> {
  return inTransaction(db, async (trx) => {
    const user = await trx
      .updateTable("users")
      .set({ name: input.name, phone: input.phone ?? null, updated_at: sql`now()` })
      .where("id", "=", userId)
      .where("status", "=", "active")
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      action: "account.profile_update",
      outcome: "success",
      actorUserId: user.id,
      actorLabel: user.email,
      organizationId: user.organization_id,
      targetType: "user",
      targetId: user.id,
      ip: meta.ip,
      detail: { phone: input.phone ? "set" : "cleared" },
    });
    return user;
  });
}

/** The time of this login and of the one before it (so a person notices a login that was not theirs). */
export async function loginHistory(
  db: DB,
  userId: string,
): Promise<{ lastLoginAt: Date | null; previous: { at: Date; ip: string | null } | null }> {
  const user = await db.selectFrom("users").select("last_login_at").where("id", "=", userId).executeTakeFirst();
  const logins = await db
    .selectFrom("audit_log")
    .select(["at", "ip"])
    .where("actor_user_id", "=", userId)
    .where("action", "=", "auth.login")
    .where("outcome", "=", "success")
    .orderBy("id", "desc")
    .limit(2)
    .execute();
  return { lastLoginAt: user?.last_login_at ?? null, previous: logins[1] ?? null };
}

// ------------------------------------------------------------------------------------------- passwords

// Wrong current passwords on the signed-in forms (change, delete) per user, on top of the IP limit of sign-in.
export const ACCOUNT_PASSWORD_ATTEMPTS = 10;
export const ACCOUNT_PASSWORD_WINDOW_SECONDS = 15 * 60;

export function accountPasswordAttemptAllowed(db: DB, userId: string) {
  return hitRateLimit(db, `account-password:${userId}`, ACCOUNT_PASSWORD_ATTEMPTS, ACCOUNT_PASSWORD_WINDOW_SECONDS);
}

export type PasswordChangeResult = Result<object, Extract<AccountRefusal, "currentPasswordWrong" | "passwordSame">>;

/**
 * Verifies the current password, stores the new one and ends EVERY session of the user, the caller's
 * included: the route then opens a new session and sets a new cookie, so the old session id is worthless.
 */
export async function changePassword(
  db: DB,
  user: AccountUser,
  sessionId: string,
  input: { currentPassword: string; password: string },
  meta: Meta = {},
): Promise<PasswordChangeResult> {
  const current = await db
    .selectFrom("users")
    .select(["id", "email", "password_hash", "organization_id"])
    .where("id", "=", user.id)
    .where("status", "=", "active")
    .executeTakeFirst();
  const ok = await verifyPassword(current?.password_hash ?? null, input.currentPassword);
  const base = { actorUserId: user.id, actorLabel: current?.email ?? null, organizationId: current?.organization_id ?? null, ip: meta.ip };
  if (!current || !ok) {
    await audit(db, { ...base, action: "account.password_change", outcome: "failure", detail: { reason: "wrong_current_password" } });
    return refused("currentPasswordWrong");
  }
  if (input.password === input.currentPassword) return refused("passwordSame");
  const passwordHash = await hashPassword(input.password);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, password_changed_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", current.id)
      .execute();
    const revoked = await revokeUserSessions(trx, current.id, "password_change");
    await audit(trx, {
      ...base,
      action: "account.password_change",
      outcome: "success",
      targetType: "user",
      targetId: current.id,
      detail: { revokedSessions: revoked, fromSession: sessionId.slice(0, 12) },
    });
  });
  return { ok: true };
}

export const RESET_TOKEN_MINUTES = 60;
export const RESET_MAILS_PER_HOUR = 5;

/**
 * Sends a single-use reset link valid for an hour, if an active account has this e-mail. The caller
 * gets nothing back: known and unknown e-mails are answered alike, after the same work (the mail is
 * built either way and handed to the mailer without waiting for delivery).
 */
export async function requestPasswordReset(db: DB, email: string, meta: Meta = {}): Promise<void> {
  const normalized = email.trim().toLowerCase().slice(0, 254);
  const token = newToken();
  const limit = await hitRateLimit(db, `reset-mail:${hashToken(normalized)}`, RESET_MAILS_PER_HOUR, 60 * 60);
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "organization_id"])
    .where(sql`lower(email)`, "=", normalized)
    .where("status", "=", "active")
    .executeTakeFirst();
  const t = createTranslator();
  const message = {
    to: user?.email ?? normalized,
    subject: t("account.resetMail.subject"),
    text: t("account.resetMail.body", { name: user?.name ?? "", link: mailLink(`/reset-password/${token}`) }),
  };
  const event = { action: "account.password_reset_request", ip: meta.ip } as const;
  if (!user) {
    await audit(db, { ...event, outcome: "failure", actorLabel: normalized, detail: { reason: "unknown_email" } });
    return;
  }
  const who = { actorUserId: user.id, actorLabel: user.email, organizationId: user.organization_id, targetType: "user", targetId: user.id };
  if (!limit.allowed) {
    await audit(db, { ...event, ...who, outcome: "denied", detail: { reason: "too_many_mails" } });
    return;
  }
  await inTransaction(db, async (trx) => {
    // Only the newest link works.
    await trx
      .updateTable("password_resets")
      .set({ used_at: sql`now()` })
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .execute();
    await trx
      .insertInto("password_resets")
      .values({
        user_id: user.id,
        token_hash: hashToken(token),
        expires_at: sql<Date>`now() + make_interval(mins => ${RESET_TOKEN_MINUTES})`,
      })
      .execute();
    await audit(trx, { ...event, ...who, outcome: "success" });
  });
  sendMail(message).catch((error: Error) => runtime().log.error({ err: error.message }, "password reset mail failed"));
}

export type ResetTokenState = "valid" | "expired" | "used" | "unknown";

const tokenShape = /^[A-Za-z0-9_-]{20,100}$/;

/** Looks at a reset token without using it (the page shows the form only for a usable one). */
export async function checkResetToken(db: DB, token: string): Promise<ResetTokenState> {
  if (!tokenShape.test(token)) return "unknown";
  const row = await db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select(["password_resets.used_at", "users.status"])
    .select(sql<boolean>`password_resets.expires_at <= now()`.as("expired"))
    .where("password_resets.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.status !== "active") return "unknown";
  if (row.used_at) return "used";
  if (row.expired) return "expired";
  return "valid";
}

/** Why a reset link sets no password: the token's state. */
export type PasswordResetRefusal = Exclude<ResetTokenState, "valid">;

// The page explains each one; a used link reads like an expired one, with the way to ask for a new one.
export const passwordResetRefusals = {
  unknown: { kind: "notFound", message: "account.reset.unknownText" },
  expired: { kind: "gone", message: "account.reset.expiredText" },
  used: { kind: "gone", message: "account.reset.expiredText" },
} satisfies RefusalTable<PasswordResetRefusal>;

export type ResetResult = Result<object, PasswordResetRefusal>;

/**
 * Sets a new password with a valid, unused, unexpired token: the token is used up in the same statement
 * that checks it, the lockout is lifted, and every session of the account ends.
 */
export async function resetPassword(db: DB, token: string, password: string, meta: Meta = {}): Promise<ResetResult> {
  const state = await checkResetToken(db, token);
  if (state !== "valid") {
    await audit(db, { action: "account.password_reset", outcome: "failure", ip: meta.ip, detail: { reason: state } });
    return refused(state);
  }
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx): Promise<ResetResult> => {
    const claimed = await trx
      .updateTable("password_resets")
      .set({ used_at: sql`now()` })
      .where("token_hash", "=", hashToken(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .returning("user_id")
      .executeTakeFirst();
    if (!claimed) return refused("used");
    const user = await trx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        password_changed_at: sql`now()`,
        failed_logins: 0,
        locked_until: null,
        updated_at: sql`now()`,
      })
      .where("id", "=", claimed.user_id)
      .where("status", "=", "active")
      .returning(["id", "email", "organization_id"])
      .executeTakeFirst();
    if (!user) return refused("unknown");
    const revoked = await revokeUserSessions(trx, user.id, "password_reset");
    await audit(trx, {
      action: "account.password_reset",
      outcome: "success",
      actorUserId: user.id,
      actorLabel: user.email,
      organizationId: user.organization_id,
      targetType: "user",
      targetId: user.id,
      ip: meta.ip,
      detail: { revokedSessions: revoked },
    });
    return { ok: true };
  });
}

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

// ------------------------------------------------------------------------------- personal data (PIPL)

type Section = (db: DB, userId: string) => Promise<unknown>;

/**
 * Everything the platform holds about a person, one section per kind of record. A feature that stores
 * more personal data adds its section here (one line), and the export carries it.
 */
export const personalDataSections: Record<string, Section> = {
  profile: (db, id) =>
    db
      .selectFrom("users")
      .leftJoin("plan_units", "plan_units.id", "users.plan_unit_id")
      .select(["users.id", "users.email", "users.name", "users.phone", "users.status", "users.platform_role", "plan_units.name as plan_unit"])
      .select(["users.created_at", "users.updated_at", "users.last_login_at", "users.password_changed_at", "users.failed_logins", "users.locked_until"])
      .where("users.id", "=", id)
      .executeTakeFirst(),
  organizationMembership: async (db, id) =>
    (await db
      .selectFrom("users")
      .innerJoin("organizations", "organizations.id", "users.organization_id")
      .select(["organizations.id as organizationId", "organizations.name", "organizations.kind", "organizations.status", "users.org_role as role"])
      .where("users.id", "=", id)
      .executeTakeFirst()) ?? null,
  consents: async (db, id) => {
    const row = await db.selectFrom("users").select(["consent_at", "consent_version"]).where("id", "=", id).executeTakeFirst();
    return row?.consent_at ? [{ document: "privacy", version: row.consent_version, consentedAt: row.consent_at }] : [];
  },
  sessions: (db, id) =>
    db
      .selectFrom("sessions")
      .select(["created_at", "last_seen_at", "expires_at", "ip", "user_agent", "revoked_at", "revoked_reason"])
      .where("user_id", "=", id)
      .orderBy("created_at")
      .execute(),
  passwordResets: (db, id) =>
    db.selectFrom("password_resets").select(["created_at", "expires_at", "used_at"]).where("user_id", "=", id).orderBy("created_at").execute(),
  invitationsSent: (db, id) =>
    db
      .selectFrom("invitations")
      .select(["email", "role", "organization_id", "created_at", "expires_at", "accepted_at", "revoked_at"])
      .where("created_by", "=", id)
      .orderBy("created_at")
      .execute(),
  auditTrail: (db, id) =>
    db
      .selectFrom("audit_log")
      .select(["at", "action", "outcome", "ip", "organization_id", "target_type", "target_id", "detail"])
      .where("actor_user_id", "=", id)
      .orderBy("id")
      .execute(),
};

export async function exportPersonalData(db: DB, userId: string, meta: Meta = {}): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {
    format: "chanjiaotong-personal-data",
    exportedAt: new Date().toISOString(),
    privacyPolicyVersion: CONSENT_VERSION,
  };
  for (const [name, load] of Object.entries(personalDataSections)) data[name] = await load(db, userId);
  await audit(db, { action: "account.data_export", outcome: "success", actorUserId: userId, targetType: "user", targetId: userId, ip: meta.ip });
  return data;
}

export type DeleteAccountResult = Result<
  { organizationId: string | null },
  Extract<AccountRefusal, "wrongPassword" | "lastAdmin" | "lastPlatformAdmin">
>;

export const DELETED_USER_NAME = "已注销用户";

/**
 * Deletes an account by anonymising it (the audit trail keeps pointing at the id): name, e-mail, phone,
 * consent and roles go, the password becomes unusable, every session ends and the organisation is
 * re-indexed. Refused for the last administrator of an organisation that still has other members, and
 * for the last platform administrator.
 */
export async function deleteAccount(db: DB, user: AccountUser, password: string, meta: Meta = {}): Promise<DeleteAccountResult> {
  const current = await db.selectFrom("users").selectAll().where("id", "=", user.id).where("status", "=", "active").executeTakeFirst();
  const ok = await verifyPassword(current?.password_hash ?? null, password);
  if (!current || !ok) {
    await audit(db, { action: "account.delete", outcome: "failure", actorUserId: user.id, actorLabel: current?.email ?? null, ip: meta.ip, detail: { reason: "wrong_password" } });
    return refused("wrongPassword");
  }
  const unusableHash = await hashPassword(crypto.randomBytes(32).toString("base64url"));
  return inTransaction(db, async (trx): Promise<DeleteAccountResult> => {
    const organizationId = current.organization_id;
    const refuse = async (reason: string, code: "lastAdmin" | "lastPlatformAdmin") => {
      await audit(trx, { action: "account.delete", outcome: "denied", actorUserId: current.id, actorLabel: current.email, organizationId, ip: meta.ip, detail: { reason } });
      return refused(code);
    };
    if (organizationId && current.org_role === "admin") {
      // Locks the organisation so two administrators cannot both leave at once.
      await trx.selectFrom("organizations").select("id").where("id", "=", organizationId).forUpdate().execute();
      const others = await trx
        .selectFrom("users")
        .select(["org_role", "status"])
        .where("organization_id", "=", organizationId)
        .where("id", "!=", current.id)
        .where("status", "!=", "deleted")
        .execute();
      const otherAdmins = others.filter((o) => o.org_role === "admin" && o.status === "active").length;
      if (others.length > 0 && otherAdmins === 0) return refuse("last_admin", "lastAdmin");
    }
    if (isPlatformAdminRole(current.platform_role)) {
      const admins = await trx
        .selectFrom("users")
        .select("id")
        .where("platform_role", "=", "platform_admin")
        .where("status", "=", "active")
        .where("id", "!=", current.id)
        .execute();
      if (admins.length === 0) return refuse("last_platform_admin", "lastPlatformAdmin");
    }
    await trx
      .updateTable("users")
      .set({
        email: `deleted-${current.id}@invalid`,
        name: DELETED_USER_NAME,
        phone: null,
        password_hash: unusableHash,
        status: "deleted",
        organization_id: null,
        org_role: null,
        platform_role: null,
        plan_unit_id: null,
        consent_at: null,
        consent_version: null,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        updated_at: sql`now()`,
      })
      .where("id", "=", current.id)
      .execute();
    const revoked = await revokeUserSessions(trx, current.id, "account_deleted");
    await trx.deleteFrom("password_resets").where("user_id", "=", current.id).execute();
    if (organizationId) await enqueueIndexJob(trx, "organization", organizationId);
    await audit(trx, {
      action: "account.delete",
      outcome: "success",
      actorUserId: current.id,
      actorLabel: DELETED_USER_NAME,
      organizationId,
      targetType: "user",
      targetId: current.id,
      ip: meta.ip,
      detail: { revokedSessions: revoked, orgRole: current.org_role },
    });
    return { ok: true, organizationId };
  });
}
