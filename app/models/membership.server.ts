import { sql, type Transaction } from "kysely";
import type { DB } from "../db.server.ts";
import type { Database, OrgRole, User } from "../../db/schema.ts";
import { audit } from "./audit.server.ts";
import type { AuditAction } from "../domain/audit-actions.ts";
import { revokeUserSessions } from "./session.server.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";

/**
 * An organisation's members and invitations. Every change is made by an administrator of that
 * organisation (checked here again, against the database, inside the transaction), is audited in the
 * same transaction, and a user or invitation of another organisation is "not found".
 */

export type MembershipRefusal = "forbidden" | "notFound" | "alreadyMember" | "emailHasAccount" | "lastAdmin" | "cannotRemoveSelf";

export const membershipRefusals = {
  forbidden: { kind: "forbidden", message: "members.forbidden" },
  notFound: { kind: "notFound", message: "members.notFound" },
  alreadyMember: { kind: "conflict", message: "members.alreadyMember", field: "email" },
  emailHasAccount: { kind: "conflict", message: "members.emailHasAccount", field: "email" },
  lastAdmin: { kind: "conflict", message: "members.lastAdmin" },
  cannotRemoveSelf: { kind: "conflict", message: "members.cannotRemoveSelf" },
} satisfies RefusalTable<MembershipRefusal>;

export type ActingUser = Pick<User, "id">;
export interface RequestMeta {
  ip?: string | null;
}

export type Trx = Transaction<Database>;

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  org_role: OrgRole | null;
  status: User["status"];
  last_login_at: Date | null;
}

export async function listMembers(db: DB, orgId: string): Promise<MemberRow[]> {
  if (!isUuid(orgId)) return [];
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "org_role", "status", "last_login_at"])
    .where("organization_id", "=", orgId)
    .where("status", "!=", "deleted")
    .orderBy(sql`case when org_role = 'admin' then 0 else 1 end`)
    .orderBy("name")
    .orderBy("email")
    .execute();
}

/**
 * The acting administrator, read again inside the transaction. The organisation row is locked so that
 * concurrent role changes and removals in one organisation run one after another: the "at least one
 * administrator" rule cannot be broken by two administrators demoting each other at the same moment.
 */
export async function lockAdmin(trx: Trx, actor: ActingUser): Promise<(User & { organization_id: string }) | null> {
  const me = await trx.selectFrom("users").selectAll().where("id", "=", actor.id).where("status", "=", "active").executeTakeFirst();
  if (!me?.organization_id) return null;
  await trx.selectFrom("organizations").select("id").where("id", "=", me.organization_id).forUpdate().executeTakeFirst();
  const fresh = await trx.selectFrom("users").selectAll().where("id", "=", actor.id).executeTakeFirstOrThrow();
  if (fresh.organization_id !== me.organization_id || fresh.org_role !== "admin" || fresh.status !== "active") return null;
  return fresh as User & { organization_id: string };
}

export async function denied(trx: Trx, actor: ActingUser, action: AuditAction, meta: RequestMeta, detail: Record<string, unknown> = {}) {
  const who = await trx.selectFrom("users").select(["email", "organization_id"]).where("id", "=", actor.id).executeTakeFirst();
  await audit(trx, {
    action,
    outcome: "denied",
    actorUserId: actor.id,
    actorLabel: who?.email ?? null,
    organizationId: who?.organization_id ?? null,
    ip: meta.ip,
    detail: { reason: "not_org_admin", ...detail },
  });
}

async function memberOf(trx: Trx, orgId: string, userId: string): Promise<User | undefined> {
  if (!isUuid(userId)) return undefined;
  return trx
    .selectFrom("users")
    .selectAll()
    .where("id", "=", userId)
    .where("organization_id", "=", orgId)
    .where("status", "!=", "deleted")
    .forUpdate()
    .executeTakeFirst();
}

async function otherActiveAdmins(trx: Trx, orgId: string, exceptUserId: string): Promise<number> {
  const row = await trx
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .where("org_role", "=", "admin")
    .where("status", "=", "active")
    .where("id", "!=", exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type MemberChangeResult = Result<{ user: Pick<User, "id" | "name" | "email">; changed: boolean; role?: OrgRole }, MembershipRefusal>;

export async function changeMemberRole(
  db: DB,
  actor: ActingUser,
  userId: string,
  role: OrgRole,
  meta: RequestMeta = {},
): Promise<MemberChangeResult> {
  return inTransaction(db, async (trx): Promise<MemberChangeResult> => {
    const admin = await lockAdmin(trx, actor);
    if (!admin) {
      await denied(trx, actor, "member.role_change", meta, { userId: String(userId).slice(0, 64), role });
      return refused("forbidden");
    }
    const target = await memberOf(trx, admin.organization_id, userId);
    if (!target) return refused("notFound");
    const base = {
      actorUserId: admin.id,
      actorLabel: admin.email,
      organizationId: admin.organization_id,
      targetType: "user" as const,
      targetId: target.id,
      ip: meta.ip,
    };
    const summary = { id: target.id, name: target.name, email: target.email };
    if (target.org_role === role) return { ok: true, user: summary, changed: false, role };
    if (target.org_role === "admin" && (await otherActiveAdmins(trx, admin.organization_id, target.id)) === 0) {
      await audit(trx, { ...base, action: "member.role_change", outcome: "denied", detail: { reason: "last_admin", from: target.org_role, to: role } });
      return refused("lastAdmin");
    }
    await trx.updateTable("users").set({ org_role: role, updated_at: sql`now()` }).where("id", "=", target.id).execute();
    await audit(trx, { ...base, action: "member.role_change", outcome: "success", detail: { email: target.email, from: target.org_role, to: role } });
    return { ok: true, user: summary, changed: true, role };
  });
}

/** Takes a user out of the organisation (the account stays) and ends all their sessions at once. */
export async function removeMember(db: DB, actor: ActingUser, userId: string, meta: RequestMeta = {}): Promise<MemberChangeResult> {
  return inTransaction(db, async (trx): Promise<MemberChangeResult> => {
    const admin = await lockAdmin(trx, actor);
    if (!admin) {
      await denied(trx, actor, "member.remove", meta, { userId: String(userId).slice(0, 64) });
      return refused("forbidden");
    }
    const target = await memberOf(trx, admin.organization_id, userId);
    if (!target) return refused("notFound");
    const base = {
      action: "member.remove" as const,
      actorUserId: admin.id,
      actorLabel: admin.email,
      organizationId: admin.organization_id,
      targetType: "user" as const,
      targetId: target.id,
      ip: meta.ip,
    };
    if (target.id === admin.id) {
      await audit(trx, { ...base, outcome: "denied", detail: { reason: "self" } });
      return refused("cannotRemoveSelf");
    }
    if (target.org_role === "admin" && (await otherActiveAdmins(trx, admin.organization_id, target.id)) === 0) {
      await audit(trx, { ...base, outcome: "denied", detail: { reason: "last_admin" } });
      return refused("lastAdmin");
    }
    await trx
      .updateTable("users")
      .set({ organization_id: null, org_role: null, updated_at: sql`now()` })
      .where("id", "=", target.id)
      .execute();
    const sessions = await revokeUserSessions(trx, target.id, "member_removed");
    await audit(trx, { ...base, outcome: "success", detail: { email: target.email, role: target.org_role, sessionsRevoked: sessions } });
    return { ok: true, user: { id: target.id, name: target.name, email: target.email }, changed: true };
  });
}
