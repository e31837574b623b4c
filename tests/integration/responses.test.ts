import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.ts";
import type { ListingKind } from "../../app/domain/listing-kinds.ts";
import type { OrgActor } from "../../app/models/policy.server.ts";
import {
  addMilestone,
  addProjectFile,
  changeProjectStatus,
  checkAgreementFile,
  completeMilestone,
  getProjectFile,
  getProjectForViewer,
  listMilestones,
  listProjects,
  recordPlacement,
} from "../../app/models/matchmaking/projects.server.ts";
import {
  createResponse,
  decideResponse,
  getResponseForViewer,
  listResponses,
  matchmakingCounts,
  respondTarget,
  timelineOf,
  withdrawResponse,
} from "../../app/models/matchmaking/responses.server.ts";
import { responseActionSchema, responseSchemaFor, splitResponseInput } from "../../app/schemas/response.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { fakeExe, fakePdfText, minimalPdf, minimalPng } from "../support/agreement-files.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

let counter = 0;

async function publishedListing(db: DB, owner: OrgActor, kind: ListingKind = "order_training", status: "published" | "draft" = "published") {
  counter += 1;
  return db
    .insertInto("listings")
    .values({
      organization_id: owner.organization.id,
      kind,
      status,
      title: `测试信息 ${kind} ${counter}`,
      description: "用于响应测试的信息，描述足够长。",
      valid_until: addDays(todayInChina(), 60),
      details: "{}",
      published_at: status === "published" ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const orderTraining = splitResponseInput(
  "order_training",
  responseSchemaFor("order_training").parse({ message: "我院愿意组建订单班，请联系校企合作处。", major: "数控技术", students: "40", cohort: "2027级" }),
);
const internship = splitResponseInput(
  "internship",
  responseSchemaFor("internship").parse({ message: "我校 12 名学生可参加岗位实习。", students: "12", startDate: "2027-03-01", endDate: "2027-06-30" }),
);

async function inbox(db: DB, organizationId: string) {
  return db.selectFrom("notifications").select(["kind", "title", "body", "link"]).where("organization_id", "=", organizationId).orderBy("id").execute();
}

describe.each(backends)("responses and cooperation projects on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let enterprise: OrgActor;
  let school: OrgActor;
  let outsider: OrgActor;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    enterprise = await makeOrgActor(db, { kind: "enterprise", name: `响应测试企业${crypto.randomBytes(3).toString("hex")}` });
    school = await makeOrgActor(db, { kind: "vocational_school", name: `响应测试职院${crypto.randomBytes(3).toString("hex")}` });
    outsider = await makeOrgActor(db, { kind: "university" });
  });
  afterAll(() => database?.dispose());

  it("respond → accept starts exactly one project, notifies each side and keeps a timeline", async () => {
    const listing = await publishedListing(db, enterprise, "order_training");
    const created = await createResponse(db, school, listing.id, orderTraining);
    if (!created.ok) throw new Error(created.code);
    expect(created.response.status).toBe("pending");
    expect(created.response.details).toEqual({ major: "数控技术", students: 40, cohort: 2027 });

    const toOwner = await inbox(db, enterprise.organization.id);
    expect(toOwner.at(-1)).toMatchObject({ kind: "response.new", link: `/responses/${created.response.id}` });
    expect(toOwner.at(-1)?.title).toContain(listing.title);
    expect(toOwner.at(-1)?.body).toContain(school.organization.name);

    const counts = await matchmakingCounts(db, enterprise.organization.id);
    expect(counts.incomingPending).toBeGreaterThanOrEqual(1);
    const incoming = await listResponses(db, enterprise.organization.id, { tab: "incoming", status: "pending" });
    expect(incoming.items.map((i) => i.id)).toContain(created.response.id);
    const outgoing = await listResponses(db, school.organization.id, { tab: "outgoing" });
    expect(outgoing.items.find((i) => i.id === created.response.id)?.otherOrgName).toBe(enterprise.organization.name);

    // The responder cannot decide on its own response; the owner cannot withdraw it.
    expect(await decideResponse(db, school, created.response.id, { intent: "accept", reason: "自己接受" })).toEqual({ ok: false, code: "notAllowed" });
    expect(await withdrawResponse(db, enterprise, created.response.id)).toEqual({ ok: false, code: "notAllowed" });

    const accepted = await decideResponse(db, enterprise, created.response.id, { intent: "accept", reason: "专业对口，请联系人事部。" });
    if (!accepted.ok) throw new Error(accepted.code);
    expect(accepted.response.status).toBe("accepted");
    expect(accepted.response.decision_reason).toBe("专业对口，请联系人事部。");
    // A second decision (or a double click) changes nothing and starts no second project.
    expect(await decideResponse(db, enterprise, created.response.id, { intent: "accept", reason: "再次接受" })).toEqual({ ok: false, code: "wrongStatus" });
    expect(await decideResponse(db, enterprise, created.response.id, { intent: "decline", reason: "改主意" })).toEqual({ ok: false, code: "wrongStatus" });
    const projects = await db.selectFrom("cooperation_projects").selectAll().where("response_id", "=", created.response.id).execute();
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({
      id: accepted.projectId,
      kind: "order_training",
      title: listing.title,
      owner_org_id: enterprise.organization.id,
      partner_org_id: school.organization.id,
      status: "in_progress",
      start_date: todayInChina(),
      students_count: 40,
    });

    const toSchool = await inbox(db, school.organization.id);
    expect(toSchool.at(-1)).toMatchObject({ kind: "response.accepted", link: `/projects/${accepted.projectId}` });
    expect(toSchool.at(-1)?.body).toContain("专业对口，请联系人事部。");

    const timeline = await timelineOf(db, "response", created.response.id);
    expect(timeline.map((e) => [e.status, e.actorOrgName])).toEqual([
      ["pending", school.organization.name],
      ["accepted", enterprise.organization.name],
    ]);
    expect(timeline[1].note).toBe("专业对口，请联系人事部。");
    const view = await getResponseForViewer(db, school, created.response.id);
    expect(view?.projectId).toBe(accepted.projectId);
  });

  it("starts an internship project on the response's period and student count", async () => {
    const listing = await publishedListing(db, enterprise, "internship");
    const created = await createResponse(db, school, listing.id, internship);
    if (!created.ok) throw new Error(created.code);
    const accepted = await decideResponse(db, enterprise, created.response.id, { intent: "accept", reason: "欢迎来实习" });
    if (!accepted.ok) throw new Error(accepted.code);
    const project = await getProjectForViewer(db, enterprise, accepted.projectId!);
    expect(project?.project).toMatchObject({ kind: "internship", start_date: "2027-03-01", end_date: "2027-06-30", students_count: 12 });
  });

  it("declining needs a reason, tells the responder why and starts no project", async () => {
    expect(responseActionSchema.safeParse({ intent: "decline", reason: " " }).success).toBe(false);
    const listing = await publishedListing(db, enterprise, "cooperation");
    const created = await createResponse(db, school, listing.id, { message: "合作意向说明", details: { proposal: "共建实训基地的具体方案" } });
    if (!created.ok) throw new Error(created.code);
    const declined = await decideResponse(db, enterprise, created.response.id, { intent: "decline", reason: "本期名额已满" });
    expect(declined.ok && declined.response.status).toBe("declined");
    expect(declined.ok && declined.projectId).toBeNull();
    expect(await db.selectFrom("cooperation_projects").select("id").where("response_id", "=", created.response.id).execute()).toEqual([]);
    const toSchool = await inbox(db, school.organization.id);
    expect(toSchool.at(-1)?.kind).toBe("response.declined");
    expect(toSchool.at(-1)?.body).toContain("本期名额已满");
    // A declined response is closed: the responder cannot withdraw it any more.
    expect(await withdrawResponse(db, school, created.response.id)).toEqual({ ok: false, code: "wrongStatus" });
  });

  it("lets the responder withdraw while pending, tells the owner, and then respond again", async () => {
    const listing = await publishedListing(db, enterprise, "order_training");
    const first = await createResponse(db, school, listing.id, orderTraining);
    if (!first.ok) throw new Error(first.code);
    const withdrawn = await withdrawResponse(db, school, first.response.id);
    expect(withdrawn.ok && withdrawn.response.status).toBe("withdrawn");
    expect((await inbox(db, enterprise.organization.id)).at(-1)).toMatchObject({ kind: "response.withdrawn", link: `/responses/${first.response.id}` });
    expect(await decideResponse(db, enterprise, first.response.id, { intent: "accept", reason: "已撤回的" })).toEqual({ ok: false, code: "wrongStatus" });
    const again = await createResponse(db, school, listing.id, orderTraining);
    expect(again.ok).toBe(true);
    expect((await timelineOf(db, "response", first.response.id)).map((e) => e.status)).toEqual(["pending", "withdrawn"]);
  });

  it("refuses a second pending response from the same organisation, also when two arrive at once", async () => {
    const listing = await publishedListing(db, enterprise, "order_training");
    expect((await createResponse(db, school, listing.id, orderTraining)).ok).toBe(true);
    expect(await createResponse(db, school, listing.id, orderTraining)).toEqual({ ok: false, code: "duplicate" });

    const raced = await publishedListing(db, enterprise, "order_training");
    const results = await Promise.all([createResponse(db, school, raced.id, orderTraining), createResponse(db, school, raced.id, orderTraining)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: "duplicate" }]);
    const rows = await db.selectFrom("listing_responses").select("id").where("listing_id", "=", raced.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses responses to an own listing, a training package, a draft, and from an unverified organisation", async () => {
    const own = await publishedListing(db, enterprise, "cooperation");
    expect(await createResponse(db, enterprise, own.id, { message: "自己响应自己", details: { proposal: "不应成功的方案" } })).toEqual({ ok: false, code: "ownListing" });
    const school2 = await makeOrgActor(db, { kind: "vocational_school" });
    const pack = await publishedListing(db, school2, "training_package");
    expect(await createResponse(db, enterprise, pack.id, { message: "培训包应下单", details: {} })).toEqual({ ok: false, code: "notRespondable" });
    const draft = await publishedListing(db, enterprise, "order_training", "draft");
    expect(await createResponse(db, school, draft.id, orderTraining)).toEqual({ ok: false, code: "notFound" });
    expect(await respondTarget(db, school, "not-a-uuid")).toEqual({ ok: false, code: "notFound" });
    const pending = await makeOrgActor(db, { kind: "vocational_school", status: "pending" });
    const open = await publishedListing(db, enterprise, "order_training");
    expect(await createResponse(db, pending, open.id, orderTraining)).toEqual({ ok: false, code: "notVerified" });
  });

  it("hides a response and its project from a third organisation, and lets staff read but not act", async () => {
    const staff = await makeStaffActor(db);
    const listing = await publishedListing(db, enterprise, "internship");
    const created = await createResponse(db, school, listing.id, internship);
    if (!created.ok) throw new Error(created.code);
    const id = created.response.id;

    expect(await getResponseForViewer(db, outsider, id)).toBeNull();
    expect(await decideResponse(db, outsider, id, { intent: "accept", reason: "第三方接受" })).toEqual({ ok: false, code: "notFound" });
    expect(await withdrawResponse(db, outsider, id)).toEqual({ ok: false, code: "notFound" });
    expect((await listResponses(db, outsider.organization.id, { tab: "incoming" })).items).toEqual([]);
    expect((await listResponses(db, outsider.organization.id, { tab: "outgoing" })).items).toEqual([]);
    expect((await getResponseForViewer(db, staff, id))?.role).toBe("staff");
    expect(await decideResponse(db, staff, id, { intent: "decline", reason: "工作人员婉拒" })).toEqual({ ok: false, code: "notAllowed" });

    const accepted = await decideResponse(db, enterprise, id, { intent: "accept", reason: "同意" });
    if (!accepted.ok) throw new Error(accepted.code);
    const projectId = accepted.projectId!;
    expect(await getProjectForViewer(db, outsider, projectId)).toBeNull();
    expect(await addMilestone(db, outsider, projectId, { title: "第三方里程碑" })).toEqual({ ok: false, code: "notFound" });
    expect(await changeProjectStatus(db, outsider, projectId, { status: "ended", reason: "第三方终止" })).toEqual({ ok: false, code: "notFound" });
    expect(await addProjectFile(db, outsider, projectId, { name: "x.pdf", bytes: minimalPdf() })).toEqual({ ok: false, code: "notFound" });
    expect((await listProjects(db, { organizationId: outsider.organization.id })).items).toEqual([]);
    expect((await getProjectForViewer(db, staff, projectId))?.role).toBe("staff");
    expect(await addMilestone(db, staff, projectId, { title: "工作人员里程碑" })).toEqual({ ok: false, code: "notAllowed" });
    expect((await listProjects(db, { all: true })).items.map((p) => p.id)).toContain(projectId);
  });

  it("lets either party run the project, notifying the other, until it is completed or ended", async () => {
    const listing = await publishedListing(db, enterprise, "internship");
    const created = await createResponse(db, school, listing.id, internship);
    if (!created.ok) throw new Error(created.code);
    const accepted = await decideResponse(db, enterprise, created.response.id, { intent: "accept", reason: "同意" });
    if (!accepted.ok) throw new Error(accepted.code);
    const projectId = accepted.projectId!;

    // Dated from the day the project was formed to its end date, 2027-06-30.
    expect(await addMilestone(db, school, projectId, { title: "补录旧里程碑", dueDate: "1999-01-01" })).toMatchObject({
      ok: false,
      code: "milestoneBeforeStart",
    });
    expect(await addMilestone(db, school, projectId, { title: "结束后里程碑", dueDate: "2027-07-01" })).toMatchObject({
      ok: false,
      code: "milestoneAfterEnd",
      vars: { end: "2027-06-30" },
    });
    expect((await addMilestone(db, school, projectId, { title: "签订三方协议", dueDate: "2027-02-20" })).ok).toBe(true);
    expect((await inbox(db, enterprise.organization.id)).at(-1)).toMatchObject({ kind: "project.milestone", link: `/projects/${projectId}` });
    const [milestone] = await listMilestones(db, projectId);
    expect(milestone).toMatchObject({ title: "签订三方协议", dueDate: "2027-02-20", doneAt: null });
    expect((await completeMilestone(db, enterprise, projectId, milestone.id)).ok).toBe(true);
    expect(await completeMilestone(db, enterprise, projectId, milestone.id)).toEqual({ ok: false, code: "milestoneNotFound" });
    expect((await inbox(db, school.organization.id)).at(-1)?.kind).toBe("project.milestone");

    // The response offered 12 students: a placement of 13 is refused, 10 is kept.
    const placement = { startDate: "2027-03-01", endDate: "2027-06-30", tripartiteAgreement: true, liabilityInsurance: false };
    expect(await recordPlacement(db, school, projectId, { ...placement, studentsPlaced: 13 })).toEqual({
      ok: false,
      code: "placementOverAgreed",
      vars: { agreed: 12 },
    });
    const placed = await recordPlacement(db, school, projectId, {
      studentsPlaced: 10,
      startDate: "2027-03-01",
      endDate: "2027-06-30",
      tripartiteAgreement: true,
      liabilityInsurance: false,
    });
    expect(placed.ok && placed.project).toMatchObject({ students_count: 10, tripartite_agreement: true, liability_insurance: false });
    expect((await inbox(db, enterprise.organization.id)).at(-1)?.kind).toBe("project.placement");

    const ended = await changeProjectStatus(db, enterprise, projectId, { status: "ended", reason: "企业订单调整，暂停实习" });
    expect(ended.ok && ended.project).toMatchObject({ status: "ended", end_reason: "企业订单调整，暂停实习" });
    expect((await inbox(db, school.organization.id)).at(-1)?.kind).toBe("project.ended");
    expect(await changeProjectStatus(db, school, projectId, { status: "completed" })).toEqual({ ok: false, code: "wrongStatus" });
    expect(await addMilestone(db, school, projectId, { title: "已结束后添加" })).toEqual({ ok: false, code: "wrongStatus" });
    expect((await timelineOf(db, "project", projectId)).map((e) => e.status)).toEqual([
      "in_progress",
      "milestone_added",
      "milestone_done",
      "placement_recorded",
      "ended",
    ]);
  });

  it("records a placement only for internship projects", async () => {
    const listing = await publishedListing(db, enterprise, "order_training");
    const created = await createResponse(db, school, listing.id, orderTraining);
    if (!created.ok) throw new Error(created.code);
    const accepted = await decideResponse(db, enterprise, created.response.id, { intent: "accept", reason: "同意" });
    if (!accepted.ok) throw new Error(accepted.code);
    expect(
      await recordPlacement(db, school, accepted.projectId!, { studentsPlaced: 3, startDate: "2027-03-01", tripartiteAgreement: true, liabilityInsurance: true }),
    ).toEqual({ ok: false, code: "notInternship" });
  });

  it("checks agreement files by content: a text or exe named .pdf is refused, a real PDF and PNG are kept for the parties", async () => {
    expect(await checkAgreementFile(fakePdfText)).toEqual({ ok: false, code: "wrongType" });
    expect(await checkAgreementFile(fakeExe)).toEqual({ ok: false, code: "wrongType" });
    expect(await checkAgreementFile(new Uint8Array())).toEqual({ ok: false, code: "empty" });
    expect(await checkAgreementFile(new Uint8Array(10 * 1024 * 1024 + 1))).toEqual({ ok: false, code: "tooLarge" });
    expect(await checkAgreementFile(minimalPdf())).toMatchObject({ ok: true, file: { contentType: "application/pdf" } });
    expect(await checkAgreementFile(minimalPng())).toMatchObject({ ok: true, file: { contentType: "image/png" } });

    const listing = await publishedListing(db, enterprise, "order_training");
    const created = await createResponse(db, school, listing.id, orderTraining);
    if (!created.ok) throw new Error(created.code);
    const accepted = await decideResponse(db, enterprise, created.response.id, { intent: "accept", reason: "同意" });
    if (!accepted.ok) throw new Error(accepted.code);
    const projectId = accepted.projectId!;

    expect(await addProjectFile(db, enterprise, projectId, { name: "合作协议.pdf", bytes: fakePdfText })).toEqual({ ok: false, code: "wrongType" });
    expect(await db.selectFrom("project_files").select("id").where("project_id", "=", projectId).execute()).toEqual([]);

    const pdf = minimalPdf("agreement");
    const uploaded = await addProjectFile(db, enterprise, projectId, { name: "C:\\docs\\订单班合作协议.pdf", bytes: pdf });
    if (!uploaded.ok) throw new Error(uploaded.code);
    const stored = await db.selectFrom("project_files").selectAll().where("id", "=", uploaded.fileId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      file_name: "订单班合作协议.pdf",
      content_type: "application/pdf",
      size_bytes: pdf.byteLength,
      sha256: crypto.createHash("sha256").update(pdf).digest("hex"),
    });
    expect((await inbox(db, school.organization.id)).at(-1)).toMatchObject({ kind: "project.file", link: `/projects/${projectId}` });

    // A PNG uploaded under a .pdf name is kept as what it is.
    const png = await addProjectFile(db, school, projectId, { name: "盖章页.pdf", bytes: minimalPng() });
    if (!png.ok) throw new Error(png.code);
    const pngFile = await getProjectFile(db, enterprise, projectId, png.fileId);
    expect(pngFile).toMatchObject({ fileName: "盖章页.png", contentType: "image/png" });

    const forSchool = await getProjectFile(db, school, projectId, uploaded.fileId);
    expect(forSchool?.content.equals(pdf)).toBe(true);
    expect(await getProjectFile(db, outsider, projectId, uploaded.fileId)).toBeNull();
    expect(await getProjectFile(db, await makeStaffActor(db), projectId, uploaded.fileId)).not.toBeNull();
    // A file id of one project is not reachable through another project's id.
    const other = await publishedListing(db, enterprise, "order_training");
    const otherResponse = await createResponse(db, school, other.id, orderTraining);
    if (!otherResponse.ok) throw new Error(otherResponse.code);
    const otherAccepted = await decideResponse(db, enterprise, otherResponse.response.id, { intent: "accept", reason: "同意" });
    if (!otherAccepted.ok) throw new Error(otherAccepted.code);
    expect(await getProjectFile(db, school, otherAccepted.projectId!, uploaded.fileId)).toBeNull();
  });
});
