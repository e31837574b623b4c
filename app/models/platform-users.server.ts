import { sql, type Transaction } from "kysely";
import type { DB } from "../db.server.ts";
import type { Database, OrgRole, PlatformRole, User } from "../../db/schema.ts";
import { audit, type AuditEvent } from "./audit.server.ts";
import type { AuditAction } from "../domain/audit-actions.ts";
import { hashPassword } from "./password.server.ts";
import { revokeUserSessions } from "./session.server.ts";
import type { ActingUser, RequestMeta } from "./membership.server.ts";
import { containsPattern } from "../utils/like-pattern.ts";
import { isPlatformAdminRole } from "../domain/permissions.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";

/**
 * Platform user administration: platform roles, disabling and enabling accounts. Only a platform
 * administrator (checked against the database, inside the transaction) decides; every decision is audited
 * in the same transaction, and any change of role or status ends the user's sessions so the new rights
 * (and the staff idle timeout, fixed when a session starts) apply at the next request.
 */

export const USERS_PAGE_SIZE = 20;

/** The names of the plan's units (plan_units), sorted: a plan officer follows the tasks of one of them. */
export async function planUnits(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("plan_units").select("name").orderBy("name").execute();
  return rows.map((r) => r.name);
}

export interface UserFilter {
  q?: string;
  /** A platform role, or "none" for accounts without one. */
  role?: PlatformRole | "none";
  status?: User["status"];
  page?: number;
}

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  organization_name: string | null;
  org_role: OrgRole | null;
  platform_role: PlatformRole | null;
  /** The name of the plan officer's unit. */
  plan_unit: string | null;
  status: User["status"];
  locked: boolean;
  last_login_at: Date | null;
  created_at: Date;
}


export async function listUsers(db: DB, filter: UserFilter = {}): Promise<{ rows: UserListRow[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, Math.min(10_000, Math.floor(filter.page ?? 1) || 1));
  let query = db
    .selectFrom("users")
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .leftJoin("plan_units", "plan_units.id", "users.plan_unit_id");
  const q = filter.q?.trim().slice(0, 100);
  if (q) {
    const pattern = containsPattern(q.toLowerCase());
    query = query.where((eb) =>
      eb.or([eb(sql`lower(users.email)`, "like", pattern), eb(sql`lower(users.name)`, "like", pattern)]),
    );
  }
  if (filter.role === "none") query = query.where("users.platform_role", "is", null);
  else if (filter.role) query = query.where("users.platform_role", "=", filter.role);
  if (filter.status) query = query.where("users.status", "=", filter.status);

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "users.id",
      "users.name",
      "users.email",
      "organizations.name as organization_name",
      "users.org_role",
      "users.platform_role",
      "plan_units.name as plan_unit",
      "users.status",
      "users.last_login_at",
      "users.created_at",
    ])
    .select(sql<boolean>`coalesce(users.locked_until > now(), false)`.as("locked"))
    .orderBy(sql`users.platform_role is null`)
    .orderBy("users.created_at", "desc")
    .orderBy("users.id")
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE)
    .execute();
  return { rows, total: Number(total), page, pageSize: USERS_PAGE_SIZE };
}

export type PlatformUserRefusal =
  | "forbidden"
  | "notFound"
  | "cannotChangeSelf"
  | "cannotDisableSelf"
  | "planUnitRequired"
  | "planUnitInvalid";

export const platformUserRefusals = {
  forbidden: { kind: "forbidden", message: "adminUsers.forbidden" },
  notFound: { kind: "notFound", message: "adminUsers.notFound" },
  cannotChangeSelf: { kind: "conflict", message: "adminUsers.cannotChangeSelf" },
  cannotDisableSelf: { kind: "conflict", message: "adminUsers.cannotDisableSelf" },
  planUnitRequired: { kind: "invalid", message: "adminUsers.planUnitRequired", field: "planUnit" },
  planUnitInvalid: { kind: "invalid", message: "adminUsers.planUnitInvalid", field: "planUnit" },
} satisfies RefusalTable<PlatformUserRefusal>;

export type PlatformChangeResult = Result<
  { user: Pick<User, "id" | "name" | "email">; changed: boolean; sessionsRevoked: number },
  PlatformUserRefusal
>;

type Trx = Transaction<Database>;

async function platformAdmin(trx: Trx, actor: ActingUser) {
  return trx
    .selectFrom("users")
    .selectAll()
    .where("id", "=", actor.id)
    .where("status", "=", "active")
    .where("platform_role", "=", "platform_admin")
    .executeTakeFirst();
}

async function deniedNotAdmin(trx: Trx, actor: ActingUser, action: AuditAction, userId: string, meta: RequestMeta) {
  const who = await trx.selectFrom("users").select(["email", "organization_id"]).where("id", "=", actor.id).executeTakeFirst();
  await audit(trx, {
    action,
    outcome: "denied",
    actorUserId: actor.id,
    actorLabel: who?.email ?? null,
    organizationId: who?.organization_id ?? null,
    targetType: "user",
    targetId: String(userId).slice(0, 64),
    ip: meta.ip,
    detail: { reason: "not_platform_admin" },
  });
}

async function targetUser(trx: Trx, userId: string) {
  if (!isUuid(userId)) return undefined;
  return trx.selectFrom("users").selectAll().where("id", "=", userId).where("status", "!=", "deleted").forUpdate().executeTakeFirst();
}

type TargetUser = NonNullable<Awaited<ReturnType<typeof targetUser>>>;
type DecisionAudit = Omit<AuditEvent, "outcome" | "detail">;

/**
 * One administrative decision about one account, in one transaction: the actor must be a platform
 * administrator (a refusal is audited), the target must exist and is locked for the decision; `decide`
 * gets the audit fields every record of this decision shares.
 */
function adminDecision(
  db: DB,
  actor: ActingUser,
  action: AuditAction,
  userId: string,
  meta: RequestMeta,
  decide: (trx: Trx, admin: User, target: TargetUser, base: DecisionAudit) => Promise<PlatformChangeResult>,
): Promise<PlatformChangeResult> {
  return inTransaction(db, async (trx): Promise<PlatformChangeResult> => {
    const admin = await platformAdmin(trx, actor);
    if (!admin) {
      await deniedNotAdmin(trx, actor, action, userId, meta);
      return refused("forbidden");
    }
    const target = await targetUser(trx, userId);
    if (!target) return refused("notFound");
    const base: DecisionAudit = {
      action,
      actorUserId: admin.id,
      actorLabel: admin.email,
      organizationId: target.organization_id,
      targetType: "user",
      targetId: target.id,
      ip: meta.ip,
    };
    return decide(trx, admin, target, base);
  });
}

const summaryOf = (target: TargetUser) => ({ id: target.id, name: target.name, email: target.email });

/** Gives, changes or (with null) takes away a user's platform role; a plan officer needs a plan unit. */
export function setPlatformRole(
  db: DB,
  actor: ActingUser,
  userId: string,
  role: PlatformRole | null,
  planUnit?: string | null,
  meta: RequestMeta = {},
): Promise<PlatformChangeResult> {
  const unitName = role === "plan_officer" ? (planUnit?.trim() ?? "") : null;
  return adminDecision(db, actor, "user.role_change", userId, meta, async (trx, admin, target, base) => {
    if (target.id === admin.id && role !== "platform_admin") {
      await audit(trx, { ...base, outcome: "denied", detail: { reason: "self", to: role } });
      return refused("cannotChangeSelf");
    }
    if (role === "plan_officer") {
      if (!unitName) return refused("planUnitRequired");
    }
    const unit = unitName ? await trx.selectFrom("plan_units").select(["id", "name"]).where("name", "=", unitName).executeTakeFirst() : null;
    if (unit === undefined) return refused("planUnitInvalid");
    const unitId = unit?.id ?? null;
    if (target.platform_role === role && target.plan_unit_id === unitId) {
      return { ok: true, user: summaryOf(target), changed: false, sessionsRevoked: 0 };
    }
    const fromUnit = target.plan_unit_id === null ? null : ((await trx.selectFrom("plan_units").select("name").where("id", "=", target.plan_unit_id).executeTakeFirst())?.name ?? null);
    await trx.updateTable("users").set({ platform_role: role, plan_unit_id: unitId, updated_at: sql`now()` }).where("id", "=", target.id).execute();
    const sessionsRevoked = await revokeUserSessions(trx, target.id, "platform_role_changed");
    await audit(trx, {
      ...base,
      outcome: "success",
      detail: { email: target.email, from: target.platform_role, to: role, fromUnit, toUnit: unit?.name ?? null, sessionsRevoked },
    });
    return { ok: true, user: summaryOf(target), changed: true, sessionsRevoked };
  });
}

function setStatus(db: DB, actor: ActingUser, userId: string, status: "active" | "disabled", meta: RequestMeta): Promise<PlatformChangeResult> {
  const action = status === "disabled" ? "user.disable" : "user.enable";
  return adminDecision(db, actor, action, userId, meta, async (trx, admin, target, base) => {
    if (target.id === admin.id && status === "disabled") {
      await audit(trx, { ...base, outcome: "denied", detail: { reason: "self" } });
      return refused("cannotDisableSelf");
    }
    if (target.status === status) return { ok: true, user: summaryOf(target), changed: false, sessionsRevoked: 0 };
    await trx.updateTable("users").set({ status, updated_at: sql`now()` }).where("id", "=", target.id).execute();
    const sessionsRevoked = status === "disabled" ? await revokeUserSessions(trx, target.id, "user_disabled") : 0;
    await audit(trx, { ...base, outcome: "success", detail: { email: target.email, sessionsRevoked } });
    return { ok: true, user: summaryOf(target), changed: true, sessionsRevoked };
  });
}

/** Disables an account: it can no longer sign in, and every session ends now. */
export function disableUser(db: DB, actor: ActingUser, userId: string, meta: RequestMeta = {}) {
  return setStatus(db, actor, userId, "disabled", meta);
}

export function enableUser(db: DB, actor: ActingUser, userId: string, meta: RequestMeta = {}) {
  return setStatus(db, actor, userId, "active", meta);
}

/**
 * Ends a sign-in lock at once and forgets the failures counted so far: whoever locked an account with wrong
 * passwords, a platform administrator can always let its owner in again. Audited as user.unlock.
 */
export function unlockUser(db: DB, actor: ActingUser, userId: string, meta: RequestMeta = {}, now: Date = new Date()): Promise<PlatformChangeResult> {
  return adminDecision(db, actor, "user.unlock", userId, meta, async (trx, _admin, target, base) => {
    const locked = !!target.locked_until && new Date(target.locked_until) > now;
    if (!locked && target.failed_logins === 0) return { ok: true, user: summaryOf(target), changed: false, sessionsRevoked: 0 };
    await trx
      .updateTable("users")
      .set({ failed_logins: 0, failed_logins_since: null, locked_until: null, updated_at: sql`now()` })
      .where("id", "=", target.id)
      .execute();
    await audit(trx, { ...base, outcome: "success", detail: { email: target.email, wasLocked: locked, failures: target.failed_logins } });
    return { ok: true, user: summaryOf(target), changed: true, sessionsRevoked: 0 };
  });
}

/** A deleted account's address cannot be reused: the command line says so in its own words. */
export type CreateAdminResult = Result<{ created: true; user: User } | { created: false; user: User; alreadyAdmin: boolean }, "deleted">;

/**
 * For `npm run admin:create`: a new platform administrator with the given password, or an existing
 * account (same e-mail, any case) promoted, its password unchanged and its sessions ended.
 */
export async function createPlatformAdmin(
  db: DB,
  input: { email: string; name: string; password: string },
): Promise<CreateAdminResult> {
  const email = input.email.trim().toLowerCase();
  const existing = await db.selectFrom("users").selectAll().where(sql`lower(email)`, "=", email).executeTakeFirst();
  const passwordHash = existing ? null : await hashPassword(input.password);
  return inTransaction(db, async (trx): Promise<CreateAdminResult> => {
    const user = await trx.selectFrom("users").selectAll().where(sql`lower(email)`, "=", email).forUpdate().executeTakeFirst();
    const base = { actorLabel: "admin:create", ip: null, targetType: "user" as const };
    if (!user) {
      const created = await trx
        .insertInto("users")
        .values({ email, name: input.name.trim(), password_hash: passwordHash ?? (await hashPassword(input.password)), platform_role: "platform_admin" })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, { ...base, action: "user.create", outcome: "success", targetId: created.id, detail: { email, platformRole: "platform_admin", via: "cli" } });
      return { ok: true, created: true, user: created };
    }
    if (user.status === "deleted") return refused("deleted");
    if (isPlatformAdminRole(user.platform_role) && user.status === "active") {
      return { ok: true, created: false, user, alreadyAdmin: true };
    }
    const updated = await trx
      .updateTable("users")
      .set({ platform_role: "platform_admin", plan_unit_id: null, status: "active", updated_at: sql`now()` })
      .where("id", "=", user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const sessionsRevoked = await revokeUserSessions(trx, user.id, "platform_role_changed");
    await audit(trx, {
      ...base,
      action: "user.role_change",
      outcome: "success",
      organizationId: user.organization_id,
      targetId: user.id,
      detail: { email, from: user.platform_role, to: "platform_admin", fromStatus: user.status, sessionsRevoked, via: "cli" },
    });
    return { ok: true, created: false, user: updated, alreadyAdmin: false };
  });
}
