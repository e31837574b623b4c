import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actors, outcome, roleAccounts, roles, type Outcome, type Role } from "../support/http-actors.ts";

// Every certification route × {anonymous, member of organisation A, member of organisation B, reviewer,
// platform administrator}, against the real server on the demo data. A = 西安秦岭精工数控机床有限公司 (its demo
// application is in review), B = 陕西国防工业职业技术学院.
const actors = new Actors(roles, roleAccounts);
const { request, row } = actors;
// A 1×1 PNG, so the upload is recognised by its content.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const ids = { reviewA: "", draftA: "", fileA: "", onNotice: "" };
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  await actors.start("cjt-authz-cert-");
  // A's administrator (A's member is not one).
  await actors.signIn("adminA", "qinling@cjt-demo.cn");

  // The demo application of A in review, from the staff queue.
  const queue = await (await request("reviewer", "GET", "/admin/certification")).text();
  const match = /href="\/admin\/certification\/([0-9a-f-]{36})"[^>]*>西安秦岭精工数控机床有限公司/.exec(queue);
  if (!match) throw new Error("A's demo application is not in the queue");
  ids.reviewA = match[1];
  // The demo application on public notice (西安鄠邑智能装备有限公司), open to objections.
  const notices = await (await request("anonymous", "GET", "/certification/notices")).text();
  ids.onNotice = /href="\/certification\/notices\/([0-9a-f-]{36})\/objection"/.exec(notices)?.[1] ?? "";
  if (!ids.onNotice) throw new Error("the demo notice takes no objections");

  // A rubric for 实训基地 (any organisation kind), published by the administrator, so A can start a draft.
  const rubric = await request("admin", "POST", "/admin/certification/types", {
    intent: "rubric",
    code: "training_base",
    passMark: "60",
    key_0: "equipment",
    title_0: "实训设备",
    weight_0: "60",
    key_1: "teachers",
    title_1: "兼职教师",
    weight_1: "40",
  });
  expect(rubric.status).toBe(302);
  const applied = await request("adminA", "POST", "/certification/apply", { typeCode: "training_base" });
  expect(applied.status).toBe(302);
  ids.draftA = /\/certification\/applications\/([0-9a-f-]{36})/.exec(applied.headers.get("location") ?? "")?.[1] ?? "";
  if (!ids.draftA) throw new Error("no draft made");

  const body = new FormData();
  body.set("criterionKey", "equipment");
  body.set("file", new Blob([PNG], { type: "image/png" }), "设备照片.png");
  const uploaded = await request("adminA", "POST", `/certification/applications/${ids.draftA}`, body);
  expect(uploaded.status).toBe(302);
  const page = await (await request("memberA", "GET", `/certification/applications/${ids.draftA}`)).text();
  ids.fileA = /\/certification\/files\/([0-9a-f-]{36})/.exec(page)?.[1] ?? "";
  if (!ids.fileA) throw new Error("uploaded file not listed");
}, 300_000);

afterAll(() => actors.stop());

const reads: Array<[string, () => string, Record<Role, Outcome | number>]> = [
  ["directory", () => "/certification", row(["ok", "ok", "ok", "ok", "ok"])],
  ["directory with odd filters", () => "/certification?type=%00&industry=x&q=__proto__", row(["ok", "ok", "ok", "ok", "ok"])],
  ["notices", () => "/certification/notices", row(["ok", "ok", "ok", "ok", "ok"])],
  ["objection form of a running notice", () => `/certification/notices/${ids.onNotice}/objection`, row(["ok", "ok", "ok", "ok", "ok"])],
  ["objection form of an application in review", () => `/certification/notices/${ids.reviewA}/objection`, row([404, 404, 404, 404, 404])],
  ["objection form, unknown application", () => `/certification/notices/${UNKNOWN}/objection`, row([404, 404, 404, 404, 404])],
  ["objection form, malformed id", () => "/certification/notices/%00abc/objection", row([404, 404, 404, 404, 404])],
  ["apply", () => "/certification/apply", row(["login", "ok", "ok", 403, 403])],
  ["own applications", () => "/certification/applications", row(["login", "ok", "ok", 403, 403])],
  ["A's application in review", () => `/certification/applications/${ids.reviewA}`, row(["login", "ok", 404, 403, 403])],
  ["A's draft", () => `/certification/applications/${ids.draftA}`, row(["login", "ok", 404, 403, 403])],
  ["unknown application", () => `/certification/applications/${UNKNOWN}`, row(["login", 404, 404, 403, 403])],
  ["malformed application id", () => "/certification/applications/abc", row(["login", 404, 404, 403, 403])],
  ["A's evidence file", () => `/certification/files/${ids.fileA}`, row(["login", "ok", 404, "ok", "ok"])],
  ["unknown file", () => `/certification/files/${UNKNOWN}`, row(["login", 404, 404, 404, 404])],
  ["credit estimator", () => "/certification/credit", row(["login", "ok", "ok", 403, 403])],
  ["review queue", () => "/admin/certification", row(["login", 403, 403, "ok", "ok"])],
  ["review queue, all", () => "/admin/certification?status=all", row(["login", 403, 403, "ok", "ok"])],
  ["review page", () => `/admin/certification/${ids.reviewA}`, row(["login", 403, 403, "ok", "ok"])],
  ["A's draft on the review page", () => `/admin/certification/${ids.draftA}`, row(["login", 403, 403, 404, 404])],
  ["unknown review page", () => `/admin/certification/${UNKNOWN}`, row(["login", 403, 403, 404, 404])],
  ["standards", () => "/admin/certification/types", row(["login", 403, 403, 403, "ok"])],
];

describe("certification authorisation: reading", () => {
  it.each(reads)("%s", async (_name, pathOf, expected) => {
    expect(await actors.outcomes("GET", pathOf())).toEqual(expected);
  });

  it("shows B nothing of A's application, and the reviewer the demo's one score only to its author", async () => {
    const html = await (await request("memberB", "GET", `/certification/applications/${ids.reviewA}`)).text();
    expect(html).not.toContain("秦岭");
    const file = await request("memberA", "GET", `/certification/files/${ids.fileA}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    expect(file.headers.get("content-disposition")).toContain("attachment");
    // reviewer@ scored the demo application, reviewer2@ not yet: the administrator sees no scores yet.
    const adminView = await (await request("admin", "GET", `/admin/certification/${ids.reviewA}`)).text();
    expect(adminView).toContain("另一位评审员提交评分前，评分不公开");
    expect(adminView).not.toContain("评分对比");
  });
});

describe("certification authorisation: changing", () => {
  const save = { intent: "save", value__equipment: "3", statement__equipment: "篡改", value__teachers: "", statement__teachers: "" };

  it("lets only A's administrators apply and edit A's applications", async () => {
    const expected = row(["login", 403, 404, 403, 403]);
    expect(await actors.outcomes("POST", `/certification/applications/${ids.draftA}`, () => save)).toEqual(expected);
    const applyOutcomes = await actors.outcomes("POST", "/certification/apply", () => ({ typeCode: "training_base" }));
    // B (a school's administrator) may apply for itself; a member of A may not.
    expect(applyOutcomes).toEqual(row(["login", 403, "ok", 403, 403]));
    const page = await (await request("memberA", "GET", `/certification/applications/${ids.draftA}`)).text();
    expect(page).not.toContain("篡改");
    expect(await outcome(await request("adminA", "POST", `/certification/applications/${ids.draftA}`, save))).toBe("ok");
    // Deleting A's file: B gets 404, A's member 403.
    const del = { intent: "deleteFile", fileId: ids.fileA };
    expect(await outcome(await request("memberB", "POST", `/certification/applications/${ids.draftA}`, del))).toBe(404);
    expect(await outcome(await request("memberA", "POST", `/certification/applications/${ids.draftA}`, del))).toBe(403);
  });

  it("answers bad evidence with 400 and field messages, never a 500", async () => {
    const res = await request("adminA", "POST", `/certification/applications/${ids.draftA}`, { ...save, value__equipment: "-5" });
    expect(res.status).toBe(400);
    const bad = await request("adminA", "POST", "/certification/apply", { typeCode: "NOT A TYPE" });
    expect(bad.status).toBe(400);
  });

  it("lets only staff act on reviews and only administrators decide, issue, revoke or change standards", async () => {
    const path = `/admin/certification/${ids.reviewA}`;
    const approve = { intent: "approve", reason: "矩阵测试：不应生效" };
    const staffAndOthers: Role[] = ["anonymous", "memberA", "memberB", "reviewer"];
    expect(await actors.outcomes("POST", path, () => approve, staffAndOthers)).toEqual({ anonymous: "login", memberA: 403, memberB: 403, reviewer: 403 });
    for (const intent of ["issue", "assign", "revoke"]) {
      expect(await outcome(await request("reviewer", "POST", path, { intent, reason: "矩阵测试：不应生效", reviewerId: UNKNOWN, certificateId: UNKNOWN }))).toBe(403);
    }
    // The demo application already has two reviewers: a third cannot take it.
    expect(await outcome(await request("admin", "POST", path, { intent: "claim" }))).toBe(409);
    // A decision without a reason is refused.
    expect(await outcome(await request("admin", "POST", path, { intent: "reject", reason: "" }))).toBe(400);
    // Staff cannot act on a draft.
    expect(await outcome(await request("admin", "POST", `/admin/certification/${ids.draftA}`, approve))).toBe(404);
    const types = { intent: "update", code: "enterprise", name: "篡改", validityYears: "3", noticeDays: "0" };
    expect(await actors.outcomes("POST", "/admin/certification/types", () => types, staffAndOthers)).toEqual({ anonymous: "login", memberA: 403, memberB: 403, reviewer: 403 });
    const queue = await (await request("reviewer", "GET", path)).text();
    expect(queue).toContain("评审中");
  });

  it("lets anyone object to a running notice, shows the objector to administrators only, and lets only them handle it", async () => {
    const objection = { name: "矩阵测试人", contact: "13900000000", content: "矩阵测试：该企业申报的实训基地尚未建成，请核实。" };
    expect(await outcome(await request("anonymous", "POST", `/certification/notices/${ids.onNotice}/objection`, objection))).toBe("ok");
    // Not on an application that is not on notice.
    expect(await outcome(await request("anonymous", "POST", `/certification/notices/${ids.reviewA}/objection`, objection))).toBe(409);
    expect(await outcome(await request("anonymous", "POST", `/certification/notices/${ids.onNotice}/objection`, { ...objection, contact: "x" }))).toBe(400);
    const path = `/admin/certification/${ids.onNotice}`;
    const adminView = await (await request("admin", "GET", path)).text();
    expect(adminView).toContain("矩阵测试人");
    expect(adminView).toContain("13900000000");
    const reviewerView = await (await request("reviewer", "GET", path)).text();
    expect(reviewerView).not.toContain("13900000000");
    expect(reviewerView).not.toContain("矩阵测试人");
    const objectionId = /name="objectionId" value="([0-9a-f-]{36})"/.exec(adminView)?.[1] ?? /value="([0-9a-f-]{36})" name="objectionId"/.exec(adminView)?.[1];
    expect(objectionId).toBeTruthy();
    const handle = { intent: "objection", objectionId: objectionId!, handling: "uphold", note: "矩阵测试：不应生效" };
    const staffAndOthers: Role[] = ["anonymous", "memberA", "memberB", "reviewer"];
    expect(await actors.outcomes("POST", path, () => handle, staffAndOthers)).toEqual({ anonymous: "login", memberA: 403, memberB: 403, reviewer: 403 });
    expect(await outcome(await request("admin", "POST", path, { ...handle, note: "" }))).toBe(400);
    // The objection is still open, so the notice still stands and the certificate cannot be issued.
    expect((await (await request("admin", "GET", path)).text())).toContain("待处理");
  });

  it("keeps the credit estimator to certified enterprises' administrators", async () => {
    const form = { year: "2026", investment: "100000", payable: "20000" };
    const actual = await actors.outcomes("POST", "/certification/credit", () => form);
    // A's member is not an administrator; B is not certified; staff have no organisation.
    expect(actual).toEqual(row(["login", 403, 403, 403, 403]));
  });
});
