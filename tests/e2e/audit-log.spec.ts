import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import planData from "../../db/reference/plan-tasks.json" with { type: "json" };
import { expectAccessible, expectNoHorizontalScroll, login, logout } from "./support.ts";

// A district official reads the audit log: a plan officer's contribution is found through the plan group of the
// action filter, shown with its Chinese label and the officer's unit, and exported with the same words.
const JKJ = "区教科局";
const demoTasks = new Set([3, 8, 10, 25, 56, 57]);
const task = planData.tasks.find(
  (t) => t.cooperatingUnits.includes(JKJ) && !t.leadUnits.includes(JKJ) && t.deadline.kind === "ongoing" && !demoTasks.has(t.number),
)!;

test("an administrator filters the log by a plan action and sees the label and the officer's unit", async ({ page }) => {
  const narrative = `区教科局配合组织职业院校参加对接（审计测试 ${Date.now()}）。`;
  await login(page, "officer.jkj@cjt-demo.cn");
  await page.goto(`/plan/tasks/${task.number}`);
  await page.getByLabel("工作进展").fill(narrative);
  await page.getByRole("button", { name: "提交补充" }).click();
  await expect(page.getByRole("status")).toContainText("配合工作情况已提交");
  await logout(page);

  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
  // The plan's actions are offered, grouped under 计划.
  await expect(page.locator('optgroup[label="计划"] option')).toContainText(["提交任务进展报告", "提交配合工作情况", "采纳任务进展报告"]);
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "提交配合工作情况" });
  await page.getByRole("button", { name: "筛选" }).click();
  await page.waitForURL(/action=plan\.contribution\.submit/);
  const row = page.getByRole("row", { name: /officer\.jkj@cjt-demo\.cn/ }).first();
  await expect(row.getByRole("rowheader")).toHaveText("提交配合工作情况");
  await expect(row).toContainText(`${JKJ}（任务跟踪联络员）`);
  await expect(row).toContainText(`进展报告：${task.theme}`);
  await expect(row).toContainText(`任务序号：${task.number}`);
  await expect(row).not.toContainText("plan.contribution.submit");
  await expect(row.getByRole("cell").first()).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expectAccessible(page);

  // The same words in the export of the filtered log.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  expect(rows[0]).toContain("所属机构/单位");
  expect(rows.slice(1).length).toBeGreaterThan(0);
  expect(rows.slice(1).every((r) => r.includes("提交配合工作情况"))).toBe(true);
  expect(rows.find((r) => r.includes("officer.jkj@cjt-demo.cn"))).toContain(`${JKJ}（任务跟踪联络员）`);

  // An address with nonsense in it is a page that says so, not an error.
  const response = await page.goto("/admin/audit?action=plan.report.delete&from=2026-02-30&page=99999999999");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("alert")).toContainText("没有这种操作类型");
  await expect(page.getByRole("alert")).toContainText("日期格式应为 YYYY-MM-DD");
  await expectAccessible(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/admin/audit?category=operation");
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});
