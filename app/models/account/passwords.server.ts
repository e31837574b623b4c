import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import { createTranslator } from "../../i18n/translate.ts";
import { runtime } from "../../runtime.server.ts";
import { audit } from "../audit.server.ts";
import { mailLink, sendMail } from "../mailer.server.ts";
import { hashPassword, verifyPassword } from "../password.server.ts";
import { hitRateLimit } from "../rate-limit.server.ts";
import { hashToken, newToken, revokeUserSessions } from "../session.server.ts";
import { refused, type RefusalTable, type Result } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";
import type { AccountRefusal, AccountUser, Meta } from "./profile.server.ts";

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
  const who = { actorUserId: user.id, actorLabel: user.email, organizationId: user.organization_id, targetType: "user" as const, targetId: user.id };
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
