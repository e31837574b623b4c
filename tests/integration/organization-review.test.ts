import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../app/domain/credit-code.ts";
import { registerOrganization } from "../../app/models/auth.server.ts";
import { getOrganization, organizationRefusals, updateOrganizationProfile } from "../../app/models/organization.server.ts";
import { getRegisteringAdmin, listOrganizationHistory, listOrganizationsForReview, reinstateOrganization, rejectOrganization, REVIEW_PAGE_SIZE, suspendOrganization, verifyOrganization } from "../../app/models/organization-review.server.ts";
import type { Actor } from "../../app/models/policy.server.ts";
import { createSession, findSession } from "../../app/models/session.server.ts";
import { organizationProfileSchema, type OrganizationProfileInput } from "../../app/schemas/organization.ts";
import type { DB } from "../../db/client.ts";
import type { PlatformRole } from "../../db/schema.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { answered } from "../support/refusals.ts";
import { enterpriseProfile, registration, uniqueNumber } from "../support/registration.ts";

async function actorFor(db: DB, userId: string): Promise<Actor> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
  const { token } = await createSession(db, user, {});
  const actor = await findSession(db, token);
  if (!actor) throw new Error("no session");
  return actor;
}

/** A freshly registered (pending) organisation and its administrator. */
async function registered(db: DB, overrides: Record<string, string> = {}) {
  const n = uniqueNumber();
  const input = registration(overrides, n);
  const result = await registerOrganization(db, input);
  if (!result.ok) throw new Error(`registration failed: ${result.code}`);
  return { orgId: result.organizationId, admin: await actorFor(db, result.user.id), n };
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

const auditRows = (db: DB, orgId: string) =>
  db
    .selectFrom("audit_log")
    .select(["action", "outcome", "actor_user_id", "detail"])
    .where("target_type", "=", "organization")
    .where("target_id", "=", orgId)
    .orderBy("id")
    .execute();

const outboxCount = async (db: DB, orgId: string) =>
  (await db.selectFrom("search_outbox").select("id").where("entity", "=", "organization").where("entity_id", "=", orgId).execute())
    .length;

const parsedProfile = (raw: Record<string, string>): OrganizationProfileInput => organizationProfileSchema.parse(raw);

describe.each(backends)("organisation profiles and review on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let reviewer: Actor;
  let platformAdmin: Actor;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    reviewer = await staffActor(db, "reviewer");
    platformAdmin = await staffActor(db, "platform_admin");
  });
  afterAll(() => database?.dispose());

  it("rejects with a reason, then verifies, suspends and reinstates: each writes the note, an audit row and an index job", async () => {
    const { orgId } = await registered(db);
    const before = await outboxCount(db, orgId);

    const rejected = await rejectOrganization(db, reviewer, orgId, "  营业执照照片不清晰，请重新上传。  ");
    expect(rejected.ok).toBe(true);
    let org = await getOrganization(db, orgId);
    expect(org).toMatchObject({ status: "rejected", review_note: "营业执照照片不清晰，请重新上传。" });
    expect(org!.reviewed_at).toBeInstanceOf(Date);

    expect((await verifyOrganization(db, reviewer, orgId)).ok).toBe(true);
    org = await getOrganization(db, orgId);
    expect(org).toMatchObject({ status: "verified", review_note: null });

    expect((await suspendOrganization(db, platformAdmin, orgId, "发布虚假招聘信息，暂停待核查。")).ok).toBe(true);
    expect(await getOrganization(db, orgId)).toMatchObject({ status: "suspended", review_note: "发布虚假招聘信息，暂停待核查。" });

    expect((await reinstateOrganization(db, reviewer, orgId, "已核实整改。")).ok).toBe(true);
    expect(await getOrganization(db, orgId)).toMatchObject({ status: "verified", review_note: "已核实整改。" });

    const rows = await auditRows(db, orgId);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ["organization.register", "success"],
      ["organization.reject", "success"],
      ["organization.verify", "success"],
      ["organization.suspend", "success"],
      ["organization.reinstate", "success"],
    ]);
    expect(rows[1].actor_user_id).toBe(reviewer.user.id);
    expect(rows[1].detail).toMatchObject({ reason: "营业执照照片不清晰，请重新上传。", from: "pending", to: "rejected" });
    expect(rows[3].actor_user_id).toBe(platformAdmin.user.id);
    expect(rows[3].detail).toMatchObject({ reason: "发布虚假招聘信息，暂停待核查。", from: "verified", to: "suspended" });
    expect(await outboxCount(db, orgId)).toBe(before + 4);
    // Each decision is in the organisation's inbox, with the reason the reviewer gave.
    const inbox = await db
      .selectFrom("notifications")
      .select(["kind", "title", "body"])
      .where("organization_id", "=", orgId)
      .orderBy("id")
      .execute();
    expect(inbox.map((n) => n.kind)).toEqual(["organization.reject", "organization.verify", "organization.suspend", "organization.reinstate"]);
    expect(inbox[0].body).toBe("说明：营业执照照片不清晰，请重新上传。");
    expect(inbox[1].title).toContain("已通过平台审核");

    const history = await listOrganizationHistory(db, orgId);
    expect(history.map((h) => h.action)).toEqual(rows.map((r) => r.action));
    expect(history[1]).toMatchObject({ reason: "营业执照照片不清晰，请重新上传。", actorName: reviewer.user.name });
  });

  it("refuses a review decision from anyone who is not platform staff, changes nothing and records the denial", async () => {
    const { orgId, admin } = await registered(db);
    const officer = await staffActor(db, "plan_officer");
    const before = await outboxCount(db, orgId);
    for (const actor of [admin, officer]) {
      expect(await verifyOrganization(db, actor, orgId)).toEqual({ ok: false, code: "forbidden" });
      expect(await rejectOrganization(db, actor, orgId, "这是一个无权的驳回。")).toEqual({ ok: false, code: "forbidden" });
    }
    expect(await getOrganization(db, orgId)).toMatchObject({ status: "pending", review_note: null, reviewed_at: null });
    expect(await outboxCount(db, orgId)).toBe(before);
    const denied = (await auditRows(db, orgId)).filter((r) => r.outcome === "denied");
    expect(denied.map((r) => r.action)).toEqual([
      "organization.verify",
      "organization.reject",
      "organization.verify",
      "organization.reject",
    ]);
  });

  it("refuses to reject or suspend without a reason of 5 to 500 characters", async () => {
    const { orgId } = await registered(db);
    expect(await rejectOrganization(db, reviewer, orgId, "")).toEqual({ ok: false, code: "reasonRequired" });
    expect(await rejectOrganization(db, reviewer, orgId, "   ")).toEqual({ ok: false, code: "reasonRequired" });
    expect(await rejectOrganization(db, reviewer, orgId, "不行")).toEqual({ ok: false, code: "reasonInvalid" });
    expect(await rejectOrganization(db, reviewer, orgId, "太长".repeat(251))).toEqual({ ok: false, code: "reasonInvalid" });
    expect(await getOrganization(db, orgId)).toMatchObject({ status: "pending", review_note: null });
    expect((await auditRows(db, orgId)).map((r) => r.action)).toEqual(["organization.register"]);

    expect((await verifyOrganization(db, reviewer, orgId)).ok).toBe(true);
    expect(await suspendOrganization(db, reviewer, orgId, "")).toEqual({ ok: false, code: "reasonRequired" });
    expect(await getOrganization(db, orgId)).toMatchObject({ status: "verified" });
  });

  it("refuses a decision that does not fit the current status, and unknown or malformed ids", async () => {
    const { orgId } = await registered(db);
    expect(await suspendOrganization(db, reviewer, orgId, "尚未认证不能暂停。")).toEqual({ ok: false, code: "invalidTransition" });
    expect(await reinstateOrganization(db, reviewer, orgId)).toEqual({ ok: false, code: "invalidTransition" });
    expect((await verifyOrganization(db, reviewer, orgId)).ok).toBe(true);
    expect(await verifyOrganization(db, reviewer, orgId)).toEqual({ ok: false, code: "invalidTransition" });
    expect(await rejectOrganization(db, reviewer, orgId, "已认证的机构应当暂停而不是驳回。")).toEqual({
      ok: false,
      code: "invalidTransition",
    });
    expect(await verifyOrganization(db, reviewer, "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false, code: "notFound" });
    expect(await verifyOrganization(db, reviewer, "not-a-uuid'; drop table organizations;--")).toEqual({ ok: false, code: "notFound" });
    expect(await getOrganization(db, "../../etc")).toBeNull();
  });

  it("returns a rejected organisation to pending when its administrator corrects and resubmits the profile", async () => {
    const { orgId, admin, n } = await registered(db);
    await rejectOrganization(db, reviewer, orgId, "联系人手机号无法接通，请更正。");
    const before = await outboxCount(db, orgId);
    const result = await updateOrganizationProfile(db, admin, orgId, parsedProfile(enterpriseProfile(n, { contactPhone: "13933334444" })));
    expect(result).toMatchObject({ ok: true, resubmitted: true });
    expect(await getOrganization(db, orgId)).toMatchObject({ status: "pending", contact_phone: "13933334444" });
    const last = (await auditRows(db, orgId)).at(-1)!;
    expect(last).toMatchObject({ action: "organization.resubmit", outcome: "success", actor_user_id: admin.user.id });
    expect(last.detail).toMatchObject({ changed: ["contact_phone"] });
    expect(await outboxCount(db, orgId)).toBe(before + 1);
    // Back in the queue.
    const queue = await listOrganizationsForReview(db, { status: "pending", q: `测试企业${n}` });
    expect(queue.rows.map((r) => r.id)).toEqual([orgId]);
  });

  it("keeps a verified organisation verified when its profile is edited; a new kind waits for review (identity change)", async () => {
    const { orgId, admin, n } = await registered(db);
    await verifyOrganization(db, reviewer, orgId);
    const edited = parsedProfile({ ...enterpriseProfile(n, { description: "新的简介。" }) });
    const result = await updateOrganizationProfile(db, admin, orgId, { ...edited, kind: "university" });
    expect(result).toMatchObject({ ok: true, resubmitted: false, identityChangeRequested: true });
    expect(await getOrganization(db, orgId)).toMatchObject({
      status: "verified",
      kind: "enterprise",
      description: "新的简介。",
      staff_count: 120,
    });
    expect((await auditRows(db, orgId)).slice(-2).map((r) => r.action)).toEqual(["organization.update", "organization.identity_request"]);
  });

  it("answers not-found when an administrator updates another organisation, or a member updates their own", async () => {
    const mine = await registered(db);
    const theirs = await registered(db);
    const other = await getOrganization(db, theirs.orgId);
    const result = await updateOrganizationProfile(db, mine.admin, theirs.orgId, parsedProfile(enterpriseProfile(theirs.n, { name: "被篡改的名称" })));
    expect(result).toEqual({ ok: false, code: "notFound" });
    expect(await getOrganization(db, theirs.orgId)).toEqual(other);

    const member = await db
      .insertInto("users")
      .values({ email: `member${mine.n}@example.cn`, name: "成员", password_hash: "x", organization_id: mine.orgId, org_role: "member" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const memberActor = await actorFor(db, member.id);
    expect(await updateOrganizationProfile(db, memberActor, mine.orgId, parsedProfile(enterpriseProfile(mine.n)))).toEqual({
      ok: false,
      code: "notFound",
    });
    expect(await updateOrganizationProfile(db, reviewer, mine.orgId, parsedProfile(enterpriseProfile(mine.n)))).toEqual({
      ok: false,
      code: "notFound",
    });
  });

  it("reports a credit code or name already used by another organisation as a field error", async () => {
    const a = await registered(db);
    const b = await registered(db);
    const takenCode = await updateOrganizationProfile(db, b.admin, b.orgId, parsedProfile(enterpriseProfile(b.n, { creditCode: withCheckChar(`91610118MA8B${a.n}`) })));
    expect(answered(organizationRefusals, takenCode)).toEqual({
      ok: false,
      code: "creditCodeTaken",
      status: 400,
      field: "creditCode",
      message: "validation.creditCodeTaken",
    });
    const takenName = await updateOrganizationProfile(db, b.admin, b.orgId, parsedProfile(enterpriseProfile(b.n, { name: `测试企业${a.n}`.toUpperCase() })));
    expect(answered(organizationRefusals, takenName)).toEqual({ ok: false, code: "nameTaken", status: 400, field: "name", message: "validation.nameTaken" });
    // Its own code and name are, of course, fine.
    expect((await updateOrganizationProfile(db, b.admin, b.orgId, parsedProfile(enterpriseProfile(b.n)))).ok).toBe(true);
  });

  it("filters the review queue by status, kind and name, 20 to a page, oldest pending first", async () => {
    const tag = `分页${uniqueNumber()}`;
    const ids: string[] = [];
    for (let i = 0; i < REVIEW_PAGE_SIZE + 3; i++) {
      const n = uniqueNumber();
      const row = await db
        .insertInto("organizations")
        .values({
          kind: i % 2 ? "vocational_school" : "enterprise",
          name: `${tag}机构${n}`,
          status: "pending",
          created_at: new Date(Date.UTC(2026, 0, 1, 0, i)),
          majors: [],
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const first = await listOrganizationsForReview(db, { status: "pending", q: tag });
    expect(first).toMatchObject({ total: REVIEW_PAGE_SIZE + 3, page: 1, pageCount: 2 });
    expect(first.rows.map((r) => r.id)).toEqual(ids.slice(0, REVIEW_PAGE_SIZE));
    const second = await listOrganizationsForReview(db, { status: "pending", q: tag, page: 2 });
    expect(second.rows.map((r) => r.id)).toEqual(ids.slice(REVIEW_PAGE_SIZE));
    // A page past the end shows the last page.
    expect((await listOrganizationsForReview(db, { status: "pending", q: tag, page: 99 })).page).toBe(2);

    const schools = await listOrganizationsForReview(db, { status: "pending", kind: "vocational_school", q: tag });
    expect(schools.total).toBe(11);
    expect(schools.rows.every((r) => r.kind === "vocational_school")).toBe(true);
    expect((await listOrganizationsForReview(db, { status: "verified", q: tag })).total).toBe(0);
    expect((await listOrganizationsForReview(db, { status: "all", q: tag })).total).toBe(REVIEW_PAGE_SIZE + 3);
    // LIKE wildcards in the search are taken literally.
    expect((await listOrganizationsForReview(db, { status: "all", q: "%" })).total).toBe(0);
  });

  it("names the person who registered the organisation", async () => {
    const { orgId, admin } = await registered(db);
    expect(await getRegisteringAdmin(db, orgId)).toEqual({ id: admin.user.id, name: admin.user.name, email: admin.user.email });
  });
});
