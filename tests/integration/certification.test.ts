import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplication, getApplicationForOrg, saveEvidence, submitApplication, type ApplicationRow } from "../../app/models/certification/applications.server.ts";
import { certificateExpiryJob, decide, issueCertificate, issueDueCertificates, revokeCertificate } from "../../app/models/certification/certificates.server.ts";
import { badgesOf, hasCurrentCertificate, listDirectory, listNotices } from "../../app/models/certification/directory.server.ts";
import { saveCreditYear, storedCreditYears } from "../../app/models/certification/credit.server.ts";
import { assignReviewer, reviewState, submitReview } from "../../app/models/certification/reviews.server.ts";
import { platformFigures } from "../../app/models/certification/evidence.server.ts";
import type { Actor, OrgActor } from "../../app/models/policy.server.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import type { DB } from "../../db/client.ts";
import type { RubricCriterion } from "../../db/schema-certification.ts";
import { searchEntities } from "../../search/entities.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

const fullEvidence = {
  cooperation_years: { value: 3, statement: "三年合作" },
  interns: { value: 12, statement: "实习 12 人" },
  order_training: { value: 1, statement: "订单班一个" },
  training_bases: { value: 1, statement: "共建基地一个" },
  investment: { value: 50, statement: "投入 50 万元" },
  staff_training: { value: 200, statement: "培训经费 200 万元" },
};

function allScores(criteria: RubricCriterion[], pick: (c: RubricCriterion) => number) {
  return Object.fromEntries(criteria.map((c) => [c.key, { score: pick(c), comment: `${c.title}评语` }]));
}

describe.each(backends)("certification on %s", (backend) => {
  let handle: TestDatabase;
  let db: DB;
  let enterprise: OrgActor;
  let other: OrgActor;
  let school: OrgActor;
  let reviewer1: Actor;
  let reviewer2: Actor;
  let admin: Actor;
  let applicationId: string;
  let criteria: RubricCriterion[];

  const reload = async (id = applicationId, orgId = enterprise.organization.id) => (await getApplicationForOrg(db, orgId, id)) as ApplicationRow;
  const auditActions = async (targetId: string) =>
    (await db.selectFrom("audit_log").select("action").where("target_id", "=", targetId).orderBy("id").execute()).map((r) => r.action);

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    db = handle.db;
    enterprise = await makeOrgActor(db, { staff: 600 });
    await db.updateTable("organizations").set({ annual_payroll: 50_000_000 }).where("id", "=", enterprise.organization.id).execute();
    other = await makeOrgActor(db);
    school = await makeOrgActor(db, { kind: "vocational_school" });
    reviewer1 = await makeStaffActor(db, "reviewer");
    reviewer2 = await makeStaffActor(db, "reviewer");
    admin = await makeStaffActor(db, "platform_admin");
  }, 120_000);

  afterAll(async () => {
    await handle?.dispose();
  });

  it("seeds the four certification types and the 产教融合型企业 rubric, weights summing to 100", async () => {
    const types = await db.selectFrom("certification_types").select(["code", "validity_years", "notice_days"]).orderBy("sort").execute();
    expect(types.map((t) => t.code)).toEqual(["enterprise", "school", "major", "training_base"]);
    expect(types[0]).toMatchObject({ validity_years: 3, notice_days: 7 });
    const rubric = await db.selectFrom("certification_rubrics").selectAll().where("type_code", "=", "enterprise").executeTakeFirstOrThrow();
    criteria = rubric.criteria;
    expect(criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });

  it("pre-fills evidence from the organisation's projects, orders, listings, staff and payroll", async () => {
    const org = enterprise.organization.id;
    const today = todayInChina();
    await db
      .insertInto("cooperation_projects")
      .values([
        { owner_org_id: org, partner_org_id: school.organization.id, kind: "internship", title: "数控实习", start_date: addDays(today, -400), end_date: addDays(today, -380), students_count: 5, details: "{}" },
        { owner_org_id: org, partner_org_id: school.organization.id, kind: "internship", title: "装配实习", start_date: addDays(today, -100), students_count: 7, details: "{}" },
        { owner_org_id: school.organization.id, partner_org_id: org, kind: "order_training", title: "订单班", start_date: addDays(today, -50), students_count: 30, details: "{}" },
        { owner_org_id: org, partner_org_id: school.organization.id, kind: "cooperation", title: "共建实训基地", start_date: addDays(today, -30), details: JSON.stringify({ cooperationType: "training_base" }) },
        { owner_org_id: org, partner_org_id: other.organization.id, kind: "internship", title: "企业间", start_date: addDays(today, -900), end_date: addDays(today, -800), students_count: 3, details: "{}" },
      ])
      .execute();
    await db
      .insertInto("package_orders")
      .values([
        { provider_org_id: school.organization.id, buyer_org_id: org, status: "delivered", seats: 20, unit_price_yuan: 500, total_yuan: 10_000, package_snapshot: "{}" },
        { provider_org_id: school.organization.id, buyer_org_id: org, status: "completed", seats: 10, unit_price_yuan: 800, total_yuan: 8_000, package_snapshot: "{}" },
        { provider_org_id: school.organization.id, buyer_org_id: org, status: "requested", seats: 99, unit_price_yuan: 1, total_yuan: 99, package_snapshot: "{}" },
        { provider_org_id: org, buyer_org_id: other.organization.id, status: "completed", seats: 5, unit_price_yuan: 100, total_yuan: 500, package_snapshot: "{}" },
      ])
      .execute();
    await db
      .insertInto("listings")
      .values({
        organization_id: org,
        kind: "internship",
        status: "published",
        title: "实习岗位",
        valid_until: addDays(today, 30),
        details: JSON.stringify({ positions: 8 }),
        published_at: new Date(),
      })
      .execute();
    const figures = await platformFigures(db, org, today);
    expect(figures).toMatchObject({
      cooperationProjects: 5,
      internsHosted: 7, // only the internship running within the last 12 months
      internsTarget: 12, // 2% of 600
      internshipPositions: 8,
      staffCount: 600,
      orderTrainingCohorts: 1,
      orderTrainingStudents: 30,
      trainingBases: 1,
      staffTrainingOrders: 2, // delivered + completed, not the requested one
      staffTrainingSeats: 30,
      staffTrainingSpendYuan: 18_000,
      trainingProvidedOrders: 1,
      trainingFundTargetYuan: 4_000_000, // 8% of payroll
    });
    // Years since the first project with a school (400 days), not with the other enterprise (900 days).
    expect(figures.schoolCooperationYears).toBeCloseTo(1.0, 0);
  });

  it("keeps a draft to its organisation: another organisation cannot read it", async () => {
    const created = await createApplication(db, enterprise, "enterprise", {});
    expect(created.ok).toBe(true);
    applicationId = (created as { id: string }).id;
    expect(await getApplicationForOrg(db, other.organization.id, applicationId)).toBeNull();
    expect(await getApplicationForOrg(db, enterprise.organization.id, "not-a-uuid")).toBeNull();
    expect((await reload()).status).toBe("draft");
    // One open application per organisation and type.
    expect(await createApplication(db, enterprise, "enterprise", {})).toMatchObject({ ok: false, code: "alreadyOpen" });
    // Kinds the type does not accept, and unverified organisations, are refused.
    expect(await createApplication(db, school, "enterprise", {})).toMatchObject({ ok: false, code: "kindNotAllowed" });
  });

  it("refuses to submit incomplete evidence, then freezes the evidence at submission", async () => {
    expect(await submitApplication(db, enterprise, await reload(), {})).toMatchObject({ ok: false, code: "incomplete" });
    await saveEvidence(db, enterprise, await reload(), fullEvidence);
    expect(await submitApplication(db, enterprise, await reload(), {})).toEqual({ ok: true });
    const app = await reload();
    expect(app.status).toBe("submitted");
    expect(app.frozen_evidence?.platform.internsHosted).toBe(7);
    expect(app.frozen_evidence?.applicant.interns).toEqual({ value: 12, statement: "实习 12 人" });
    // Later activity and edits change nothing frozen.
    await db
      .insertInto("cooperation_projects")
      .values({ owner_org_id: enterprise.organization.id, partner_org_id: school.organization.id, kind: "internship", title: "新实习", start_date: todayInChina(), students_count: 50, details: "{}" })
      .execute();
    expect(await saveEvidence(db, enterprise, app, { ...fullEvidence, interns: { value: 999, statement: "改" } })).toEqual({ ok: false, code: "notEditable" });
    const after = await reload();
    expect(after.frozen_evidence?.platform.internsHosted).toBe(7);
    expect(after.evidence.interns.value).toBe(12);
    expect(await auditActions(applicationId)).toEqual(["certification.apply", "certification.submit"]);
  });

  it("requires two different reviewers, who must be platform staff", async () => {
    expect(await assignReviewer(db, admin, applicationId, enterprise.user.id, {})).toEqual({ ok: false, code: "notReviewer" });
    expect(await assignReviewer(db, reviewer1, applicationId, reviewer1.user.id, {})).toEqual({ ok: true });
    expect((await reload()).status).toBe("under_review");
    expect(await assignReviewer(db, admin, applicationId, reviewer1.user.id, {})).toEqual({ ok: false, code: "alreadyAssigned" });
    expect(await assignReviewer(db, admin, applicationId, reviewer2.user.id, {})).toEqual({ ok: true });
    expect(await assignReviewer(db, admin, applicationId, admin.user.id, {})).toEqual({ ok: false, code: "full" });
    // Someone not assigned cannot score.
    expect(await submitReview(db, admin, applicationId, allScores(criteria, (c) => c.weight), {})).toEqual({ ok: false, code: "notAssigned" });
  });

  it("keeps reviews blind until both are in, then shows where they differ", async () => {
    expect(await decide(db, admin, applicationId, { intent: "approve", reason: "评审未完成时批准" }, {})).toEqual({ ok: false, code: "reviewsMissing" });
    expect(await submitReview(db, reviewer1, applicationId, allScores(criteria, (c) => c.weight), {})).toEqual({ ok: true });
    expect(await submitReview(db, reviewer1, applicationId, allScores(criteria, () => 0), {})).toEqual({ ok: false, code: "alreadyScored" });
    const app = await reload();
    const seenBy2 = await reviewState(db, app, reviewer2.user.id, criteria);
    expect(seenBy2.allIn).toBe(false);
    expect(seenBy2.reviews.find((r) => r.reviewerId === reviewer1.user.id)?.scores).toBeNull();
    expect(seenBy2.comparison).toBeNull();
    const seenBy1 = await reviewState(db, app, reviewer1.user.id, criteria);
    expect(seenBy1.reviews.find((r) => r.mine)?.total).toBe(100);
    const seenByAdmin = await reviewState(db, app, admin.user.id, criteria);
    expect(seenByAdmin.reviews.every((r) => r.scores === null)).toBe(true);

    // Reviewer 2 differs by a quarter of the weight on the first criterion only.
    const first = criteria[0].key;
    await submitReview(db, reviewer2, applicationId, allScores(criteria, (c) => (c.key === first ? c.weight - Math.ceil(c.weight / 4) : c.weight)), {});
    const both = await reviewState(db, await reload(), reviewer2.user.id, criteria);
    expect(both.allIn).toBe(true);
    expect(both.reviews.every((r) => r.scores !== null)).toBe(true);
    expect(both.comparison?.filter((r) => r.highlighted).map((r) => r.key)).toEqual([first]);
  });

  it("needs a reason for every decision; approval starts a public notice and the certificate waits for its end", async () => {
    await expect(decide(db, admin, applicationId, { intent: "approve", reason: "" }, {})).rejects.toThrow();
    expect(await decide(db, admin, applicationId, { intent: "approve", reason: "两位评审均高于合格分。" }, { ip: "127.0.0.1" })).toEqual({ ok: true });
    expect((await reload()).status).toBe("approved");
    const notices = await listNotices(db);
    const notice = notices.find((n) => n.applicationId === applicationId);
    expect(notice?.running).toBe(true);
    expect(Math.round((notice!.endsAt.getTime() - notice!.startsAt.getTime()) / 86_400_000)).toBe(7);
    // While the notice runs neither the administrator nor the job issues anything.
    expect(await issueCertificate(db, admin, applicationId, {})).toMatchObject({ ok: false, code: "noticeRunning" });
    expect(await issueDueCertificates(db)).toEqual({ issued: 0 });
    const notified = await db.selectFrom("notifications").select("kind").where("organization_id", "=", enterprise.organization.id).execute();
    expect(notified.map((n) => n.kind)).toContain("certification.approve");
  });

  it("issues the certificate after the notice (job), numbered, valid three years, indexed as certified", async () => {
    await db.updateTable("certification_notices").set({ ends_at: sql`now() - interval '1 minute'` }).where("application_id", "=", applicationId).execute();
    await db.deleteFrom("search_outbox").execute();
    expect(await issueDueCertificates(db)).toEqual({ issued: 1 });
    const cert = await db.selectFrom("certificates").selectAll().where("application_id", "=", applicationId).executeTakeFirstOrThrow();
    const today = todayInChina();
    expect(cert.number).toBe(`HYCJ-${today.slice(0, 4)}-0001`);
    expect(cert.issued_on).toBe(today);
    expect(cert.valid_until).toBe(`${Number(today.slice(0, 4)) + 3}${today.slice(4)}`);
    expect((await reload()).status).toBe("certified");
    expect(await hasCurrentCertificate(db, enterprise.organization.id)).toBe(true);
    expect((await badgesOf(db, enterprise.organization.id)).map((b) => b.number)).toEqual([cert.number]);
    expect((await listDirectory(db, { q: enterprise.organization.name })).map((e) => e.number)).toEqual([cert.number]);
    expect((await listDirectory(db, { type: "school" })).length).toBe(0);
    const jobs = await db.selectFrom("search_outbox").select(["entity", "entity_id"]).execute();
    expect(jobs).toContainEqual({ entity: "organization", entity_id: enterprise.organization.id });
    expect(jobs.some((j) => j.entity === "listing")).toBe(true);
    const doc = (await searchEntities.organization.load(db, [enterprise.organization.id])).get(enterprise.organization.id) as { certified: boolean };
    expect(doc.certified).toBe(true);
    const otherDoc = (await searchEntities.organization.load(db, [other.organization.id])).get(other.organization.id) as { certified: boolean };
    expect(otherDoc.certified).toBe(false);
    expect(await auditActions(cert.id)).toEqual(["certification.issue"]);
  });

  it("revokes a certificate with a reason: badge, directory and index follow", async () => {
    const cert = await db.selectFrom("certificates").selectAll().where("application_id", "=", applicationId).executeTakeFirstOrThrow();
    await db.deleteFrom("search_outbox").execute();
    await expect(revokeCertificate(db, admin, cert.id, " ", {})).rejects.toThrow();
    expect(await revokeCertificate(db, admin, cert.id, "实习学生人数与协议不符。", {})).toEqual({ ok: true });
    expect(await revokeCertificate(db, admin, cert.id, "再次撤销。", {})).toEqual({ ok: false, code: "alreadyRevoked" });
    const after = await db.selectFrom("certificates").selectAll().where("id", "=", cert.id).executeTakeFirstOrThrow();
    expect(after.revoked_at).not.toBeNull();
    expect(after.revoke_reason).toBe("实习学生人数与协议不符。");
    expect(await hasCurrentCertificate(db, enterprise.organization.id)).toBe(false);
    expect(await badgesOf(db, enterprise.organization.id)).toEqual([]);
    expect((await db.selectFrom("search_outbox").select("entity_id").where("entity", "=", "organization").execute()).map((j) => j.entity_id)).toEqual([
      enterprise.organization.id,
    ]);
    const doc = (await searchEntities.organization.load(db, [enterprise.organization.id])).get(enterprise.organization.id) as { certified: boolean };
    expect(doc.certified).toBe(false);
    expect(await auditActions(cert.id)).toEqual(["certification.issue", "certification.revoke"]);
    expect(await auditActions(applicationId)).toEqual([
      "certification.apply",
      "certification.submit",
      "certification.reviewer.assign",
      "certification.reviewer.assign",
      "certification.review.submit",
      "certification.review.submit",
      "certification.approve",
    ]);
    const approve = await db.selectFrom("audit_log").select(["detail", "ip", "actor_user_id"]).where("action", "=", "certification.approve").executeTakeFirstOrThrow();
    expect(approve.detail).toMatchObject({ reason: "两位评审均高于合格分。" });
    expect(approve.actor_user_id).toBe(admin.user.id);
  });

  it("returns an application for more evidence: editable again, reviewed afresh in a new round", async () => {
    const created = await createApplication(db, other, "enterprise", {});
    const id = (created as { id: string }).id;
    const load = () => getApplicationForOrg(db, other.organization.id, id) as Promise<ApplicationRow>;
    await saveEvidence(db, other, await load(), fullEvidence);
    await submitApplication(db, other, await load(), {});
    await assignReviewer(db, reviewer1, id, reviewer1.user.id, {});
    expect(await decide(db, admin, id, { intent: "return", reason: "请补充实习协议。" }, {})).toEqual({ ok: true });
    const returned = await load();
    expect(returned.status).toBe("returned");
    expect(returned.round).toBe(2);
    expect(returned.decision_reason).toBe("请补充实习协议。");
    expect(await saveEvidence(db, other, returned, { ...fullEvidence, interns: { value: 20, statement: "补充" } })).toEqual({ ok: true });
    expect(await submitApplication(db, other, await load(), {})).toEqual({ ok: true });
    const state = await reviewState(db, await load(), reviewer1.user.id, criteria);
    expect(state.reviews).toEqual([]);
    expect(await assignReviewer(db, reviewer1, id, reviewer1.user.id, {})).toEqual({ ok: true });
    expect(await decide(db, admin, id, { intent: "reject", reason: "投入证明不足。" }, {})).toEqual({ ok: true });
    expect((await load()).status).toBe("rejected");
    // A rejected application no longer blocks a new one.
    expect((await createApplication(db, other, "enterprise", {})).ok).toBe(true);
  });

  it("tells holders once, 60 days before expiry, and re-indexes expired certificates once", async () => {
    const today = todayInChina();
    const soon = await db
      .insertInto("certificates")
      .values({ organization_id: other.organization.id, type_code: "enterprise", number: `T-${backend}-SOON`, issued_on: addDays(today, -1000), valid_until: addDays(today, 30) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("certificates")
      .values({ organization_id: other.organization.id, type_code: "school", number: `T-${backend}-LATER`, issued_on: addDays(today, -10), valid_until: addDays(today, 200) })
      .execute();
    await db
      .insertInto("certificates")
      .values({ organization_id: school.organization.id, type_code: "school", number: `T-${backend}-GONE`, issued_on: addDays(today, -1100), valid_until: addDays(today, -1) })
      .execute();
    await db.deleteFrom("search_outbox").execute();
    expect(await certificateExpiryJob(db, today)).toEqual({ reminded: 1, expired: 1 });
    expect(await certificateExpiryJob(db, today)).toEqual({ reminded: 0, expired: 0 });
    const reminders = await db.selectFrom("notifications").select(["title", "organization_id"]).where("kind", "=", "certification.expiring").execute();
    expect(reminders).toHaveLength(1);
    expect(reminders[0].organization_id).toBe(other.organization.id);
    expect(reminders[0].title).toContain(`T-${backend}-SOON`);
    const marked = await db.selectFrom("certificates").select("expiry_notified_at").where("id", "=", soon.id).executeTakeFirstOrThrow();
    expect(marked.expiry_notified_at).not.toBeNull();
    const jobs = await db.selectFrom("search_outbox").select("entity_id").where("entity", "=", "organization").execute();
    expect(jobs.map((j) => j.entity_id)).toEqual([school.organization.id]);
  });

  it("keeps the year-by-year surcharge credit history in the database", async () => {
    await saveCreditYear(db, enterprise, enterprise.organization.id, { year: 2027, investmentFen: 50_000_000, payableFen: 15_000_000 }, {});
    await saveCreditYear(db, enterprise, enterprise.organization.id, { year: 2026, investmentFen: 100_000_000, payableFen: 10_000_000 }, {});
    const rows = await storedCreditYears(db, enterprise.organization.id);
    expect(rows.map((r) => [r.year, Number(r.new_credit_fen), Number(r.carried_in_fen), Number(r.credited_fen), Number(r.carried_out_fen)])).toEqual([
      [2026, 30_000_000, 0, 10_000_000, 20_000_000],
      [2027, 15_000_000, 20_000_000, 15_000_000, 20_000_000],
    ]);
    expect(await auditActions(enterprise.organization.id)).toContain("certification.credit.save");
  });
});
