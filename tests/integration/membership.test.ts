import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.ts";
import type { OrgRole } from "../../db/schema.ts";
import { authenticate } from "../../app/models/auth.server.ts";
import { changeMemberRole, listMembers, removeMember, membershipRefusals } from "../../app/models/membership.server.ts";
import { acceptInvitation, findInvitation, inviteMember, listInvitations, invitationRefusals, revokeInvitation } from "../../app/models/invitation.server.ts";
import { createSession, findSession, hashToken } from "../../app/models/session.server.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { answered } from "../support/refusals.ts";
import { insertUser } from "../support/users.ts";

const PASSWORD = "Strong-Pass-2026";
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

async function makeOrg(db: DB, name = `成员测试企业${unique()}`) {
  return db.insertInto("organizations").values({ kind: "enterprise", name, status: "verified" }).returning(["id", "name"]).executeTakeFirstOrThrow();
}

const makeUser = (db: DB, orgId: string | null, role: OrgRole | null, name = "测试用户") =>
  insertUser(db, { name, organization_id: orgId, org_role: role });

async function auditRows(db: DB, action: string, targetId?: string) {
  let q = db.selectFrom("audit_log").selectAll().where("action", "=", action);
  if (targetId) q = q.where("target_id", "=", targetId);
  return q.orderBy("id").execute();
}

async function invitedToken(db: DB, adminId: string, email: string, role: OrgRole = "member") {
  const invited = await inviteMember(db, { id: adminId }, { email, role });
  if (!invited.ok) throw new Error(`invite refused: ${invited.code}`);
  return invited;
}

describe.each(backends)("organisation members on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
  });
  afterAll(() => database?.dispose());

  it("invites, stores only the token's hash, and the accepted invitation creates the member with the invited role", async () => {
    const org = await makeOrg(db);
    const admin = await makeUser(db, org.id, "admin");
    const email = `New.Member${unique()}@Example.cn`;
    const invited = await invitedToken(db, admin.id, email, "admin");
    expect(invited.email).toBe(email.toLowerCase());
    expect(invited.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(invited.expiresAt.getTime() - Date.now()).toBeLessThan(7.1 * 24 * 3600 * 1000);

    const stored = await db.selectFrom("invitations").selectAll().where("id", "=", invited.invitationId).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(invited.token));
    expect(JSON.stringify(stored)).not.toContain(invited.token);
    expect(await findInvitation(db, invited.token)).toMatchObject({ state: "valid", organizationName: org.name, role: "admin" });
    expect((await listInvitations(db, org.id)).map((i) => i.email)).toEqual([email.toLowerCase()]);

    const accepted = await acceptInvitation(db, invited.token, { name: "新成员", password: PASSWORD }, { ip: "203.0.113.9" });
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    expect(accepted.user).toMatchObject({ organization_id: org.id, org_role: "admin", email: email.toLowerCase(), name: "新成员" });
    expect(accepted.user.password_hash).toMatch(/^\$argon2id\$/);
    expect(accepted.user.consent_at).not.toBeNull();
    expect((await authenticate(db, { email, password: PASSWORD })).ok).toBe(true);
    expect((await listMembers(db, org.id)).map((m) => m.email)).toContain(email.toLowerCase());
    expect(await listInvitations(db, org.id)).toEqual([]);

    const [inviteAudit] = await auditRows(db, "member.invite", invited.invitationId);
    expect(inviteAudit).toMatchObject({ outcome: "success", actor_user_id: admin.id, organization_id: org.id });
    const [acceptAudit] = await auditRows(db, "member.accept", invited.invitationId);
    expect(acceptAudit).toMatchObject({ outcome: "success", actor_user_id: accepted.user.id, ip: "203.0.113.9" });
  });

  it("uses a token once, refuses expired and revoked tokens, and a second invitation replaces the first", async () => {
    const org = await makeOrg(db);
    const admin = await makeUser(db, org.id, "admin");

    const once = await invitedToken(db, admin.id, `once${unique()}@example.cn`);
    expect((await acceptInvitation(db, once.token, { name: "甲", password: PASSWORD })).ok).toBe(true);
    expect(answered(invitationRefusals, await acceptInvitation(db, once.token, { name: "乙", password: PASSWORD }))).toMatchObject({ ok: false, code: "used", status: 410 });
    expect((await findInvitation(db, once.token)).state).toBe("used");

    const late = await invitedToken(db, admin.id, `late${unique()}@example.cn`);
    await db.updateTable("invitations").set({ expires_at: sql`now() - interval '1 minute'` }).where("id", "=", late.invitationId).execute();
    expect(answered(invitationRefusals, await acceptInvitation(db, late.token, { name: "丙", password: PASSWORD }))).toMatchObject({ ok: false, code: "expired", status: 410 });
    expect(await db.selectFrom("users").select("id").where("email", "=", late.email).executeTakeFirst()).toBeUndefined();

    const email = `twice${unique()}@example.cn`;
    const first = await invitedToken(db, admin.id, email);
    const second = await invitedToken(db, admin.id, email.toUpperCase(), "admin");
    expect(second.replaced).toBe(1);
    expect((await findInvitation(db, first.token)).state).toBe("revoked");
    expect(answered(invitationRefusals, await acceptInvitation(db, first.token, { name: "丁", password: PASSWORD }))).toMatchObject({ ok: false, code: "revoked" });
    expect((await listInvitations(db, org.id)).filter((i) => i.email === email)).toHaveLength(1);

    const revoked = await invitedToken(db, admin.id, `revoked${unique()}@example.cn`);
    expect(await revokeInvitation(db, admin, revoked.invitationId)).toMatchObject({ ok: true });
    expect(answered(invitationRefusals, await acceptInvitation(db, revoked.token, { name: "戊", password: PASSWORD }))).toMatchObject({ ok: false, code: "revoked" });
    expect(await auditRows(db, "invitation.revoke", revoked.invitationId)).toHaveLength(1);

    expect(answered(invitationRefusals, await acceptInvitation(db, "no-such-token", { name: "己", password: PASSWORD }))).toMatchObject({ ok: false, code: "not_found", status: 404 });
    expect((await findInvitation(db, "x".repeat(500))).state).toBe("not_found");
  });

  it("refuses to invite or accept an e-mail that already has an account", async () => {
    const org = await makeOrg(db);
    const admin = await makeUser(db, org.id, "admin");
    const other = await makeUser(db, null, null);
    expect(answered(membershipRefusals, await inviteMember(db, admin, { email: other.email.toUpperCase(), role: "member" }))).toMatchObject({
      ok: false,
      status: 409,
      field: "email",
      message: "members.emailHasAccount",
    });
    expect(answered(membershipRefusals, await inviteMember(db, admin, { email: admin.email, role: "member" }))).toMatchObject({ ok: false, message: "members.alreadyMember" });

    // The account appears after the invitation was sent (say, a registration in between).
    const email = `race${unique()}@example.cn`;
    const invited = await invitedToken(db, admin.id, email);
    await db.insertInto("users").values({ email, name: "抢注", password_hash: "x" }).execute();
    const refused = await acceptInvitation(db, invited.token, { name: "受邀人", password: PASSWORD });
    expect(answered(invitationRefusals, refused)).toMatchObject({ ok: false, code: "email_taken", status: 409, message: "invite.emailTaken" });
    expect((await findInvitation(db, invited.token)).state).toBe("valid");
  });

  it("removing a member takes them out of the organisation and ends their sessions at once", async () => {
    const org = await makeOrg(db);
    const admin = await makeUser(db, org.id, "admin");
    const member = await makeUser(db, org.id, "member", "被移除成员");
    const { token } = await createSession(db, member, { ip: "198.51.100.1" });
    const { token: second } = await createSession(db, member, {});
    expect(await findSession(db, token)).not.toBeNull();

    const result = await removeMember(db, admin, member.id, { ip: "198.51.100.2" });
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(await findSession(db, token)).toBeNull();
    expect(await findSession(db, second)).toBeNull();
    const after = await db.selectFrom("users").selectAll().where("id", "=", member.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ organization_id: null, org_role: null, status: "active" });
    const [row] = await auditRows(db, "member.remove", member.id);
    expect(row).toMatchObject({ outcome: "success", actor_user_id: admin.id, organization_id: org.id, ip: "198.51.100.2" });
    expect(row.detail).toMatchObject({ sessionsRevoked: 2 });
    expect(answered(membershipRefusals, await removeMember(db, admin, member.id))).toMatchObject({ ok: false, status: 404 });
  });

  it("an organisation always keeps an administrator: the last one can be neither demoted nor removed", async () => {
    const org = await makeOrg(db);
    const admin = await makeUser(db, org.id, "admin");
    const member = await makeUser(db, org.id, "member");

    expect(answered(membershipRefusals, await changeMemberRole(db, admin, admin.id, "member"))).toMatchObject({ ok: false, status: 409, message: "members.lastAdmin" });
    expect(answered(membershipRefusals, await removeMember(db, admin, admin.id))).toMatchObject({ ok: false, message: "members.cannotRemoveSelf" });
    // A second administrator who is disabled does not count.
    const disabledAdmin = await makeUser(db, org.id, "admin");
    await db.updateTable("users").set({ status: "disabled" }).where("id", "=", disabledAdmin.id).execute();
    expect(answered(membershipRefusals, await changeMemberRole(db, admin, admin.id, "member"))).toMatchObject({ ok: false, message: "members.lastAdmin" });
    expect((await db.selectFrom("users").select("org_role").where("id", "=", admin.id).executeTakeFirstOrThrow()).org_role).toBe("admin");

    // With a second active administrator, the first may step down; the second is then the last.
    expect(await changeMemberRole(db, admin, member.id, "admin")).toMatchObject({ ok: true, changed: true });
    expect(await changeMemberRole(db, admin, admin.id, "member")).toMatchObject({ ok: true, changed: true });
    expect(answered(membershipRefusals, await changeMemberRole(db, member, member.id, "member"))).toMatchObject({ ok: false, message: "members.lastAdmin" });
    expect(answered(membershipRefusals, await removeMember(db, member, member.id))).toMatchObject({ ok: false, message: "members.cannotRemoveSelf" });
    const denied = await db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("organization_id", "=", org.id)
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });

  it("concurrent demotions of the only two administrators leave one administrator", async () => {
    const org = await makeOrg(db);
    const a = await makeUser(db, org.id, "admin");
    const b = await makeUser(db, org.id, "admin");
    const results = await Promise.all([changeMemberRole(db, a, b.id, "member"), changeMemberRole(db, b, a.id, "member")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const admins = (await listMembers(db, org.id)).filter((m) => m.org_role === "admin");
    expect(admins).toHaveLength(1);
  });

  it("only the organisation's administrators manage it; another organisation's member is not found", async () => {
    const orgA = await makeOrg(db);
    const orgB = await makeOrg(db);
    const adminA = await makeUser(db, orgA.id, "admin");
    const adminB = await makeUser(db, orgB.id, "admin");
    const memberB = await makeUser(db, orgB.id, "member");
    const plainMemberA = await makeUser(db, orgA.id, "member");

    expect(answered(membershipRefusals, await changeMemberRole(db, adminA, memberB.id, "admin"))).toMatchObject({ ok: false, status: 404 });
    expect(answered(membershipRefusals, await removeMember(db, adminA, memberB.id))).toMatchObject({ ok: false, status: 404 });
    expect(answered(membershipRefusals, await changeMemberRole(db, adminA, "not-a-uuid", "admin"))).toMatchObject({ ok: false, status: 404 });
    const invitationB = await invitedToken(db, adminB.id, `b${unique()}@example.cn`);
    expect(answered(membershipRefusals, await revokeInvitation(db, adminA, invitationB.invitationId))).toMatchObject({ ok: false, status: 404 });
    expect((await findInvitation(db, invitationB.token)).state).toBe("valid");
    const untouched = await db.selectFrom("users").select(["org_role", "organization_id"]).where("id", "=", memberB.id).executeTakeFirstOrThrow();
    expect(untouched).toEqual({ org_role: "member", organization_id: orgB.id });

    expect(answered(membershipRefusals, await inviteMember(db, plainMemberA, { email: `x${unique()}@example.cn`, role: "member" }))).toMatchObject({ ok: false, status: 403 });
    expect(answered(membershipRefusals, await changeMemberRole(db, plainMemberA, plainMemberA.id, "admin"))).toMatchObject({ ok: false, status: 403 });
    expect(answered(membershipRefusals, await removeMember(db, plainMemberA, adminA.id))).toMatchObject({ ok: false, status: 403 });
    const denied = await db.selectFrom("audit_log").select("action").where("actor_user_id", "=", plainMemberA.id).where("outcome", "=", "denied").execute();
    expect(denied.map((d) => d.action).sort()).toEqual(["member.invite", "member.remove", "member.role_change"]);
  });

  it("audits every role change with who, whom, from and to", async () => {
    const org = await makeOrg(db);
    const admin = await makeUser(db, org.id, "admin");
    const member = await makeUser(db, org.id, "member");
    expect(await changeMemberRole(db, admin, member.id, "admin", { ip: "192.0.2.7" })).toMatchObject({ ok: true, changed: true });
    expect(await changeMemberRole(db, admin, member.id, "admin")).toMatchObject({ ok: true, changed: false });
    expect(await changeMemberRole(db, admin, member.id, "member")).toMatchObject({ ok: true, changed: true });
    const rows = await auditRows(db, "member.role_change", member.id);
    expect(rows.map((r) => [r.outcome, r.detail.from, r.detail.to])).toEqual([
      ["success", "member", "admin"],
      ["success", "admin", "member"],
    ]);
    expect(rows[0]).toMatchObject({ actor_user_id: admin.id, actor_label: admin.email, organization_id: org.id, target_type: "user", ip: "192.0.2.7" });
  });
});
