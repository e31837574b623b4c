import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { User } from "../../../db/schema.ts";
import type { ProfileInput } from "../../schemas/account.ts";
import { audit } from "../audit.server.ts";
import type { RefusalTable } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";

/**
 * A person's own account: profile, password (change and reset), sessions, and the rights the
 * Personal Information Protection Law gives them over their data (access/export, correction, deletion).
 */

export type Meta = { ip?: string | null };

export type AccountRefusal = "currentPasswordWrong" | "passwordSame" | "wrongPassword" | "lastAdmin" | "lastPlatformAdmin";

export const accountRefusals = {
  currentPasswordWrong: { kind: "invalid", message: "account.currentPasswordWrong", field: "currentPassword" },
  passwordSame: { kind: "invalid", message: "account.passwordSame", field: "password" },
  wrongPassword: { kind: "invalid", message: "account.delete.wrongPassword", field: "password" },
  lastAdmin: { kind: "conflict", message: "account.delete.lastAdmin" },
  lastPlatformAdmin: { kind: "conflict", message: "account.delete.lastPlatformAdmin" },
} satisfies RefusalTable<AccountRefusal>;
export type AccountUser = Pick<User, "id">;

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
