import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.ts";
import type { PlatformRole } from "../../db/schema.ts";
import { audit, listAuditLog } from "../../app/models/audit.server.ts";
import { authenticate } from "../../app/models/auth.server.ts";
import { hashPassword } from "../../app/models/password.server.ts";
import { ensurePlanReference } from "../../db/reference/plan.ts";
import {
  createPlatformAdmin,
  disableUser,
  enableUser,
  listUsers,
  planUnits,
  setPlatformRole,
  platformUserRefusals,
} from "../../app/models/platform-users.server.ts";
import { createSession, findSession, PLATFORM_IDLE_TIMEOUT_SECONDS } from "../../app/models/session.server.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { answered } from "../support/refusals.ts";
import { insertUser } from "../support/users.ts";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

const makeUser = (db: DB, platformRole: PlatformRole | null = null, name = "平台用户") => insertUser(db, { name, platform_role: platformRole });

const auditOf = (db: DB, action: string, targetId: string) =>
  db.selectFrom("audit_log").selectAll().where("action", "=", action).where("target_id", "=", targetId).orderBy("id").execute();

describe.each(backends)("platform user administration on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
  });
  afterAll(() => database?.dispose());

  it("a role change ends the user's sessions, so the next one starts with the staff idle timeout", async () => {
    const admin = await makeUser(db, "platform_admin");
    const user = await makeUser(db);
    const { token } = await createSession(db, user, {});
    expect((await findSession(db, token))?.session.idle_timeout_seconds).toBeNull();

    const result = await setPlatformRole(db, admin, user.id, "reviewer", null, { ip: "192.0.2.10" });
    expect(result).toMatchObject({ ok: true, changed: true, sessionsRevoked: 1 });
    expect(await findSession(db, token)).toBeNull();
    const fresh = await db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(fresh.platform_role).toBe("reviewer");
    const { token: next } = await createSession(db, fresh, {});
    expect((await findSession(db, next))?.session.idle_timeout_seconds).toBe(PLATFORM_IDLE_TIMEOUT_SECONDS);

    // Taking the role away ends sessions too; setting the same role again changes nothing.
    expect(await setPlatformRole(db, admin, user.id, "reviewer")).toMatchObject({ ok: true, changed: false, sessionsRevoked: 0 });
    expect(await findSession(db, next)).not.toBeNull();
    expect(await setPlatformRole(db, admin, user.id, null)).toMatchObject({ ok: true, changed: true, sessionsRevoked: 1 });
    expect(await findSession(db, next)).toBeNull();

    const rows = await auditOf(db, "user.role_change", user.id);
    expect(rows.map((r) => [r.outcome, r.detail.from, r.detail.to])).toEqual([
      ["success", null, "reviewer"],
      ["success", "reviewer", null],
    ]);
    expect(rows[0]).toMatchObject({ actor_user_id: admin.id, actor_label: admin.email, ip: "192.0.2.10" });
  });

  it("a plan officer needs one of the plan's units, and the unit goes when the role does", async () => {
    const admin = await makeUser(db, "platform_admin");
    const user = await makeUser(db);
    await ensurePlanReference(db);
    const units = await planUnits(db);
    const unit = units[0];
    expect(units).toContain("区教科局");
    const roleAndUnit = () =>
      db
        .selectFrom("users")
        .leftJoin("plan_units", "plan_units.id", "users.plan_unit_id")
        .select(["users.platform_role", "plan_units.name as plan_unit"])
        .where("users.id", "=", user.id)
        .executeTakeFirstOrThrow();

    expect(answered(platformUserRefusals, await setPlatformRole(db, admin, user.id, "plan_officer"))).toMatchObject({ ok: false, status: 400, field: "planUnit", message: "adminUsers.planUnitRequired" });
    expect(answered(platformUserRefusals, await setPlatformRole(db, admin, user.id, "plan_officer", "火星办事处"))).toMatchObject({ ok: false, field: "planUnit", message: "adminUsers.planUnitInvalid" });
    expect((await db.selectFrom("users").select("platform_role").where("id", "=", user.id).executeTakeFirstOrThrow()).platform_role).toBeNull();

    expect(await setPlatformRole(db, admin, user.id, "plan_officer", unit)).toMatchObject({ ok: true, changed: true });
    expect(await roleAndUnit()).toEqual({
      platform_role: "plan_officer",
      plan_unit: unit,
    });
    const otherUnit = units[1];
    expect(await setPlatformRole(db, admin, user.id, "plan_officer", otherUnit)).toMatchObject({ ok: true, changed: true });
    expect(await setPlatformRole(db, admin, user.id, "reviewer", otherUnit)).toMatchObject({ ok: true, changed: true });
    expect(await roleAndUnit()).toEqual({
      platform_role: "reviewer",
      plan_unit: null,
    });
  });

  it("a platform administrator can neither demote nor disable themselves", async () => {
    const admin = await makeUser(db, "platform_admin");
    const { token } = await createSession(db, admin, {});
    expect(answered(platformUserRefusals, await setPlatformRole(db, admin, admin.id, "reviewer"))).toMatchObject({ ok: false, status: 409, message: "adminUsers.cannotChangeSelf" });
    expect(answered(platformUserRefusals, await setPlatformRole(db, admin, admin.id, null))).toMatchObject({ ok: false, message: "adminUsers.cannotChangeSelf" });
    expect(answered(platformUserRefusals, await disableUser(db, admin, admin.id))).toMatchObject({ ok: false, status: 409, message: "adminUsers.cannotDisableSelf" });
    const me = await db.selectFrom("users").selectAll().where("id", "=", admin.id).executeTakeFirstOrThrow();
    expect(me).toMatchObject({ platform_role: "platform_admin", status: "active" });
    expect(await findSession(db, token)).not.toBeNull();
    expect((await auditOf(db, "user.disable", admin.id)).map((r) => r.outcome)).toEqual(["denied"]);
    expect((await auditOf(db, "user.role_change", admin.id)).map((r) => r.outcome)).toEqual(["denied", "denied"]);
  });

  it("disabling ends sessions and refuses sign-in; enabling lets the user back in; both audited", async () => {
    const admin = await makeUser(db, "platform_admin");
    const password = "Strong-Pass-2026";
    const user = await db
      .insertInto("users")
      .values({ email: `d${unique()}@example.cn`, name: "待停用", password_hash: await hashPassword(password) })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { token } = await createSession(db, user, {});

    expect(await disableUser(db, admin, user.id, { ip: "192.0.2.11" })).toMatchObject({ ok: true, changed: true, sessionsRevoked: 1 });
    expect(await findSession(db, token)).toBeNull();
    expect((await authenticate(db, { email: user.email, password })).ok).toBe(false);
    expect(await enableUser(db, admin, user.id)).toMatchObject({ ok: true, changed: true });
    expect((await authenticate(db, { email: user.email, password })).ok).toBe(true);

    expect((await auditOf(db, "user.disable", user.id)).map((r) => [r.outcome, r.actor_user_id, r.ip])).toEqual([["success", admin.id, "192.0.2.11"]]);
    expect((await auditOf(db, "user.enable", user.id)).map((r) => r.outcome)).toEqual(["success"]);
  });

  it("only a platform administrator decides, and an unknown or malformed id is not found", async () => {
    const reviewer = await makeUser(db, "reviewer");
    const admin = await makeUser(db, "platform_admin");
    const user = await makeUser(db);
    expect(answered(platformUserRefusals, await setPlatformRole(db, reviewer, user.id, "platform_admin"))).toMatchObject({ ok: false, status: 403 });
    expect(answered(platformUserRefusals, await setPlatformRole(db, reviewer, reviewer.id, "platform_admin"))).toMatchObject({ ok: false, status: 403 });
    expect(answered(platformUserRefusals, await disableUser(db, reviewer, user.id))).toMatchObject({ ok: false, status: 403 });
    expect((await auditOf(db, "user.role_change", user.id)).map((r) => [r.outcome, r.actor_user_id])).toEqual([["denied", reviewer.id]]);
    expect(answered(platformUserRefusals, await setPlatformRole(db, admin, "00000000-0000-4000-8000-000000000000", "reviewer"))).toMatchObject({ ok: false, status: 404 });
    expect(answered(platformUserRefusals, await disableUser(db, admin, "'; drop table users; --"))).toMatchObject({ ok: false, status: 404 });
  });

  it("lists users with filters by text, role and status, a page at a time", async () => {
    const tag = unique();
    const reviewer = await db
      .insertInto("users")
      .values({ email: `list-${tag}@example.cn`, name: `列表审核员${tag}`, password_hash: "x", platform_role: "reviewer" })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db.insertInto("users").values({ email: `list2-${tag}@example.cn`, name: "普通", password_hash: "x", status: "disabled" }).execute();
    expect((await listUsers(db, { q: tag })).total).toBe(2);
    expect((await listUsers(db, { q: tag.toUpperCase(), role: "reviewer" })).rows.map((r) => r.id)).toEqual([reviewer.id]);
    expect((await listUsers(db, { q: tag, role: "none", status: "disabled" })).rows.map((r) => r.email)).toEqual([`list2-${tag}@example.cn`]);
    expect((await listUsers(db, { q: "%" })).total).toBe(0);
    expect((await listUsers(db, { q: `列表审核员${tag}` })).total).toBe(1);
    const page = await listUsers(db, { page: 99999 });
    expect(page.rows).toEqual([]);
  });

  it("createPlatformAdmin creates a new administrator or promotes the existing account of that e-mail", async () => {
    const email = `boss${unique()}@example.cn`;
    const created = await createPlatformAdmin(db, { email: email.toUpperCase(), name: "新管理员", password: "Generated-Pass-2026" });
    expect(created).toMatchObject({ ok: true, created: true });
    expect((await authenticate(db, { email, password: "Generated-Pass-2026" })).ok).toBe(true);
    expect(await createPlatformAdmin(db, { email, name: "x", password: "Other-Pass-2026" })).toMatchObject({ ok: true, created: false, alreadyAdmin: true });

    const existing = await makeUser(db, "reviewer");
    const { token } = await createSession(db, existing, {});
    expect(await createPlatformAdmin(db, { email: existing.email, name: "x", password: "Other-Pass-2026" })).toMatchObject({
      ok: true,
      created: false,
      alreadyAdmin: false,
    });
    const promoted = await db.selectFrom("users").selectAll().where("id", "=", existing.id).executeTakeFirstOrThrow();
    expect(promoted).toMatchObject({ platform_role: "platform_admin", password_hash: "x" });
    expect(await findSession(db, token)).toBeNull();
    expect((await auditOf(db, "user.role_change", existing.id))[0].detail).toMatchObject({ via: "cli", to: "platform_admin" });
  });

  it("lists the audit log newest first, filtered by action, category, outcome, actor e-mail, organisation and time", async () => {
    const tag = unique();
    const org = await db.insertInto("organizations").values({ kind: "enterprise", name: `审计企业${tag}` }).returning("id").executeTakeFirstOrThrow();
    const actor = await makeUser(db, "platform_admin", "审计人");
    const target = await makeUser(db);
    const base = { organizationId: org.id } as const;
    await audit(db, { ...base, action: "user.role_change", outcome: "success", actorUserId: actor.id, actorLabel: actor.email, targetType: "user", targetId: target.id, detail: { n: 1 } });
    await audit(db, { ...base, action: "user.role_change", outcome: "denied", actorLabel: `someone-${tag}@example.cn`, detail: { n: 2 } });
    await audit(db, { ...base, action: "auth.login", outcome: "success", actorLabel: `x-${tag}`, detail: { n: 3 } });

    const all = await listAuditLog(db, { ...base, action: "user.role_change" });
    expect(all.rows.map((r) => r.detail.n)).toEqual([2, 1]);
    expect(all.rows[1]).toMatchObject({
      actor_email: actor.email,
      actor_name: "审计人",
      actor_platform_role: "platform_admin",
      organization_name: `审计企业${tag}`,
      target_label: target.email,
    });
    expect((await listAuditLog(db, { ...base, category: "security" })).rows.map((r) => r.detail.n)).toEqual([3]);
    expect((await listAuditLog(db, { ...base, category: "decision" })).rows.map((r) => r.detail.n)).toEqual([2, 1]);
    expect((await listAuditLog(db, { ...base, outcome: "denied" })).rows.map((r) => r.detail.n)).toEqual([2]);
    expect((await listAuditLog(db, { ...base, actor: actor.email.toUpperCase().slice(0, 6) })).rows.map((r) => r.detail.n)).toEqual([1]);
    expect((await listAuditLog(db, { ...base, actor: `SOMEONE-${tag}` })).rows.map((r) => r.detail.n)).toEqual([2]);
    expect((await listAuditLog(db, { ...base, actor: "%" })).rows).toEqual([]);
    expect((await listAuditLog(db, base)).rows.map((r) => r.detail.n)).toEqual([3, 2, 1]);
    expect((await listAuditLog(db, { organizationId: "nope" })).rows).toEqual([]);
    expect((await listAuditLog(db, { ...base, from: new Date(Date.now() + 60_000) })).rows).toEqual([]);
    expect((await listAuditLog(db, { ...base, to: new Date(Date.now() - 3_600_000) })).rows).toEqual([]);
    expect((await listAuditLog(db, { ...base, from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) })).rows).toHaveLength(3);
  });

  it("pages through the audit log without a total count", async () => {
    const org = await db.insertInto("organizations").values({ kind: "enterprise", name: `分页企业${unique()}` }).returning("id").executeTakeFirstOrThrow();
    for (let i = 0; i < 51; i++) await audit(db, { action: "auth.login", outcome: "success", organizationId: org.id, detail: { i } });
    const first = await listAuditLog(db, { organizationId: org.id });
    expect(first).toMatchObject({ page: 1, pageSize: 50, hasNext: true });
    expect(first.rows).toHaveLength(50);
    const second = await listAuditLog(db, { organizationId: org.id, page: 2 });
    expect(second).toMatchObject({ page: 2, hasNext: false });
    expect(second.rows.map((r) => r.detail.i)).toEqual([0]);
  });
});
