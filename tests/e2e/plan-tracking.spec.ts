import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import planData from "../../db/reference/plan-tasks.json" with { type: "json" };
import { expectAccessible, expectNoHorizontalScroll, login, logout } from "./support.ts";

// End to end: an officer of 区人社局 contributes to a task its unit cooperates on and is refused on
// one it has no part in; the administrator accepts; the 2023 targets are overdue; charts and export work.
const RSJ = "区人社局";
// Tasks are chosen from the plan's own data: an ongoing one 区人社局 cooperates on (not one the demo data
// already reports on), and one it has no part in.
const demoTasks = new Set([3, 8, 10, 25, 56, 57]);
const cooperating = planData.tasks.find(
  (t) => t.cooperatingUnits.includes(RSJ) && !t.leadUnits.includes(RSJ) && t.deadline.kind === "ongoing" && !demoTasks.has(t.number),
)!.number;
const absent = planData.tasks.find((t) => !t.leadUnits.includes(RSJ) && !t.cooperatingUnits.includes(RSJ) && !demoTasks.has(t.number))!.number;
const yearTargets = planData.tasks.filter((t) => t.deadline.kind === "year").map((t) => t.number);
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

test.describe.configure({ mode: "serial" });

test("an officer contributes where its unit cooperates, is refused elsewhere, and the administrator accepts", async ({ page }) => {
  const narrative = `区人社局配合开展校企对接和政策宣讲，组织企业 12 家参加（${Date.now()}）。`;

  await login(page, "officer.rsj@cjt-demo.cn");
  await page.goto("/dashboard");
  await page.getByTestId("plan-dashboard-card").getByRole("link", { name: "任务跟踪" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "深化产教融合工作任务跟踪" })).toBeVisible();
  await expect(page.getByText(`本单位：${RSJ}`)).toBeVisible();
  await expect(page.getByTestId("mine-cooperating").locator("tbody tr")).toHaveCount(
    planData.tasks.filter((t) => t.cooperatingUnits.includes(RSJ) && !t.leadUnits.includes(RSJ)).length,
  );
  await expectAccessible(page);

  await page.goto(`/plan/tasks/${cooperating}`);
  await expect(page.getByRole("heading", { name: "补充配合工作情况" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "报送进展" })).toHaveCount(0);
  await expectAccessible(page);
  // A hostile link is refused with a message, and nothing is lost.
  await page.getByLabel("工作进展").fill(narrative);
  await page.getByLabel("佐证材料链接").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "提交补充" }).click();
  await expect(page.getByText("佐证材料请填写以 http:// 或 https:// 开头的完整链接")).toBeVisible();
  await page.getByLabel("佐证材料链接").fill("https://www.huyi.gov.cn/plan-evidence");
  await page.getByRole("button", { name: "提交补充" }).click();
  await expect(page.getByRole("status")).toContainText("配合工作情况已提交");
  const mine = page.locator("article", { hasText: narrative });
  await expect(mine).toContainText("待审核");
  await expect(mine).toContainText("配合单位补充");
  // Evidence files: a text file dressed up as a PDF is refused by its bytes; a real PNG is kept.
  await mine.getByLabel("选择文件").setInputFiles({ name: "伪装.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
  await mine.getByRole("button", { name: "上传佐证文件" }).click();
  await expect(page.locator("article", { hasText: narrative }).getByRole("alert")).toContainText("只能上传 PDF、PNG 或 JPEG 文件");
  await page
    .locator("article", { hasText: narrative })
    .getByLabel("选择文件")
    .setInputFiles({ name: "现场照片.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await page.locator("article", { hasText: narrative }).getByRole("button", { name: "上传佐证文件" }).click();
  await expect(page.getByRole("status")).toContainText("佐证文件已上传");
  await expect(page.locator("article", { hasText: narrative }).getByRole("link", { name: "现场照片.png" })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/plan/tasks/${absent}`);
  await expect(page.getByTestId("plan-refusal")).toContainText("本单位不是该任务的牵头或配合单位");
  await expect(page.getByRole("button", { name: /报送进展|提交补充/ })).toHaveCount(0);
  await expectAccessible(page);
  // Posting anyway is refused with 403 and the reason in Chinese.
  const forced = await page.request.post(`/plan/tasks/${absent}`, {
    form: { intent: "contribution", period: "2026-Q4", narrative, evidenceLinks: "" },
    maxRedirects: 0,
  });
  expect(forced.status()).toBe(403);
  expect(await forced.text()).toContain("本单位不是该任务的牵头或配合单位");
  await logout(page);

  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/plan");
  await expect(page.getByRole("heading", { level: 1, name: "督查：逾期和长期未报的任务" })).toBeVisible();
  await expect(page.getByTestId("pending-reports")).toContainText(`任务 ${cooperating} · ${RSJ}`);
  await expectAccessible(page);
  await page.getByTestId("pending-reports").getByRole("link", { name: new RegExp(`任务 ${cooperating} · ${RSJ}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/plan/tasks/${cooperating}$`));
  const report = page.locator("article", { hasText: narrative });
  await report.getByLabel("审核意见").fill("材料齐全，予以采纳。");
  await report.getByRole("button", { name: "采纳" }).click();
  await expect(page.getByRole("status")).toContainText("报告已采纳");
  await expect(page.locator("article", { hasText: narrative })).toContainText("已采纳");
  await expect(page.locator("article", { hasText: narrative })).toContainText("材料齐全，予以采纳。");
  await expectAccessible(page);
  await logout(page);

  // The officer hears about it.
  await login(page, "officer.rsj@cjt-demo.cn");
  await page.goto("/notifications");
  await expect(page.getByText(`任务 ${cooperating} 的进展报告（`).first()).toBeVisible();
  await logout(page);
});

test("the 2023 targets show as overdue, and the supervision page reminds their units", async ({ page }) => {
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/plan");
  await page.getByLabel("状态").selectOption("overdue");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=overdue/);
  const rows = page.getByTestId("plan-tasks").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  // Overdue are the 2023 targets whose live indicator has not reached the target; the others count as done.
  const overdue = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-task"))))).sort((a, b) => a - b);
  expect(overdue.length).toBeGreaterThan(0);
  for (const number of overdue) {
    expect(yearTargets).toContain(number);
    await expect(page.locator(`tr[data-task="${number}"]`)).toContainText("已逾期");
  }
  await expectAccessible(page);
  for (const number of yearTargets.filter((n) => !overdue.includes(n))) {
    await page.goto(`/plan/tasks/${number}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("已完成");
  }

  await page.goto(`/plan/tasks/${overdue[0]}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("已逾期");

  await page.goto("/admin/plan");
  await expect(page.locator('[data-unit="区教科局"]')).toContainText("已逾期");
  await page.getByRole("button", { name: "提醒区教科局" }).click();
  await expect(page.getByRole("status")).toContainText("已向 1 个单位的 1 位联络员发送提醒");
  await expectAccessible(page);
  // The silence threshold is a setting: a bad value is explained and kept, a good one saved and audited.
  const days = page.getByLabel("长期未报判定天数");
  await expect(days).toHaveValue("90");
  await days.fill("3");
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByText("请填写 7 到 365 之间的整数天数。")).toBeVisible();
  await expect(days).toHaveValue("3");
  await expectAccessible(page);
  await days.fill("60");
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存：超过 60 天没有被采纳的报告即列为长期未报。");
  await expect(page.getByText(/长期未报（60 天内没有被采纳的进展报告）/)).toBeVisible();
  await expect(page.getByText(/最近由 平台管理员 于 .+ 修改。/)).toBeVisible();
  await days.fill("90");
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByRole("status")).toContainText("超过 90 天");
  // The new-task form explains what is missing (nothing is created here: the export expects the plan's 63).
  await page.goto("/admin/plan/tasks/new");
  await expect(page.getByRole("heading", { level: 1, name: "新增任务" })).toBeVisible();
  await page.getByLabel("牵头单位").fill("不存在的局");
  await page.getByRole("button", { name: "新增任务" }).click();
  await expect(page.getByRole("alert").first()).toContainText("表单有");
  await expectAccessible(page);
});

test("the dashboard draws its charts, also on a phone", async ({ page }) => {
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/plan/dashboard");
  for (const chart of ["chart-sections", "chart-units", "chart-reports", "chart-indicators"]) {
    await expect(page.getByTestId(chart).locator("svg")).toHaveCount(1);
  }
  // Each chart has its numbers as a table too.
  await page.getByText("图表数据（表格）").first().click();
  await expect(page.getByRole("table").first()).toContainText("构建产教融合发展新格局");
  await expectAccessible(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(page.getByTestId("chart-units").locator("svg")).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await page.goto("/plan");
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("on a 1280 px screen the status badges of the task tables stay on one line", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, "officer.rsj@cjt-demo.cn");
  await page.goto("/plan");
  const badges = page.locator("main table .status");
  await expect(badges.first()).toBeVisible();
  const lines = await badges.evaluateAll((all) =>
    all.map((b) => Math.round(b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight))),
  );
  expect(lines.length).toBeGreaterThan(60);
  expect(lines.filter((n) => n !== 1)).toEqual([]);
  await expectAccessible(page);
});

test("the Excel export opens with the 63 tasks under the six section headings", async ({ page }) => {
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/plan");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows[0]).toEqual(["序号", "主要任务", "具体内容", "牵头单位", "配合单位", "完成时限", "状态", "最新进展"]);
  const headings = rows.filter((r) => typeof r[0] === "string" && /^[一二三四五六]、/.test(r[0] as string)).map((r) => r[0]);
  expect(headings).toEqual(["一", "二", "三", "四", "五", "六"].map((n, i) => `${n}、${planData.sections[i].title}`));
  const tasks = rows.filter((r) => typeof r[0] === "number");
  expect(tasks).toHaveLength(63);
  // A 2023 target is overdue unless its live indicator reached the target (then done); the demo has both kinds.
  const yearStatuses = yearTargets.map((number) => tasks.find((r) => r[0] === number)?.[6]);
  for (const status of yearStatuses) expect(["已逾期", "已完成"]).toContain(status);
  expect(yearStatuses).toContain("已逾期");
  expect(String(tasks.find((r) => r[0] === cooperating)?.[4])).toContain(RSJ);
});
