import { sql, type Transaction } from "kysely";
import type { DB } from "../db.server.ts";
import type { Database, OrgRole, User } from "../../db/schema.ts";
import { audit } from "./audit.server.ts";
import { CONSENT_VERSION } from "./auth.server.ts";
import { hashPassword } from "./password.server.ts";
import { hashToken, newToken, revokeUserSessions } from "./session.server.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type Refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";

/**
 * An organisation's members and invitations. Every change is made by an administrator of that
 * organisation (checked here again, against the database, inside the transaction), is audited in the
 * same transaction, and a user or invitation of another organisation is "not found".
 */

export const INVITATION_DAYS = 7;

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

type Trx = Transaction<Database>;

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

export interface PendingInvitation {
  id: string;
  email: string;
  role: OrgRole;
  expires_at: Date;
  created_at: Date;
}

export async function listInvitations(db: DB, orgId: string): Promise<PendingInvitation[]> {
  if (!isUuid(orgId)) return [];
  return db
    .selectFrom("invitations")
    .select(["id", "email", "role", "expires_at", "created_at"])
    .where("organization_id", "=", orgId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .orderBy("created_at", "desc")
    .execute();
}

/**
 * The acting administrator, read again inside the transaction. The organisation row is locked so that
 * concurrent role changes and removals in one organisation run one after another: the "at least one
 * administrator" rule cannot be broken by two administrators demoting each other at the same moment.
 */
async function lockAdmin(trx: Trx, actor: ActingUser): Promise<(User & { organization_id: string }) | null> {
  const me = await trx.selectFrom("users").selectAll().where("id", "=", actor.id).where("status", "=", "active").executeTakeFirst();
  if (!me?.organization_id) return null;
  await trx.selectFrom("organizations").select("id").where("id", "=", me.organization_id).forUpdate().executeTakeFirst();
  const fresh = await trx.selectFrom("users").selectAll().where("id", "=", actor.id).executeTakeFirstOrThrow();
  if (fresh.organization_id !== me.organization_id || fresh.org_role !== "admin" || fresh.status !== "active") return null;
  return fresh as User & { organization_id: string };
}

async function denied(trx: Trx, actor: ActingUser, action: string, meta: RequestMeta, detail: Record<string, unknown> = {}) {
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

export type InviteResult = Result<
  { token: string; invitationId: string; email: string; role: OrgRole; expiresAt: Date; organizationName: string; replaced: number },
  MembershipRefusal
>;

/**
 * Invites an e-mail address into the administrator's organisation. The plain token is returned once and
 * never stored (only its SHA-256); an earlier pending invitation to the same address is revoked.
 */
export async function inviteMember(
  db: DB,
  actor: ActingUser,
  input: { email: string; role: OrgRole },
  meta: RequestMeta = {},
): Promise<InviteResult> {
  const email = input.email.trim().toLowerCase();
  return inTransaction(db, async (trx) => {
    const admin = await lockAdmin(trx, actor);
    if (!admin) {
      await denied(trx, actor, "member.invite", meta, { email });
      return refused("forbidden");
    }
    const existing = await trx
      .selectFrom("users")
      .select(["id", "organization_id"])
      .where(sql`lower(email)`, "=", email)
      .executeTakeFirst();
    if (existing) {
      return refused(existing.organization_id === admin.organization_id ? "alreadyMember" : "emailHasAccount");
    }
    const replaced = await trx
      .updateTable("invitations")
      .set({ revoked_at: sql`now()` })
      .where("organization_id", "=", admin.organization_id)
      .where(sql`lower(email)`, "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    const token = newToken();
    const invitation = await trx
      .insertInto("invitations")
      .values({
        organization_id: admin.organization_id,
        email,
        role: input.role,
        token_hash: hashToken(token),
        created_by: admin.id,
        expires_at: sql<Date>`now() + make_interval(days => ${INVITATION_DAYS})`,
      })
      .returning(["id", "expires_at"])
      .executeTakeFirstOrThrow();
    const organization = await trx.selectFrom("organizations").select("name").where("id", "=", admin.organization_id).executeTakeFirstOrThrow();
    await audit(trx, {
      action: "member.invite",
      outcome: "success",
      actorUserId: admin.id,
      actorLabel: admin.email,
      organizationId: admin.organization_id,
      targetType: "invitation",
      targetId: invitation.id,
      ip: meta.ip,
      detail: { email, role: input.role, replaced: Number(replaced.numUpdatedRows) },
    });
    return {
      ok: true as const,
      token,
      invitationId: invitation.id,
      email,
      role: input.role,
      expiresAt: new Date(invitation.expires_at),
      organizationName: organization.name,
      replaced: Number(replaced.numUpdatedRows),
    };
  });
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "not_found";

export interface InvitationView {
  state: InvitationState;
  email?: string;
  role?: OrgRole;
  organizationName?: string;
  expiresAt?: Date;
}

function stateOf(row: { accepted_at: Date | null; revoked_at: Date | null; expired: boolean }): InvitationState {
  if (row.accepted_at) return "used";
  if (row.revoked_at) return "revoked";
  if (row.expired) return "expired";
  return "valid";
}

const invitationByToken = (db: DB | Trx, token: string) =>
  db
    .selectFrom("invitations")
    .innerJoin("organizations", "organizations.id", "invitations.organization_id")
    .select([
      "invitations.id",
      "invitations.organization_id",
      "invitations.email",
      "invitations.role",
      "invitations.expires_at",
      "invitations.accepted_at",
      "invitations.revoked_at",
      "organizations.name as organization_name",
    ])
    .select(sql<boolean>`invitations.expires_at <= now()`.as("expired"))
    .where("invitations.token_hash", "=", hashToken(token));

/** What an invitation link stands for, for the acceptance page. */
export async function findInvitation(db: DB, token: string): Promise<InvitationView> {
  if (!token || token.length > 100) return { state: "not_found" };
  const row = await invitationByToken(db, token).executeTakeFirst();
  if (!row) return { state: "not_found" };
  return {
    state: stateOf(row),
    email: row.email,
    role: row.role,
    organizationName: row.organization_name,
    expiresAt: new Date(row.expires_at),
  };
}

/** Why a link does not open an account: the invitation's state, or its address already has one. */
export type InvitationRefusal = Exclude<InvitationState, "valid"> | "email_taken";

export const invitationRefusals = {
  not_found: { kind: "notFound", message: "invite.notFoundText" },
  expired: { kind: "gone", message: "invite.expiredText" },
  used: { kind: "gone", message: "invite.usedText" },
  revoked: { kind: "gone", message: "invite.revokedText" },
  email_taken: { kind: "conflict", message: "invite.emailTaken" },
} satisfies RefusalTable<InvitationRefusal>;

export type AcceptResult = Result<{ user: User; organizationName: string }, InvitationRefusal>;

const emailTaken = (email: string | undefined): Refused<InvitationRefusal> => refused("email_taken", { vars: { email: email ?? "" } });

/**
 * Creates the invited person's account in the organisation with the invited role. The invitation is
 * locked and re-checked inside the transaction, so a token opens one account only.
 */
export async function acceptInvitation(
  db: DB,
  token: string,
  input: { name: string; password: string },
  meta: RequestMeta = {},
): Promise<AcceptResult> {
  const first = await findInvitation(db, token);
  if (first.state !== "valid") return refused(first.state);
  // argon2 outside the transaction: no lock is held while it runs.
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(db, async (trx): Promise<AcceptResult> => {
      const row = await invitationByToken(trx, token).forUpdate("invitations").executeTakeFirst();
      if (!row) return refused("not_found");
      const state = stateOf(row);
      if (state !== "valid") return refused(state);
      const taken = await trx.selectFrom("users").select("id").where(sql`lower(email)`, "=", row.email.toLowerCase()).executeTakeFirst();
      if (taken) return emailTaken(row.email);
      const user = await trx
        .insertInto("users")
        .values({
          email: row.email.toLowerCase(),
          name: input.name.trim(),
          password_hash: passwordHash,
          organization_id: row.organization_id,
          org_role: row.role,
          consent_at: sql`now()`,
          consent_version: CONSENT_VERSION,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable("invitations").set({ accepted_at: sql`now()` }).where("id", "=", row.id).execute();
      await audit(trx, {
        action: "member.accept",
        outcome: "success",
        actorUserId: user.id,
        actorLabel: user.email,
        organizationId: row.organization_id,
        targetType: "invitation",
        targetId: row.id,
        ip: meta.ip,
        detail: { role: row.role },
      });
      return { ok: true, user, organizationName: row.organization_name };
    });
  } catch (error) {
    // The unique index on lower(email) is the last word when two sign-ups race.
    if ((error as { code?: string }).code === "23505") {
      return emailTaken(first.email);
    }
    throw error;
  }
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
      targetType: "user",
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
      action: "member.remove",
      actorUserId: admin.id,
      actorLabel: admin.email,
      organizationId: admin.organization_id,
      targetType: "user",
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

export type RevokeInvitationResult = Result<{ email: string }, MembershipRefusal>;

export async function revokeInvitation(db: DB, actor: ActingUser, invitationId: string, meta: RequestMeta = {}): Promise<RevokeInvitationResult> {
  return inTransaction(db, async (trx): Promise<RevokeInvitationResult> => {
    const admin = await lockAdmin(trx, actor);
    if (!admin) {
      await denied(trx, actor, "invitation.revoke", meta, { invitationId: String(invitationId).slice(0, 64) });
      return refused("forbidden");
    }
    if (!isUuid(invitationId)) return refused("notFound");
    const invitation = await trx
      .updateTable("invitations")
      .set({ revoked_at: sql`now()` })
      .where("id", "=", invitationId)
      .where("organization_id", "=", admin.organization_id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning(["id", "email"])
      .executeTakeFirst();
    if (!invitation) return refused("notFound");
    await audit(trx, {
      action: "invitation.revoke",
      outcome: "success",
      actorUserId: admin.id,
      actorLabel: admin.email,
      organizationId: admin.organization_id,
      targetType: "invitation",
      targetId: invitation.id,
      ip: meta.ip,
      detail: { email: invitation.email },
    });
    return { ok: true, email: invitation.email };
  });
}
