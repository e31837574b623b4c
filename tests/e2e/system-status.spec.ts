import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, login, logout } from "./support.ts";

const JOBS = ["发布信息到期下架", "对接活动开始前提醒", "公示期满发放证书", "证书到期提醒", "发送通知邮件"];

test("a platform administrator reads the system status at 1280 and 375 px; reviewers are refused", async ({ page }) => {
  test.slow(); // two sign-ins, accessibility scans at two widths, and a Meilisearch restart

  await login(page, "reviewer@cjt-demo.cn");
  await page.goto("/admin");
  await expect(page.getByRole("link", { name: "系统运行状态" })).toHaveCount(0);
  const refused = await page.goto("/admin/system");
  expect(refused?.status()).toBe(403);
  await page.goto("/admin");
  await logout(page);

  await login(page, "admin@cjt-demo.cn");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/admin");
  await page.getByRole("link", { name: "系统运行状态" }).click();
  await expect(page).toHaveURL(/\/admin\/system$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("系统运行状态");

  // Every scheduled job by its Chinese name; the server has run each of them at least once since it started.
  const jobs = page.getByRole("table", { name: "各定时任务的上次运行、结果和下次运行时间" });
  for (const name of JOBS) await expect(jobs.getByRole("rowheader", { name: new RegExp(name) })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(jobs.getByText("正常")).toHaveCount(JOBS.length);
    // The demo data is all in the index by now: every kind matches the database.
    await expect(page.getByTestId("readiness")).toContainText("已就绪");
    await expect(page.getByRole("table", { name: "索引中的文档数与数据库中应公开的记录数" }).getByText("一致", { exact: true })).toHaveCount(2);
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("meili-version")).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId("meili-restarts")).toHaveText("0");
  for (const id of ["mail-sent", "mail-failed", "mail-pending", "outbox-due"]) await expect(page.getByTestId(id)).toHaveText(/^\d+$/);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(jobs.getByRole("rowheader", { name: /发送通知邮件/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  // The tables' rows become labelled blocks: nothing scrolls sideways inside them either.
  const inner = await page.locator(".table-wrap").evaluateAll((wraps) => wraps.map((w) => w.scrollWidth - w.clientWidth));
  expect(inner).toEqual([0, 0]);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The embedded Meilisearch killed: the page still answers, and once it is back it counts the restart.
  const pid = Number(fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, "meili.pid"), "utf8"));
  process.kill(pid, "SIGKILL");
  const during = await page.goto("/admin/system");
  expect(during?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("系统运行状态");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("meili-restarts")).toHaveText("1");
    await expect(page.getByTestId("meili-version")).toHaveText(/^\d+\.\d+\.\d+/);
  }).toPass({ timeout: 60_000 });
});
