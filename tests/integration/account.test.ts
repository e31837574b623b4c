import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/env.server.ts";
import { createLogger } from "../../app/logger.server.ts";
import { accountRefusals, updateProfile } from "../../app/models/account/profile.server.ts";
import { changePassword, checkResetToken, requestPasswordReset, resetPassword } from "../../app/models/account/passwords.server.ts";
import { endOtherSessions, endSession, listSessions } from "../../app/models/account/sessions.server.ts";
import { deleteAccount, exportPersonalData } from "../../app/models/account/personal-data.server.ts";
import { authenticate, registerOrganization } from "../../app/models/auth.server.ts";
import { createSession, findSession, hashToken } from "../../app/models/session.server.ts";
import { setRuntime, type Runtime } from "../../app/runtime.server.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { answered } from "../support/refusals.ts";
import { registration, TEST_PASSWORD } from "../support/registration.ts";

const PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = "Newer-Pass-2027!";

describe.each(backends)("a user's own account on %s", (backend) => {
  let database: TestDatabase;
  let dataDir: string;

  // The mailer writes development mail to DATA_DIR/dev-mail, as in the browser tests.
  function mailsTo(email: string): Array<{ to: string; subject: string; text: string }> {
    const dir = path.join(dataDir, "dev-mail");
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.includes(email))
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
  }
  function tokenFrom(mail: { text: string }): string {
    const match = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text);
    if (!match) throw new Error(`no reset link in ${mail.text}`);
    return match[1];
  }

  async function newUser() {
    const input = registration();
    const result = await registerOrganization(database.db, input);
    if (!result.ok) throw new Error("registration failed");
    return { input, user: result.user, organizationId: result.organizationId };
  }

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-account-test-"));
    setRuntime({
      env: parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "silent" }),
      log: createLogger("silent"),
      db: database.db,
      dbKind: backend,
    } as unknown as Runtime);
  });
  afterAll(async () => {
    setRuntime(undefined);
    await database?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("changes the password only with the right current password, and then ends every old session", async () => {
    const { user } = await newUser();
    const here = await createSession(database.db, user, { ip: "10.0.0.1", userAgent: "Firefox" });
    const elsewhere = await createSession(database.db, user, { ip: "10.0.0.2", userAgent: "Chrome" });

    const wrong = await changePassword(database.db, user, here.session.id, { currentPassword: "Not-The-Pass-1", password: NEW_PASSWORD });
    expect(answered(accountRefusals, wrong)).toEqual({ ok: false, code: "currentPasswordWrong", status: 400, field: "currentPassword", message: "account.currentPasswordWrong" });
    expect(await findSession(database.db, here.token)).not.toBeNull();
    expect(await findSession(database.db, elsewhere.token)).not.toBeNull();

    const before = await database.db.selectFrom("users").select("password_changed_at").where("id", "=", user.id).executeTakeFirstOrThrow();
    const ok = await changePassword(database.db, user, here.session.id, { currentPassword: PASSWORD, password: NEW_PASSWORD });
    expect(ok).toEqual({ ok: true });
    // The old session ids, the caller's own included, no longer open anything.
    expect(await findSession(database.db, here.token)).toBeNull();
    expect(await findSession(database.db, elsewhere.token)).toBeNull();
    const after = await database.db.selectFrom("users").select("password_changed_at").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(new Date(after.password_changed_at).getTime()).toBeGreaterThan(new Date(before.password_changed_at).getTime());

    expect((await authenticate(database.db, { email: user.email, password: PASSWORD })).ok).toBe(false);
    expect((await authenticate(database.db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(true);
    const audit = await database.db
      .selectFrom("audit_log")
      .select("outcome")
      .where("action", "=", "account.password_change")
      .where("actor_user_id", "=", user.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.outcome)).toEqual(["failure", "success"]);
  });

  it("sends a single-use reset link that unlocks a locked account and ends its sessions", async () => {
    const { user } = await newUser();
    const session = await createSession(database.db, user, {});
    await database.db
      .updateTable("users")
      .set({ failed_logins: 5, locked_until: sql`now() + interval '15 minutes'` })
      .where("id", "=", user.id)
      .execute();

    expect(await requestPasswordReset(database.db, user.email.toUpperCase())).toBeUndefined();
    const mails = mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("重置密码");
    expect(mails[0].text).toContain("http://localhost:3000/reset-password/");
    const token = tokenFrom(mails[0]);
    // Only the token's hash is stored.
    const row = await database.db.selectFrom("password_resets").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const minutes = (new Date(row.expires_at).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60.1);
    expect(await checkResetToken(database.db, token)).toBe("valid");

    expect(await resetPassword(database.db, token, NEW_PASSWORD)).toEqual({ ok: true });
    const fresh = await database.db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(fresh.failed_logins).toBe(0);
    expect(fresh.locked_until).toBeNull();
    expect(await findSession(database.db, session.token)).toBeNull();
    expect((await authenticate(database.db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(true);

    // Used once, it is spent: the same link cannot set a password again.
    expect(await checkResetToken(database.db, token)).toBe("used");
    expect(await resetPassword(database.db, token, "Third-Pass-2028!")).toEqual({ ok: false, code: "used" });
    expect((await authenticate(database.db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it("refuses an expired reset link and an unknown one, and only the newest link works", async () => {
    const { user } = await newUser();
    await requestPasswordReset(database.db, user.email);
    const first = tokenFrom(mailsTo(user.email)[0]);
    await requestPasswordReset(database.db, user.email);
    const second = tokenFrom(mailsTo(user.email)[1]);
    expect(second).not.toBe(first);
    expect(await checkResetToken(database.db, first)).toBe("used");
    expect(await resetPassword(database.db, first, NEW_PASSWORD)).toEqual({ ok: false, code: "used" });

    await database.db
      .updateTable("password_resets")
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where("token_hash", "=", hashToken(second))
      .execute();
    expect(await checkResetToken(database.db, second)).toBe("expired");
    expect(await resetPassword(database.db, second, NEW_PASSWORD)).toEqual({ ok: false, code: "expired" });
    expect((await authenticate(database.db, { email: user.email, password: PASSWORD })).ok).toBe(true);

    expect(await resetPassword(database.db, "x".repeat(43), NEW_PASSWORD)).toEqual({ ok: false, code: "unknown" });
    expect(await checkResetToken(database.db, "../../etc/passwd")).toBe("unknown");
  });

  it("answers a reset request for an unknown e-mail the same way and creates nothing", async () => {
    const { user } = await newUser();
    const count = async () => Number((await database.db.selectFrom("password_resets").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const resetsBefore = await count();
    const known = await requestPasswordReset(database.db, user.email);
    expect(await count()).toBe(resetsBefore + 1);
    const unknown = await requestPasswordReset(database.db, "nobody-registered@example.cn");
    expect(unknown).toEqual(known);
    expect(await count()).toBe(resetsBefore + 1);
    expect(mailsTo("nobody-registered@example.cn")).toEqual([]);
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["outcome", "detail"])
      .where("action", "=", "account.password_reset_request")
      .where("actor_label", "=", "nobody-registered@example.cn")
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ outcome: "failure", detail: { reason: "unknown_email" } });
  });

  it("exports everything about the user, but never the password hash", async () => {
    const { user, organizationId } = await newUser();
    await updateProfile(database.db, user.id, { name: "王建国", phone: "13712345678" });
    await createSession(database.db, user, { ip: "192.0.2.7", userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0" });
    await database.db
      .insertInto("invitations")
      .values({
        organization_id: organizationId,
        email: "colleague@example.cn",
        role: "member",
        token_hash: hashToken(`invite-${user.id}`),
        created_by: user.id,
        expires_at: sql<Date>`now() + interval '7 days'`,
      })
      .execute();
    const hash = (await database.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow()).password_hash;

    const data = await exportPersonalData(database.db, user.id);
    const json = JSON.stringify(data);
    expect(data.profile).toMatchObject({ id: user.id, email: user.email, name: "王建国", phone: "13712345678" });
    expect(data.organizationMembership).toMatchObject({ organizationId, role: "admin" });
    expect(data.consents).toEqual([expect.objectContaining({ document: "privacy", version: "2026-11" })]);
    expect(data.sessions).toEqual([expect.objectContaining({ ip: "192.0.2.7", user_agent: expect.stringContaining("Chrome") })]);
    expect(data.invitationsSent).toEqual([expect.objectContaining({ email: "colleague@example.cn", role: "member" })]);
    expect((data.auditTrail as Array<{ action: string }>).map((a) => a.action)).toEqual(
      expect.arrayContaining(["organization.register", "account.profile_update"]),
    );
    expect(json).not.toContain("password_hash");
    expect(json).not.toContain(hash);
    expect(json).not.toContain("$argon2");
    expect(json).not.toContain("token_hash");
  });

  it("deletes an account by anonymising it, ending its sessions, keeping its audit rows and re-indexing its organisation", async () => {
    const { user, organizationId } = await newUser();
    await updateProfile(database.db, user.id, { name: "赵注销", phone: "13612345678" });
    const session = await createSession(database.db, user, { ip: "198.51.100.3" });
    await requestPasswordReset(database.db, user.email);
    const auditBefore = await database.db.selectFrom("audit_log").select("id").where("actor_user_id", "=", user.id).execute();

    expect(answered(accountRefusals, await deleteAccount(database.db, user, "Wrong-Pass-2026"))).toEqual({
      ok: false,
      code: "wrongPassword",
      status: 400,
      field: "password",
      message: "account.delete.wrongPassword",
    });
    expect(await findSession(database.db, session.token)).not.toBeNull();

    expect(await deleteAccount(database.db, user, PASSWORD)).toEqual({ ok: true, organizationId });
    const row = await database.db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      email: `deleted-${user.id}@invalid`,
      name: "已注销用户",
      phone: null,
      status: "deleted",
      organization_id: null,
      org_role: null,
      platform_role: null,
      consent_at: null,
      consent_version: null,
    });
    expect(row.password_hash).not.toBe(user.password_hash);
    expect(JSON.stringify(row)).not.toContain("赵注销");
    expect(JSON.stringify(row)).not.toContain("13612345678");
    expect(JSON.stringify(row)).not.toContain(user.email);
    expect(await findSession(database.db, session.token)).toBeNull();
    expect(await database.db.selectFrom("password_resets").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect((await authenticate(database.db, { email: user.email, password: PASSWORD })).ok).toBe(false);

    const auditAfter = await database.db.selectFrom("audit_log").select(["id", "action", "outcome"]).where("actor_user_id", "=", user.id).execute();
    expect(auditAfter.map((a) => a.id)).toEqual(expect.arrayContaining(auditBefore.map((a) => a.id)));
    expect(auditAfter).toContainEqual(expect.objectContaining({ action: "account.delete", outcome: "success" }));
    const jobs = await database.db.selectFrom("search_outbox").select(["entity", "entity_id"]).where("entity_id", "=", organizationId).execute();
    expect(jobs).toContainEqual({ entity: "organization", entity_id: organizationId });
  });

  it("refuses to delete the last administrator of an organisation that has other members", async () => {
    const { user: admin, organizationId } = await newUser();
    const member = await database.db
      .insertInto("users")
      .values({ email: `member-${admin.id}@example.cn`, name: "成员", password_hash: admin.password_hash, organization_id: organizationId, org_role: "member" })
      .returning("id")
      .executeTakeFirstOrThrow();

    expect(answered(accountRefusals, await deleteAccount(database.db, admin, PASSWORD))).toEqual({ ok: false, code: "lastAdmin", status: 409, message: "account.delete.lastAdmin" });
    const still = await database.db.selectFrom("users").select(["status", "email"]).where("id", "=", admin.id).executeTakeFirstOrThrow();
    expect(still).toEqual({ status: "active", email: admin.email });

    // Once the role is handed over, the former administrator may leave.
    await database.db.updateTable("users").set({ org_role: "admin" }).where("id", "=", member.id).execute();
    expect(await deleteAccount(database.db, admin, PASSWORD)).toMatchObject({ ok: true });
  });

  it("lists and ends only the user's own sessions", async () => {
    const { user: alice } = await newUser();
    const { user: bob } = await newUser();
    const aliceHere = await createSession(database.db, alice, { ip: "10.1.1.1", userAgent: "Safari" });
    const aliceThere = await createSession(database.db, alice, { ip: "10.1.1.2" });
    const aliceThird = await createSession(database.db, alice, { ip: "10.1.1.3" });
    const bobSession = await createSession(database.db, bob, {});

    const listed = await listSessions(database.db, alice.id, aliceHere.session.id);
    expect(listed.map((s) => s.id).sort()).toEqual([aliceHere.session.id, aliceThere.session.id, aliceThird.session.id].sort());
    expect(listed[0]).toMatchObject({ id: aliceHere.session.id, current: true, ip: "10.1.1.1", userAgent: "Safari" });
    expect(listed.filter((s) => s.current)).toHaveLength(1);

    // Another user's session id is answered as not found and stays alive.
    expect(await endSession(database.db, alice.id, bobSession.session.id)).toBe(false);
    expect(await findSession(database.db, bobSession.token)).not.toBeNull();

    expect(await endSession(database.db, alice.id, aliceThere.session.id)).toBe(true);
    expect(await findSession(database.db, aliceThere.token)).toBeNull();
    expect(await endSession(database.db, alice.id, aliceThere.session.id)).toBe(false);

    expect(await endOtherSessions(database.db, alice.id, aliceHere.session.id)).toBe(1);
    expect(await findSession(database.db, aliceThird.token)).toBeNull();
    expect(await findSession(database.db, aliceHere.token)).not.toBeNull();
    expect(await findSession(database.db, bobSession.token)).not.toBeNull();
  });
});
