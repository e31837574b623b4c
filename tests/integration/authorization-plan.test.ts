import { afterAll, beforeAll, describe, expect, it } from "vitest";
import planData from "../../db/reference/plan-tasks.json" with { type: "json" };
import { Actors, outcome, roleAccounts, roles as fiveRoles, type Outcome, type Role as FiveRole } from "../support/http-actors.ts";

// Every plan-tracking route × {anonymous, member of organisation A, member of organisation B,
// reviewer, platform administrator, plan officer of 区人社局}, against the real server on the demo data.
// Decision: plan tracking is for plan officers and platform administrators; reviewers (who review
// organisations and listings) and organisations' users get 403, as for every staff-only page.
type Role = FiveRole | "officer";
const roles: Role[] = [...fiveRoles, "officer"];
const actors = new Actors(roles, { ...roleAccounts, officer: "officer.rsj@cjt-demo.cn" });
const { request, row, outcomes } = actors;
const RSJ = "区人社局";
const cooperating = planData.tasks.find((t) => t.cooperatingUnits.includes(RSJ) && !t.leadUnits.includes(RSJ) && t.number > 3)!.number;
const leading = planData.tasks.find((t) => t.leadUnits.includes(RSJ) && t.deadline.kind !== "year" && t.number !== 8 && t.number !== 10)!.number;
const absent = planData.tasks.find((t) => !t.leadUnits.includes(RSJ) && !t.cooperatingUnits.includes(RSJ))!.number;

const contribution = () => ({ intent: "contribution", period: "2026-Q4", narrative: "配合举办校企对接活动一场，组织企业参加。", evidenceLinks: "" });
const leadReport = () => ({ intent: "report", period: "2026-Q4", narrative: "本期开展技能培训三场，覆盖两百余人。", completionPercent: "40", evidenceLinks: "" });

beforeAll(async () => {
  await actors.start("cjt-authz-plan-");
}, 300_000);

afterAll(() => actors.stop());

//                     anonymous memberA memberB reviewer admin officer
const officersAndAdmins = row(["login", 403, 403, 403, "ok", "ok"]);
const adminsOnly = row(["login", 403, 403, 403, "ok", 403]);

describe("plan tracking authorisation: reading", () => {
  it.each([
    ["task list", "/plan", officersAndAdmins],
    ["filtered task list", "/plan?section=2&status=overdue&unit=%E5%8C%BA%E4%BA%BA%E7%A4%BE%E5%B1%80", officersAndAdmins],
    ["task detail", `/plan/tasks/${absent}`, officersAndAdmins],
    ["unknown task", "/plan/tasks/99999", row(["login", 403, 403, 403, 404, 404])],
    ["malformed task number", "/plan/tasks/1%20or%201=1", row(["login", 403, 403, 403, 404, 404])],
    ["supervision", "/admin/plan", adminsOnly],
    ["dashboard", "/admin/plan/dashboard", adminsOnly],
    ["Excel export", "/admin/plan/export.xlsx", adminsOnly],
    ["CSV export", "/admin/plan/export.csv", adminsOnly],
    ["new task form", "/admin/plan/tasks/new", adminsOnly],
  ] as const)("%s", async (_name, pathname, expected) => {
    expect(await outcomes("GET", pathname)).toEqual(expected);
  });

  it("serves the exports as files", async () => {
    const xlsx = await request("admin", "GET", "/admin/plan/export.xlsx");
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(xlsx.headers.get("content-disposition")).toContain("attachment");
    const csv = await request("admin", "GET", "/admin/plan/export.csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe("plan tracking authorisation: changing", () => {
  it("lets only the cooperating unit's officer contribute, and refuses the others", async () => {
    expect(await outcomes("POST", `/plan/tasks/${cooperating}`, contribution)).toEqual(
      row(["login", 403, 403, 403, 403, "ok"]),
    );
    // The second one for the same period is a field error, not a new report.
    expect(await outcome(await request("officer", "POST", `/plan/tasks/${cooperating}`, contribution()))).toBe(400);
  });

  it("lets the lead unit's officer report, and refuses a report where it only cooperates or has no part", async () => {
    expect(await outcome(await request("officer", "POST", `/plan/tasks/${leading}`, leadReport()))).toBe("ok");
    const asLead = await request("officer", "POST", `/plan/tasks/${cooperating}`, leadReport());
    expect(asLead.status).toBe(403);
    expect(await asLead.text()).toContain("只有牵头单位可以报送进展报告");
    const elsewhere = await request("officer", "POST", `/plan/tasks/${absent}`, leadReport());
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.text()).toContain("本单位不是该任务的牵头或配合单位");
    const contributeElsewhere = await request("officer", "POST", `/plan/tasks/${absent}`, contribution());
    expect(contributeElsewhere.status).toBe(403);
    expect(await outcome(await request("officer", "POST", "/plan/tasks/99999", leadReport()))).toBe(404);
  });

  it("lets only the reporting unit's officer attach evidence files, and plan staff download them", async () => {
    const page = await (await request("officer", "GET", `/plan/tasks/${leading}`)).text();
    const reportId = /name="reportId" value="([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(reportId).toBeTruthy();
    const pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    const send = (role: Role, content: string, name: string, task = leading) => {
      const body = new FormData();
      body.set("intent", "upload");
      body.set("reportId", reportId!);
      body.set("file", new Blob([content]), name);
      return request(role, "POST", `/plan/tasks/${task}`, body);
    };
    const results: Record<string, Outcome | number> = {};
    for (const role of roles) results[role] = await outcome(await send(role, pdf, "纪要.pdf"));
    expect(results).toEqual(row(["login", 403, 403, 403, 403, "ok"]));
    const refused = await send("officer", "not a pdf", "伪装.pdf");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("只能上传 PDF、PNG 或 JPEG 文件");
    expect(await outcome(await send("officer", pdf, "a.pdf", absent))).toBe(404);

    const after = await (await request("officer", "GET", `/plan/tasks/${leading}`)).text();
    const fileId = /href="\/plan\/files\/([0-9a-f-]{36})"/.exec(after)?.[1];
    expect(fileId).toBeTruthy();
    expect(await outcomes("GET", `/plan/files/${fileId}`)).toEqual(officersAndAdmins);
    const download = await request("admin", "GET", `/plan/files/${fileId}`);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(await download.text()).toBe(pdf);
    expect(await outcomes("GET", "/plan/files/00000000-0000-4000-8000-000000000000")).toEqual(row(["login", 403, 403, 403, 404, 404]));
  });

  it("lets only administrators accept or return reports; unknown reports are 404", async () => {
    const page = await (await request("admin", "GET", `/plan/tasks/${cooperating}`)).text();
    const reportId = /name="reportId" value="([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(reportId).toBeTruthy();
    const accept = () => ({ intent: "review", decision: "accept", reportId: reportId!, comment: "" });
    for (const role of ["anonymous", "memberA", "memberB", "reviewer", "officer"] as Role[]) {
      expect(await outcome(await request(role, "POST", `/plan/tasks/${cooperating}`, accept()))).toBe(role === "anonymous" ? "login" : 403);
    }
    // Another task's number with this report, or a report that does not exist.
    expect(await outcome(await request("admin", "POST", `/plan/tasks/${absent}`, accept()))).toBe(404);
    expect(
      await outcome(await request("admin", "POST", `/plan/tasks/${cooperating}`, { ...accept(), reportId: "00000000-0000-4000-8000-000000000000" })),
    ).toBe(404);
    expect(await outcome(await request("admin", "POST", `/plan/tasks/${cooperating}`, { ...accept(), reportId: "x" }))).toBe(404);
    expect(await outcome(await request("admin", "POST", `/plan/tasks/${cooperating}`, accept()))).toBe("ok");
    expect(await outcome(await request("admin", "POST", `/plan/tasks/${cooperating}`, accept()))).toBe(409);
  });

  it("lets only administrators edit or add tasks", async () => {
    const bad = () => ({ intent: "edit", section: "9", theme: "", content: "", leadUnits: "" });
    expect(await outcomes("POST", `/plan/tasks/${absent}`, bad)).toEqual(row(["login", 403, 403, 403, 400, 403]));
    expect(await outcome(await request("admin", "POST", "/plan/tasks/99999", { ...bad(), section: "1", theme: "主题", content: "内容足够长的任务", leadUnits: "区教科局" }))).toBe(404);
    const newTask = () => ({ section: "1", theme: "", content: "", leadUnits: "" });
    expect(await outcomes("POST", "/admin/plan/tasks/new", newTask)).toEqual(row(["login", 403, 403, 403, 400, 403]));
  });

  it("lets only administrators send reminders", async () => {
    expect(await outcomes("POST", "/admin/plan", () => ({ intent: "remind", unit: "区教科局" }))).toEqual(
      row(["login", 403, 403, 403, "ok", 403]),
    );
    expect(await outcome(await request("admin", "POST", "/admin/plan", { intent: "remind", unit: "不存在的单位" }))).toBe(404);
    expect(await outcome(await request("admin", "POST", "/admin/plan", { intent: "nonsense" }))).toBe(400);
  });

  it("lets only administrators change the supervision settings, and answers a bad value with 400", async () => {
    expect(await outcomes("POST", "/admin/plan", () => ({ intent: "settings", silentAfterDays: "90" }))).toEqual(adminsOnly);
    const bad = await request("admin", "POST", "/admin/plan", { intent: "settings", silentAfterDays: "3" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请填写 7 到 365 之间的整数天数");
  });

  it("refuses cross-site posts", async () => {
    const res = await request("officer", "POST", `/plan/tasks/${cooperating}`, contribution(), "https://evil.example");
    expect(res.status).toBe(403);
  });
});
