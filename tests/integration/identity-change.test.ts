import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../app/domain/credit-code.ts";
import { registerOrganization } from "../../app/models/auth.server.ts";
import {
  decideIdentityChange,
  getLatestIdentityChange,
  getPendingIdentityChange,
  identityChangeRefusals,
  listPendingIdentityChanges,
} from "../../app/models/organization-identity-change.server.ts";
import { getOrganization, getVerifiedOrganization, organizationRefusals, updateOrganizationProfile } from "../../app/models/organization.server.ts";
import { listOrganizationHistory, verifyOrganization } from "../../app/models/organization-review.server.ts";
import type { Actor } from "../../app/models/policy.server.ts";
import { createSession, findSession } from "../../app/models/session.server.ts";
import { organizationProfileSchema } from "../../app/schemas/organization.ts";
import type { DB } from "../../db/client.ts";
import type { PlatformRole } from "../../db/schema.ts";
import { searchEntities } from "../../search/entities.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { answered } from "../support/refusals.ts";
import { enterpriseProfile, registration, uniqueNumber } from "../support/registration.ts";

// Task "Identity changes go back to review": a verified organisation's new 全称 / 统一社会信用代码 / kind waits for a
// reviewer; the old identity stays public until approved.

async function actorFor(db: DB, userId: string): Promise<Actor> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
  const { token } = await createSession(db, user, {});
  const actor = await findSession(db, token);
  if (!actor) throw new Error("no session");
  return actor;
}

async function staffActor(db: DB, role: PlatformRole): Promise<Actor> {
  const n = uniqueNumber();
  const user = await db
    .insertInto("users")
    .values({ email: `staff${n}@example.cn`, name: `平台人员${n}`, password_hash: "x", platform_role: role })
    .returning("id")
    .executeTakeFirstOrThrow();
  return actorFor(db, user.id);
}

const outboxCount = async (db: DB, orgId: string) =>
  (await db.selectFrom("search_outbox").select("id").where("entity", "=", "organization").where("entity_id", "=", orgId).execute()).length;

const actions = async (db: DB, orgId: string) =>
  (
    await db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("target_id", "=", orgId)
      .orderBy("id")
      .execute()
  ).map((r) => `${r.action}:${r.outcome}`);

const inbox = (db: DB, orgId: string) =>
  db.selectFrom("notifications").select(["kind", "title", "body"]).where("organization_id", "=", orgId).orderBy("id").execute();

const profile = (n: string, overrides: Record<string, string> = {}) => organizationProfileSchema.parse(enterpriseProfile(n, overrides));

describe.each(backends)("identity changes of verified organisations on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let reviewer: Actor;
  let reviewerLater: Actor;

  /** A verified organisation, its administrator and its number. */
  async function verified() {
    const n = uniqueNumber();
    const result = await registerOrganization(db, registration({}, n));
    if (!result.ok) throw new Error(result.code);
    const orgId = result.organizationId;
    expect((await verifyOrganization(db, reviewer, orgId)).ok).toBe(true);
    return { orgId, n, admin: await actorFor(db, result.user.id) };
  }

  /** The organisation asks for a new name and code (and a new description, which saves at once). */
  async function requestRename(org: { orgId: string; n: string; admin: Actor }) {
    const next = { name: `改名后企业${org.n}`, creditCode: withCheckChar(`91610118MA9C${org.n}`), description: "新的简介。" };
    const result = await updateOrganizationProfile(db, org.admin, org.orgId, profile(org.n, next));
    expect(result).toMatchObject({ ok: true, identityChangeRequested: true, resubmitted: false });
    return next;
  }

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    reviewer = await staffActor(db, "reviewer");
    reviewerLater = await staffActor(db, "platform_admin");
  });
  afterAll(() => database?.dispose());

  it("turns a verified organisation's new name and credit code into a request; the old identity stays public, other fields save", async () => {
    const org = await verified();
    const before = await getOrganization(db, org.orgId);
    const next = await requestRename(org);

    const now = await getVerifiedOrganization(db, org.orgId);
    expect(now).toMatchObject({ status: "verified", name: before!.name, credit_code: before!.credit_code, description: "新的简介。" });
    // The search document (profile, listings, search all read the organisation row) still carries the old name.
    const docs = await searchEntities.organization.load(db, [org.orgId]);
    expect(docs.get(org.orgId)).toMatchObject({ title: before!.name });

    const pending = await getPendingIdentityChange(db, org.orgId);
    expect(pending).toMatchObject({
      status: "pending",
      old_name: before!.name,
      old_credit_code: before!.credit_code,
      new_name: next.name,
      new_credit_code: next.creditCode,
      new_kind: "enterprise",
      requested_by: org.admin.user.id,
    });
    expect((await listPendingIdentityChanges(db)).map((c) => c.id)).toContain(pending!.id);
    expect((await actions(db, org.orgId)).slice(-2)).toEqual(["organization.update:success", "organization.identity_request:success"]);
  });

  it("keeps one pending request at a time; a profile save without an identity change still works meanwhile", async () => {
    const org = await verified();
    await requestRename(org);
    const second = await updateOrganizationProfile(db, org.admin, org.orgId, profile(org.n, { name: `第二次改名${org.n}` }));
    expect(answered(organizationRefusals, second)).toMatchObject({ ok: false, code: "identityChangePending", status: 409, field: "name" });
    const unchangedIdentity = await updateOrganizationProfile(db, org.admin, org.orgId, profile(org.n, { description: "只改简介。" }));
    expect(unchangedIdentity).toMatchObject({ ok: true, identityChangeRequested: false });
    expect(await getOrganization(db, org.orgId)).toMatchObject({ description: "只改简介。" });
  });

  it("a kind change of a verified organisation is a request too, and an unverified one keeps its registered kind", async () => {
    const org = await verified();
    const asked = await updateOrganizationProfile(db, org.admin, org.orgId, { ...profile(org.n), kind: "training_provider" });
    expect(asked).toMatchObject({ ok: true, identityChangeRequested: true });
    expect(await getOrganization(db, org.orgId)).toMatchObject({ kind: "enterprise" });
    expect(await getPendingIdentityChange(db, org.orgId)).toMatchObject({ old_kind: "enterprise", new_kind: "training_provider" });

    const n = uniqueNumber();
    const pendingOrg = await registerOrganization(db, registration({}, n));
    if (!pendingOrg.ok) throw new Error(pendingOrg.code);
    const admin = await actorFor(db, pendingOrg.user.id);
    const result = await updateOrganizationProfile(db, admin, pendingOrg.organizationId, { ...profile(n, { name: `未核验改名${n}` }), kind: "university" });
    expect(result).toMatchObject({ ok: true, identityChangeRequested: false });
    expect(await getOrganization(db, pendingOrg.organizationId)).toMatchObject({ kind: "enterprise", name: `未核验改名${n}` });
    expect(await getPendingIdentityChange(db, pendingOrg.organizationId)).toBeNull();
  });

  it("approve applies the new identity, re-indexes through the outbox, notifies and audits", async () => {
    const org = await verified();
    const next = await requestRename(org);
    const pending = (await getPendingIdentityChange(db, org.orgId))!;
    const outboxBefore = await outboxCount(db, org.orgId);

    const approved = await decideIdentityChange(db, reviewer, { orgId: org.orgId, changeId: pending.id }, "approve");
    expect(approved).toMatchObject({ ok: true, change: { status: "approved", decided_by: reviewer.user.id } });
    expect(await getVerifiedOrganization(db, org.orgId)).toMatchObject({ name: next.name, credit_code: next.creditCode, status: "verified" });
    expect(await outboxCount(db, org.orgId)).toBe(outboxBefore + 1);
    const docs = await searchEntities.organization.load(db, [org.orgId]);
    expect(docs.get(org.orgId)).toMatchObject({ title: next.name });
    expect((await inbox(db, org.orgId)).at(-1)).toMatchObject({ kind: "organization.identity_approve" });
    expect((await inbox(db, org.orgId)).at(-1)!.title).toContain(next.name);
    expect((await actions(db, org.orgId)).at(-1)).toBe("organization.identity_approve:success");
    expect((await listOrganizationHistory(db, org.orgId)).map((h) => h.action)).toContain("organization.identity_approve");
    expect(await getPendingIdentityChange(db, org.orgId)).toBeNull();

    // Decided once: a second decision on the same request is a conflict.
    const again = await decideIdentityChange(db, reviewerLater, { orgId: org.orgId, changeId: pending.id }, "reject", "再次处理的原因");
    expect(answered(identityChangeRefusals, again)).toMatchObject({ ok: false, code: "alreadyDecided", status: 409 });
  });

  it("reject needs a reason, keeps the old identity, records the reason, notifies and audits", async () => {
    const org = await verified();
    const before = await getOrganization(db, org.orgId);
    await requestRename(org);
    const pending = (await getPendingIdentityChange(db, org.orgId))!;
    const target = { orgId: org.orgId, changeId: pending.id };
    expect(await decideIdentityChange(db, reviewer, target, "reject", "")).toEqual({ ok: false, code: "reasonRequired" });
    expect(await decideIdentityChange(db, reviewer, target, "reject", "太短")).toEqual({ ok: false, code: "reasonInvalid" });
    const outboxBefore = await outboxCount(db, org.orgId);

    const rejected = await decideIdentityChange(db, reviewer, target, "reject", "  新名称与营业执照不一致。  ");
    expect(rejected).toMatchObject({ ok: true, change: { status: "rejected", reason: "新名称与营业执照不一致。" } });
    expect(await getOrganization(db, org.orgId)).toMatchObject({ name: before!.name, credit_code: before!.credit_code });
    expect(await outboxCount(db, org.orgId)).toBe(outboxBefore);
    expect((await inbox(db, org.orgId)).at(-1)).toMatchObject({ kind: "organization.identity_reject", body: "说明：新名称与营业执照不一致。" });
    expect((await actions(db, org.orgId)).at(-1)).toBe("organization.identity_reject:success");
    expect(await getLatestIdentityChange(db, org.orgId)).toMatchObject({ status: "rejected" });
    // Rejected, the organisation may ask again.
    expect((await updateOrganizationProfile(db, org.admin, org.orgId, profile(org.n, { name: `重新申请${org.n}` }))).ok).toBe(true);
    expect(await getPendingIdentityChange(db, org.orgId)).toMatchObject({ new_name: `重新申请${org.n}` });
  });

  it("only reviewers decide: the organisation itself, another organisation and a plan officer are refused and audited", async () => {
    const org = await verified();
    const other = await verified();
    const officer = await staffActor(db, "plan_officer");
    const before = await getOrganization(db, org.orgId);
    await requestRename(org);
    const pending = (await getPendingIdentityChange(db, org.orgId))!;
    const target = { orgId: org.orgId, changeId: pending.id };
    for (const actor of [org.admin, other.admin, officer]) {
      const result = await decideIdentityChange(db, actor, target, "approve");
      expect(answered(identityChangeRefusals, result)).toMatchObject({ ok: false, code: "forbidden", status: 403 });
    }
    expect(await getOrganization(db, org.orgId)).toMatchObject({ name: before!.name });
    expect(await getPendingIdentityChange(db, org.orgId)).toMatchObject({ status: "pending" });
    const denied = await db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", pending.id)
      .where("outcome", "=", "denied")
      .execute();
    expect(denied).toHaveLength(3);
    // A request decided through another organisation's page is not found.
    const wrongPage = await decideIdentityChange(db, reviewer, { orgId: other.orgId, changeId: pending.id }, "approve");
    expect(wrongPage).toEqual({ ok: false, code: "notFound" });
    // Another organisation reads only its own requests.
    expect(await getLatestIdentityChange(db, other.orgId)).toBeNull();
  });

  it("refuses to approve a name another organisation took meanwhile", async () => {
    const org = await verified();
    const next = await requestRename(org);
    const pending = (await getPendingIdentityChange(db, org.orgId))!;
    await db.insertInto("organizations").values({ kind: "enterprise", name: next.name, majors: [] }).execute();
    const result = await decideIdentityChange(db, reviewer, { orgId: org.orgId, changeId: pending.id }, "approve");
    expect(answered(identityChangeRefusals, result)).toMatchObject({ ok: false, code: "nameTaken", status: 409 });
    expect(await getPendingIdentityChange(db, org.orgId)).toMatchObject({ status: "pending" });
  });
});
