import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakePdfText, minimalPdf } from "../support/agreement-files.ts";
import { Actors, outcome, roleAccounts, roles, type Outcome, type Role } from "../support/http-actors.ts";

// Every route of responses and cooperation projects × {anonymous, member of organisation A, member of
// organisation B, reviewer, platform administrator}, against the real server on the demo data
// (seeds/demo-responses.ts). A = 西安秦岭精工数控机床有限公司, B = 陕西国防工业职业技术学院.
const actors = new Actors(roles, roleAccounts);
const { request, row } = actors;
const ids = {
  /** 陕西国防 → 秦岭, pending: both A and B are parties. */
  responseAB: "",
  /** 鄠邑区职业教育中心 → 秦岭: B is not a party. */
  responseA: "",
  /** The order-training listing of 秦岭 that B's accepted demo response was for. */
  listingA: "",
  /** 陕西国防 → 秦岭, accepted: both see each other's contact. */
  acceptedAB: "",
  /** 秦岭 ↔ 鄠邑区职业教育中心 (internship): B is not a party. */
  projectA: "",
  /** 陕西沣京汽车零部件 ↔ 鄠邑区职业教育中心: neither A nor B is a party. */
  projectOther: "",
  fileA: "",
};
const unknownId = crypto.randomUUID();

async function upload(role: Role, projectId: string, file: { name: string; bytes: Uint8Array; type?: string }, origin?: string) {
  const body = new FormData();
  body.set("intent", "upload");
  body.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/pdf" }), file.name);
  return request(role, "POST", `/projects/${projectId}`, body, origin);
}

/** The id of the table row (data-<kind>-id) whose text contains `text`. */
function rowId(html: string, kind: "response" | "project", text: string): string {
  for (const match of html.matchAll(new RegExp(`<tr[^>]*data-${kind}-id="([0-9a-f-]{36})"[^>]*>([\\s\\S]*?)</tr>`, "g"))) {
    if (match[2].includes(text)) return match[1];
  }
  throw new Error(`no ${kind} row with ${text}`);
}

beforeAll(async () => {
  await actors.start("cjt-authz-responses-");

  const incoming = await (await request("memberA", "GET", "/responses?tab=incoming")).text();
  ids.responseAB = rowId(incoming, "response", "CNC 加工中心编程实习生");
  ids.responseA = rowId(incoming, "response", "数控车床操作实习生（岗位实习）");
  ids.acceptedAB = rowId(incoming, "response", "2027 级数控技术专业订单班");
  const accepted = await (await request("memberA", "GET", `/responses/${ids.acceptedAB}`)).text();
  ids.listingA = /href="\/l\/([0-9a-f-]{36})"/.exec(accepted)?.[1] ?? "";
  const projectsA = await (await request("memberA", "GET", "/projects")).text();
  ids.projectA = rowId(projectsA, "project", "数控车床操作实习生（岗位实习）");
  const allProjects = await (await request("admin", "GET", "/projects")).text();
  ids.projectOther = rowId(allProjects, "project", "2027 级汽车制造与试验技术订单班");

  // An agreement on A's project, uploaded by A's member through the form.
  const uploaded = await upload("memberA", ids.projectA, { name: "实习三方协议.pdf", bytes: minimalPdf() });
  expect(uploaded.status).toBe(302);
  const page = await (await request("memberA", "GET", `/projects/${ids.projectA}`)).text();
  ids.fileA = new RegExp(`/projects/${ids.projectA}/files/([0-9a-f-]{36})`).exec(page)?.[1] ?? "";
  for (const [name, value] of Object.entries(ids)) if (!value) throw new Error(`${name} not found in the demo data`);
}, 300_000);

afterAll(() => actors.stop());

const reads: Array<[string, () => string, Record<Role, Outcome | number>]> = [
  ["responses list", () => "/responses", row(["login", "ok", "ok", 403, 403])],
  ["staff overview of matchmaking", () => "/admin/matchmaking", row(["login", 403, 403, "ok", "ok"])],
  ["staff overview, orders with odd filters", () => "/admin/matchmaking?view=orders&status=pending&q=%25%00&page=-1", row(["login", 403, 403, "ok", "ok"])],
  ["outgoing responses", () => "/responses?tab=outgoing&status=pending", row(["login", "ok", "ok", 403, 403])],
  ["a response between A and B", () => `/responses/${ids.responseAB}`, row(["login", "ok", "ok", "ok", "ok"])],
  ["a response to A from a third organisation", () => `/responses/${ids.responseA}`, row(["login", "ok", 404, "ok", "ok"])],
  ["an unknown response", () => `/responses/${unknownId}`, row(["login", 404, 404, 404, 404])],
  ["a malformed response id", () => "/responses/not-an-id", row(["login", 404, 404, 404, 404])],
  ["respond form for A's listing", () => `/l/${ids.listingA}/respond`, row(["login", "ok", "ok", 403, 403])],
  ["respond form for an unknown listing", () => `/l/${unknownId}/respond`, row(["login", 404, 404, 403, 403])],
  ["projects list", () => "/projects", row(["login", "ok", "ok", "ok", "ok"])],
  ["A's project with a third organisation", () => `/projects/${ids.projectA}`, row(["login", "ok", 404, "ok", "ok"])],
  ["a project of two other organisations", () => `/projects/${ids.projectOther}`, row(["login", 404, 404, "ok", "ok"])],
  ["an unknown project", () => `/projects/${unknownId}`, row(["login", 404, 404, 404, 404])],
  ["A's agreement file", () => `/projects/${ids.projectA}/files/${ids.fileA}`, row(["login", "ok", 404, "ok", "ok"])],
  ["A's file through another project's id", () => `/projects/${ids.projectOther}/files/${ids.fileA}`, row(["login", 404, 404, 404, 404])],
  ["an unknown file", () => `/projects/${ids.projectA}/files/${unknownId}`, row(["login", 404, 404, 404, 404])],
  ["dashboard with the matchmaking card", () => "/dashboard", row(["login", "ok", "ok", "ok", "ok"])],
];

describe("authorisation of responses and projects: reading", () => {
  it.each(reads)("%s", async (_name, pathOf, expected) => {
    expect(await actors.outcomes("GET", pathOf())).toEqual(expected);
  });

  it("shows nobody else the content of a response or project", async () => {
    const response = await (await request("memberA", "GET", `/responses/${ids.responseA}`)).text();
    expect(response).toContain("岗位实习");
    for (const [role, pathname] of [
      ["memberB", `/responses/${ids.responseA}`],
      ["memberB", `/projects/${ids.projectA}`],
      ["memberA", `/projects/${ids.projectOther}`],
    ] as Array<[Role, string]>) {
      const html = await (await request(role, "GET", pathname)).text();
      expect(html).not.toContain("带队教师");
      expect(html).not.toContain("实习三方协议");
      expect(html).not.toContain("汽车检测与维修技术");
    }
    const listB = await (await request("memberB", "GET", "/responses?tab=outgoing")).text();
    expect(listB).not.toContain(ids.responseA);
  });

  it("shows each side's contact once accepted, and before that the responder's organisation only", async () => {
    const pending = await (await request("memberA", "GET", `/responses/${ids.responseAB}`)).text();
    expect(pending).toContain("陕西国防工业职业技术学院");
    expect(pending).toContain("接受后双方可查看对方的联系方式");
    // The demo organisations' contact person is 联络员: not on the page, not in the loader's data.
    expect(pending).not.toContain("联络员");
    expect(pending).not.toContain("响应方：");
    for (const role of ["memberA", "memberB"] as Role[]) {
      const html = await (await request(role, "GET", `/responses/${ids.acceptedAB}`)).text();
      expect(html).toContain("发布方：西安秦岭精工数控机床有限公司");
      expect(html).toContain("响应方：陕西国防工业职业技术学院");
      expect(html).toContain("联络员");
    }
    const outsider = await request("memberB", "GET", `/responses/${ids.responseA}`);
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).not.toContain("联络员");
  });

  it("serves an agreement as an attachment with its real type, nosniff and an RFC 5987 name", async () => {
    const res = await request("memberA", "GET", `/projects/${ids.projectA}/files/${ids.fileA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("实习三方协议.pdf")}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(minimalPdf())).toBe(true);
  });
});

describe("authorisation of responses and projects: changing", () => {
  it("lets only B's member respond to A's listing, once while pending", async () => {
    const form = { message: "矩阵测试：再次表达订单班合作意向。", major: "数控技术", students: "20", cohort: "2028级" };
    const respond = (role: Role) => request(role, "POST", `/l/${ids.listingA}/respond`, form);
    expect(await outcome(await respond("anonymous"))).toBe("login");
    expect(await outcome(await respond("reviewer"))).toBe(403);
    expect(await outcome(await respond("admin"))).toBe(403);
    // A's own listing: refused, with the reason.
    const own = await respond("memberA");
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("自己发布的信息");
    expect(await outcome(await request("memberB", "POST", `/l/${unknownId}/respond`, form))).toBe(404);
    expect(await outcome(await respond("memberB"))).toBe("ok");
    const again = await respond("memberB");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("不能重复提交");
  });

  it("lets only the owner decide and only the responder withdraw", async () => {
    const decide = (role: Role, id: string, intent = "accept") => request(role, "POST", `/responses/${id}`, { intent, reason: "矩阵测试：不应生效" });
    expect(await outcome(await decide("anonymous", ids.responseA))).toBe("login");
    expect(await outcome(await decide("memberB", ids.responseA))).toBe(404);
    expect(await outcome(await decide("reviewer", ids.responseAB))).toBe(403);
    expect(await outcome(await decide("admin", ids.responseAB, "decline"))).toBe(403);
    expect(await outcome(await decide("memberB", ids.responseAB))).toBe(403);
    expect(await outcome(await request("memberA", "POST", `/responses/${ids.responseAB}`, { intent: "withdraw" }))).toBe(403);
    expect(await outcome(await request("memberB", "POST", `/responses/${ids.responseA}`, { intent: "withdraw" }))).toBe(404);
    expect(await outcome(await request("memberA", "POST", `/responses/${unknownId}`, { intent: "withdraw" }))).toBe(404);
    // Declining without a reason is refused with the field's message.
    const noReason = await request("memberA", "POST", `/responses/${ids.responseAB}`, { intent: "decline", reason: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("请填写理由");
    const page = await (await request("memberB", "GET", `/responses/${ids.responseAB}`)).text();
    expect(page).toContain("待处理");
    expect(await outcome(await request("memberB", "POST", `/responses/${ids.responseAB}`, { intent: "withdraw" }))).toBe("ok");
  });

  it("lets only the parties change a project; staff read only", async () => {
    const milestone = (role: Role, id: string) =>
      request(role, "POST", `/projects/${id}`, { intent: "milestone-add", title: "矩阵测试里程碑", dueDate: "" });
    expect(await outcome(await milestone("anonymous", ids.projectA))).toBe("login");
    expect(await outcome(await milestone("memberB", ids.projectA))).toBe(404);
    expect(await outcome(await milestone("memberA", ids.projectOther))).toBe(404);
    expect(await outcome(await milestone("reviewer", ids.projectA))).toBe(403);
    expect(await outcome(await milestone("admin", ids.projectOther))).toBe(403);
    const end = (role: Role) => request(role, "POST", `/projects/${ids.projectA}`, { intent: "status", status: "ended", reason: "矩阵测试：不应生效" });
    expect(await outcome(await end("memberB"))).toBe(404);
    expect(await outcome(await end("reviewer"))).toBe(403);
    expect(await outcome(await milestone("memberA", ids.projectA))).toBe("ok");
    expect(await (await request("memberA", "GET", `/projects/${ids.projectA}`)).text()).toContain("矩阵测试里程碑");
  });

  it("lets only the parties upload, refuses a fake PDF, a cross-site upload and an oversized one, each with a clear answer", async () => {
    const pdf = { name: "协议.pdf", bytes: minimalPdf() };
    expect(await outcome(await upload("anonymous", ids.projectA, pdf))).toBe("login");
    expect(await outcome(await upload("memberB", ids.projectA, pdf))).toBe(404);
    expect(await outcome(await upload("reviewer", ids.projectA, pdf))).toBe(403);

    const fake = await upload("memberA", ids.projectA, { name: "伪装的协议.pdf", bytes: fakePdfText });
    expect(fake.status).toBe(415);
    expect(await fake.text()).toContain("文件内容不是 PDF、PNG 或 JPEG");

    // The same-origin check covers multipart posts too.
    const crossSite = await upload("memberA", ids.projectA, pdf, "https://evil.example");
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("跨站请求已被拒绝");

    const big = new Uint8Array(10 * 1024 * 1024 + 1024);
    big.set(minimalPdf().subarray(0, 8));
    const tooLarge = await upload("memberA", ids.projectA, { name: "超大协议.pdf", bytes: big });
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain("文件超过 10 MB");

    const page = await (await request("memberA", "GET", `/projects/${ids.projectA}`)).text();
    expect(page).not.toContain("伪装的协议");
    expect(page).not.toContain("超大协议");
    // The server is still answering after the refused upload.
    expect(await outcome(await request("memberA", "GET", "/projects"))).toBe("ok");
  });
});
