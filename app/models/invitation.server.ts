import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { OrgRole, User } from "../../db/schema.ts";
import { audit } from "./audit.server.ts";
import { CONSENT_VERSION } from "./auth.server.ts";
import { hashPassword } from "./password.server.ts";
import { hashToken, newToken } from "./session.server.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type Refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";
import { denied, lockAdmin, type ActingUser, type MembershipRefusal, type RequestMeta, type Trx } from "./membership.server.ts";

export const INVITATION_DAYS = 7;

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
