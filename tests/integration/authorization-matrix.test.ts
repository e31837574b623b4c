import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { Actors, outcome, roleAccounts, roles, type Outcome, type Role } from "../support/http-actors.ts";
import { minimalPdf } from "../support/agreement-files.ts";

// Every route that reads private data or changes data × {anonymous, member of organisation A, member of
// organisation B, reviewer, platform administrator}, against the real server on the demo data.
const actors = new Actors(roles, roleAccounts);
const { request, row } = actors;
const ids = { orgA: "", orgB: "", draftA: "", pendingOrg: "" };

const internshipForm = (title: string) => {
  const today = todayInChina();
  return {
    intent: "save",
    title,
    description: "矩阵测试用的实习岗位草稿，仅本机构可见。",
    industry: "equipment_manufacturing",
    majors: "数控技术",
    skills: "",
    location: "fengjing_park",
    validUntil: addDays(today, 60),
    contactName: "王工",
    contactPhone: "13800000009",
    contactEmail: "",
    positions: "2",
    startDate: addDays(today, 10),
    endDate: addDays(today, 70),
    hoursPerWeek: "40",
    monthlyPay: "3200",
    accommodation: "none",
    meals: "none",
  };
};

/** The demo data reaches the index through the outbox shortly after start: wait for it. */
async function organizationId(name: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const body = await (await request("reviewer", "GET", `/api/v1/search?q=${encodeURIComponent(name)}&kind=organization`)).json();
    if (body.hits?.length) return body.hits[0].id;
    if (Date.now() > deadline) throw new Error(`${name} never reached the search index`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  await actors.start("cjt-authz-");

  // Organisation A's draft, made by A's administrator through the form.
  await actors.signIn("adminA", "qinling@cjt-demo.cn");
  const created = await request("adminA", "POST", "/listings/new?kind=internship", internshipForm("矩阵测试草稿"));
  expect(created.status).toBe(302);
  const mine = await (await request("adminA", "GET", "/listings?status=draft")).text();
  for (const match of mine.matchAll(/\/listings\/([0-9a-f-]{36})\/edit/g)) {
    if (mine.slice(Math.max(0, match.index - 600), match.index + 600).includes("矩阵测试草稿")) ids.draftA = match[1];
  }
  if (!ids.draftA) throw new Error("draft not found in /listings");

  ids.orgA = await organizationId("秦岭精工");
  ids.orgB = await organizationId("陕西国防工业职业技术学院");
  const queue = await (await request("reviewer", "GET", "/admin/organizations?status=verified")).text();
  ids.pendingOrg = /\/admin\/organizations\/([0-9a-f-]{36})/.exec(queue)?.[1] ?? "";
}, 300_000);

afterAll(() => actors.stop());

const reads: Array<[string, () => string, Record<Role, Outcome | number>]> = [
  ["dashboard", () => "/dashboard", row(["login", "ok", "ok", "ok", "ok"])],
  ["own organisation", () => "/org", row(["login", "ok", "ok", 403, 403])],
  ["organisation editor", () => "/org/edit", row(["login", 403, "ok", 403, 403])],
  ["members", () => "/org/members", row(["login", "ok", "ok", 403, 403])],
  ["account", () => "/account", row(["login", "ok", "ok", "ok", "ok"])],
  ["notification inbox", () => "/notifications", row(["login", "ok", "ok", "ok", "ok"])],
  ["personal data export", () => "/account/export", row(["login", "ok", "ok", "ok", "ok"])],
  ["my listings", () => "/listings", row(["login", "ok", "ok", 403, 403])],
  ["A's draft in the editor", () => `/listings/${ids.draftA}/edit`, row(["login", "ok", 404, 403, 403])],
  ["A's draft on the public page", () => `/l/${ids.draftA}`, row([404, 404, 404, 404, 404])],
  ["platform administration", () => "/admin", row(["login", 403, 403, "ok", "ok"])],
  ["organisation review queue", () => "/admin/organizations", row(["login", 403, 403, "ok", "ok"])],
  ["organisation review page", () => `/admin/organizations/${ids.orgA}`, row(["login", 403, 403, "ok", "ok"])],
  ["listing review queue", () => "/admin/listings", row(["login", 403, 403, "ok", "ok"])],
  ["listing review page", () => `/admin/listings/${ids.draftA}`, row(["login", 403, 403, "ok", "ok"])],
  ["search statistics", () => "/admin/search-stats", row(["login", 403, 403, "ok", "ok"])],
  ["platform users", () => "/admin/users", row(["login", 403, 403, 403, "ok"])],
  ["audit log", () => "/admin/audit", row(["login", 403, 403, 403, "ok"])],
  ["audit log export", () => "/admin/audit/export.xlsx?category=decision", row(["login", 403, 403, 403, "ok"])],
  ["system status", () => "/admin/system", row(["login", 403, 403, 403, "ok"])],
  ["A's recommendations", () => `/api/v1/recommendations?organization=${ids.orgA}`, row([401, "ok", 404, "ok", "ok"])],
  ["A's public profile with its listings", () => `/orgs/${ids.orgA}`, row(["ok", "ok", "ok", "ok", "ok"])],
  ["search limited to A", () => `/search?org=${ids.orgA}`, row(["ok", "ok", "ok", "ok", "ok"])],
  ["search limited to a malformed organisation id", () => "/search?org=%27%20or%201%3D1", row(["ok", "ok", "ok", "ok", "ok"])],
  ["site settings", () => "/admin/settings", row(["login", 403, 403, 403, "ok"])],
  ["internship rules", () => "/admin/internship-rules", row(["login", 403, 403, "ok", "ok"])],
  ["accessibility statement", () => "/accessibility", row(["ok", "ok", "ok", "ok", "ok"])],
  ["objection look-up", () => "/certification/objections/lookup", row(["ok", "ok", "ok", "ok", "ok"])],
];

describe("authorisation matrix: reading", () => {
  it.each(reads)("%s", async (_name, pathOf, expected) => {
    expect(await actors.outcomes("GET", pathOf())).toEqual(expected);
  });

  it("shows nobody else A's draft title", async () => {
    for (const role of ["anonymous", "memberB", "reviewer"] as Role[]) {
      const html = await (await request(role, "GET", `/listings/${ids.draftA}/edit`)).text();
      expect(html).not.toContain("矩阵测试草稿");
    }
  });

  it("lists A's published listings on its profile, and its draft to no one, A included", async () => {
    for (const role of roles) {
      const html = await (await request(role, "GET", `/orgs/${ids.orgA}`)).text();
      expect(html).toMatch(/正在发布的信息[\s\S]*href="\/l\/[0-9a-f-]{36}"/);
      expect(html).not.toContain("矩阵测试草稿");
      expect(html).not.toContain(ids.draftA);
    }
  });
});

describe("authorisation matrix: registration documents", () => {
  it("lets A's administrator alone upload A's licence, and only A's members and staff download it", async () => {
    const upload = () => {
      const form = new FormData();
      form.set("file", new Blob([new Uint8Array(minimalPdf("licence"))], { type: "application/pdf" }), "营业执照.pdf");
      return form;
    };
    expect(await outcome(await request("anonymous", "POST", "/org", upload()))).toBe("login");
    expect(await outcome(await request("memberA", "POST", "/org", upload()))).toBe(403);
    expect(await outcome(await request("reviewer", "POST", "/org", upload()))).toBe(403);
    const uploaded = await request("adminA", "POST", "/org", upload());
    expect(uploaded.status).toBe(302);
    const page = await (await request("adminA", "GET", "/org")).text();
    const id = /href="\/org\/documents\/([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(id).toBeTruthy();
    expect(await actors.outcomes("GET", `/org/documents/${id}`)).toEqual(row(["login", "ok", 404, "ok", "ok"]));
    expect(await actors.outcomes("GET", "/org/documents/00000000-0000-4000-8000-000000000000")).toEqual(row(["login", 404, 404, 404, 404]));
    // B's page never names A's document.
    expect(await (await request("memberB", "GET", "/org")).text()).not.toContain(id!);
  });
});

describe("authorisation matrix: changing", () => {
  it("lets no one but A change A's listing, and A's member can", async () => {
    const attempt = (role: Role, title: string) => request(role, "POST", `/listings/${ids.draftA}/edit`, internshipForm(title));
    expect(await outcome(await attempt("anonymous", "匿名篡改"))).toBe("login");
    expect(await outcome(await attempt("memberB", "B 篡改"))).toBe(404);
    expect(await outcome(await attempt("reviewer", "审核员篡改"))).toBe(403);
    expect(await outcome(await attempt("admin", "管理员篡改"))).toBe(403);
    const close = (role: Role) => request(role, "POST", `/listings/${ids.draftA}/edit`, { intent: "close", reason: "withdrawn" });
    expect(await outcome(await close("memberB"))).toBe(404);
    const page = await (await request("memberA", "GET", `/listings/${ids.draftA}/edit`)).text();
    expect(page).toContain("矩阵测试草稿");
    expect(page).not.toMatch(/篡改/);
    expect(await outcome(await attempt("memberA", "矩阵测试草稿（已修改）"))).toBe("ok");
  });

  it("lets only signed-in users mark their own notifications read", async () => {
    expect(await outcome(await request("anonymous", "POST", "/notifications", { intent: "read-all" }))).toBe("login");
    expect(await (await request("memberB", "POST", "/notifications", { intent: "read", id: "not-a-number" })).status).toBe(400);
  });

  it("lets only reviewers and administrators decide on organisations", async () => {
    const decide = (role: Role) => request(role, "POST", `/admin/organizations/${ids.orgB}`, { intent: "suspend", reason: "矩阵测试：不应生效" });
    expect(await outcome(await decide("anonymous"))).toBe("login");
    expect(await outcome(await decide("memberA"))).toBe(403);
    expect(await outcome(await decide("memberB"))).toBe(403);
    const check = await (await request("anonymous", "GET", `/orgs/${ids.orgB}`)).status;
    expect(check).toBe(200);
  });

  it("lets only platform administrators change an internship rule", async () => {
    const form = () => ({ rule: "hostShare", figure: "10", article: "教职成〔2016〕3号 第九条（陕西细则沿用）", level: "warn", reason: "矩阵测试：重新确认现行数值。" });
    expect(await actors.outcomes("POST", "/admin/internship-rules", form)).toEqual(row(["login", 403, 403, 403, "ok"]));
    expect(await outcome(await request("admin", "POST", "/admin/internship-rules", { ...form(), figure: "abc" }))).toBe(400);
  });

  it("lets only platform administrators change the site settings, and the footer shows them", async () => {
    const form = () => ({ sponsor: "矩阵测试主办单位", contactEmail: "matrix@cjt-demo.cn" });
    expect(await actors.outcomes("POST", "/admin/settings", form)).toEqual(row(["login", 403, 403, 403, "ok"]));
    const bad = await request("admin", "POST", "/admin/settings", { icpNumber: "ICP 12345" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("ICP备案号的格式");
    const footer = await (await request("anonymous", "GET", "/accessibility")).text();
    expect(footer).toContain("主办单位：矩阵测试主办单位");
    expect(footer).toContain("mailto:matrix@cjt-demo.cn");
    // Back to the demo's values.
    expect(
      await outcome(await request("admin", "POST", "/admin/settings", { sponsor: "鄠邑区教育和科技局", contactAddress: "西安市鄠邑区（演示数据，非真实地址）", contactEmail: "contact@cjt-demo.cn" })),
    ).toBe("ok");
  });

  it("answers a wrong objection number like any other: the same message, no record named", async () => {
    const lookup = (reference: string) => request("anonymous", "POST", "/certification/objections/lookup", { reference, contact: "13800000000" });
    const unknown = await lookup("0BADF00D");
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("没有找到与这个受理编号和联系方式相符的异议");
    const malformed = await lookup("' or 1=1");
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("受理编号是 8 位数字和字母");
  });

  it("lets only platform administrators change platform roles", async () => {
    const users = await (await request("admin", "GET", "/admin/users")).text();
    const someone = /name="userId" value="([0-9a-f-]{36})"/.exec(users)?.[1];
    expect(someone).toBeTruthy();
    const change = (role: Role) => request(role, "POST", "/admin/users", { intent: "role", userId: someone!, role: "platform_admin" });
    expect(await outcome(await change("anonymous"))).toBe("login");
    expect(await outcome(await change("memberA"))).toBe(403);
    expect(await outcome(await change("memberB"))).toBe(403);
    expect(await outcome(await change("reviewer"))).toBe(403);
  });

  it("lets only an organisation's administrators invite, change roles or edit its profile", async () => {
    expect(await outcome(await request("anonymous", "POST", "/org/members", { intent: "invite", email: "x@example.cn", role: "member" }))).toBe("login");
    expect(await outcome(await request("memberA", "POST", "/org/members", { intent: "invite", email: "x@example.cn", role: "admin" }))).toBe(403);
    expect(await outcome(await request("reviewer", "POST", "/org/members", { intent: "invite", email: "x@example.cn", role: "admin" }))).toBe(403);
    expect(await outcome(await request("memberA", "POST", "/org/edit", { name: "被篡改的名称" }))).toBe(403);
    expect(await outcome(await request("anonymous", "POST", "/org/edit", { name: "被篡改的名称" }))).toBe("login");
  });
});
