import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import { enqueueIndexJob } from "../../../search/outbox.ts";
import { audit } from "../audit.server.ts";
import { CONSENT_VERSION } from "../auth.server.ts";
import { hashPassword, verifyPassword } from "../password.server.ts";
import { revokeUserSessions } from "../session.server.ts";
import { isPlatformAdminRole } from "../../domain/permissions.ts";
import { refused, type Result } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";
import type { AccountRefusal, AccountUser, Meta } from "./profile.server.ts";

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
      actorOrganizationId: organizationId,
      targetType: "user",
      targetId: current.id,
      ip: meta.ip,
      detail: { revokedSessions: revoked, orgRole: current.org_role },
    });
    return { ok: true, organizationId };
  });
}
