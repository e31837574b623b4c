import { expect, test, type Page } from "@playwright/test";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { expectAccessible, expectNoHorizontalScroll, login, logout } from "./support.ts";

const QINLING = "西安秦岭精工数控机床有限公司";

/** qinling@cjt-demo.cn submits a fresh internship through the owner's form; returns its unique title. */
async function submitInternship(page: Page): Promise<string> {
  const title = `数控铣床操作实习生 E2E${Date.now()}`;
  const today = todayInChina();
  await login(page, "qinling@cjt-demo.cn");
  await page.goto("/listings/new?kind=internship");
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByLabel("描述", { exact: true }).fill("在数控车间跟岗实习，学习数控铣床编程与操作，安排师傅一对一带教。");
  await page.getByLabel("相关专业").fill("数控技术、机械制造及自动化");
  await page.getByLabel("技能要求").fill("数控铣削、机械识图");
  await page.getByLabel("招收人数（人）").fill("5");
  await page.getByLabel("实习开始日期").fill(addDays(today, 20));
  await page.getByLabel("实习结束日期").fill(addDays(today, 110));
  await page.getByLabel("每周实习时长（小时）").fill("40");
  await page.getByLabel("实习报酬（元/月）").fill("3600");
  await page.getByLabel("住宿").selectOption({ label: "免费提供" });
  await page.getByLabel("就餐").selectOption({ label: "提供补贴" });
  await page.getByLabel("联系人", { exact: true }).fill("王建国");
  await page.getByLabel("联系电话").fill("029-84812601");
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/\/listings\?notice=submitted/);
  await logout(page);
  return title;
}

test("a reviewer finds a submitted listing in the queue, must give a reason to reject, and rejects it", async ({ page }) => {
  test.slow(); // two sign-ins, the owner's form and five accessibility scans
  const title = await submitInternship(page);

  await login(page, "reviewer@cjt-demo.cn");
  // The reviewer's dashboard leads with the queue, counted, and links to it.
  await page.goto("/dashboard");
  const work = page.getByTestId("work-waiting");
  await expect(page.locator("main .card").first()).toHaveAttribute("data-testid", "work-waiting");
  const waiting = work.locator('[data-work="listingsToReview"] a');
  await expect(waiting).toHaveText(/^\d+ 条发布信息待审核$/);
  const queued = Number((await waiting.textContent())!.match(/\d+/)![0]);
  expect(queued).toBeGreaterThan(0);
  await expectAccessible(page);
  await waiting.click();
  await expect(page).toHaveURL(/\/admin\/listings$/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "信息发布审核" }).click();
  await expect(page).toHaveURL(/\/admin\/listings$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("信息发布审核");
  await expectAccessible(page);

  // Filters travel in the URL (a GET form), and narrow the queue to the kind and the words asked for.
  await page.getByLabel("类别").selectOption({ label: "实习岗位" });
  await page.getByLabel("标题或机构名称").fill(title.split(" ")[1]);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/kind=internship/);
  await expect(page).toHaveURL(/q=E2E\d+/);
  await expect(page.getByRole("status")).toHaveText("共 1 条待审核");
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText(QINLING);
  await expect(row).toContainText("实习岗位");
  await expect(row).toContainText("第 1 次提交");
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expectAccessible(page);

  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const reviewUrl = page.url();
  await expect(page.getByText("首次提交，没有可对比的上一版本。")).toBeVisible();
  await expect(page.getByText("3,600 元/月")).toBeVisible();
  await expect(page.getByText("029-84812601")).toBeVisible();
  await expect(page.getByRole("link", { name: QINLING })).toBeVisible();
  await expect(page.getByText("这条信息还没有审核记录。")).toBeVisible();
  await expectAccessible(page);

  // Rejecting without a reason is refused in Chinese, on the same page, and nothing changes.
  await page.getByRole("button", { name: "驳回" }).click();
  await expect(page.getByText("驳回时必须填写原因，告诉机构需要修改什么。")).toBeVisible();
  expect(page.url()).toBe(reviewUrl);
  await expect(page.getByRole("heading", { level: 2, name: /审核状态/ })).toContainText("待审核");
  await expectAccessible(page);

  await page.getByLabel("驳回原因").fill("请写明实习报酬的发放方式，并补充实习期间的安全培训安排。");
  await page.getByRole("button", { name: "驳回" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已驳回" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /审核状态/ })).toContainText("未通过");
  await expect(page.getByRole("button", { name: "通过发布" })).toHaveCount(0);
  await expect(page.getByText("这条信息当前不在待审核状态，无需审核。")).toBeVisible();
  const history = page.getByRole("table", { name: "这条信息的历次审核决定" });
  await expect(history).toContainText("驳回");
  await expect(history).toContainText("审核员王敏");
  await expect(history).toContainText("请写明实习报酬的发放方式");
  await expectAccessible(page);

  // It has left the queue.
  await page.goto(`/admin/listings?q=${encodeURIComponent(title.split(" ")[1])}`);
  await expect(page.getByRole("status")).toHaveText("共 0 条待审核");
});

test("a reviewer compares a corrected resubmission from the demo queue and approves another listing", async ({ page }) => {
  test.slow();
  await login(page, "reviewer2@cjt-demo.cn");
  await page.goto("/admin/listings");
  const resubmitted = page.getByRole("row").filter({ hasText: "第 2 次提交" }).first();
  await resubmitted.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "与上次提交相比的修改" })).toBeVisible();
  const changes = page.getByRole("table", { name: "修改的字段" });
  await expect(changes.getByRole("columnheader")).toHaveText(["字段", "修改前", "修改后"]);
  expect(await changes.getByRole("row").count()).toBeGreaterThan(1);
  await expect(page.getByRole("table", { name: "这条信息的历次审核决定" })).toContainText("驳回");
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.goto("/admin/listings?kind=training_package");
  const rows = page.getByRole("row").filter({ has: page.getByRole("link") });
  await expect(rows.first()).toContainText("培训包");
  for (const text of await rows.allTextContents()) expect(text).toContain("培训包");
  const title = (await rows.first().getByRole("link").textContent())!;
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 3, name: "培训包信息" })).toBeVisible();
  await page.getByRole("button", { name: "通过发布" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已通过" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /审核状态/ })).toContainText("已发布");
  await expect(page.getByRole("table", { name: "这条信息的历次审核决定" })).toContainText("审核员赵磊");
  await expectAccessible(page);
  await page.goto("/admin/listings?kind=training_package");
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
});

test("without JavaScript the server refuses a rejection without reason the same way", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, "reviewer@cjt-demo.cn");
  await page.goto("/admin/listings?kind=cooperation");
  await page.getByRole("row").filter({ hasText: "合作需求" }).first().getByRole("link").click();
  const url = page.url();
  await page.getByRole("button", { name: "驳回" }).click();
  await expect(page.getByText("驳回时必须填写原因，告诉机构需要修改什么。")).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("1 处需要修改");
  expect(page.url()).toBe(url);
  await context.close();
});

test("only platform staff see the queue: members get 403, visitors are sent to sign in, unknown ids are 404", async ({ page }) => {
  const anonymous = await page.goto("/admin/listings");
  expect(anonymous?.status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Flistings/);

  await login(page, "qinling@cjt-demo.cn");
  const member = await page.goto("/admin/listings");
  expect(member?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有权限访问");
  const memberDetail = await page.goto("/admin/listings/00000000-0000-4000-8000-000000000000");
  expect(memberDetail?.status()).toBe(403);
  await logout(page);

  await login(page, "reviewer@cjt-demo.cn");
  for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(`/admin/listings/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  }
  const hostile = await page.goto("/admin/listings?kind=__proto__&page=-3&q=%00%00");
  expect(hostile?.status()).toBe(200);
  await expect(page.getByRole("status")).toHaveText(/共 \d+ 条待审核/);
});
