import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, login } from "./support.ts";

test("a vocational school types 数控, finds CNC internships, filters by 装备制造 and shares the URL", async ({ page }) => {
  await login(page, "sxgfxy@cjt-demo.cn");
  await page.goto("/search");
  await expectAccessible(page);
  await page.getByRole("searchbox", { name: /搜索实习岗位/ }).pressSequentially("数控", { delay: 50 });
  // Results follow the typing without pressing the button.
  await expect(page).toHaveURL(/q=%E6%95%B0%E6%8E%A7/);
  const firstInternship = page.locator(".hit", { has: page.locator(".tag", { hasText: "实习岗位" }) }).first();
  await expect(firstInternship).toBeVisible();
  await expect(firstInternship.locator("mark").first()).toBeVisible();

  await page.getByRole("group", { name: "产业" }).getByLabel(/装备制造/).check();
  await expect(page).toHaveURL(/industry=equipment_manufacturing/);
  await expect(page.getByRole("group", { name: "产业" }).getByLabel(/装备制造/)).toBeChecked();
  const count = await page.locator(".hit").count();
  expect(count).toBeGreaterThan(0);
  for (const meta of await page.locator(".hit-meta").allTextContents()) expect(meta).toContain("装备制造");
  await expectAccessible(page);

  const shared = page.url();
  await page.goBack();
  await expect(page).not.toHaveURL(/industry=/);
  await page.goto(shared);
  await expect(page.getByRole("group", { name: "产业" }).getByLabel(/装备制造/)).toBeChecked();

  await firstInternship.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/(l|orgs)\//);
});

test("search works as a plain GET form without JavaScript, with pagination and an empty state", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("searchbox").fill("汽车零部件");
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.locator(".hit").first()).toBeVisible();

  await page.goto("/search?kind=internship");
  await expect(page.getByRole("navigation", { name: "分页" })).toBeVisible();
  await page.getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/第 2 \/ \d+ 页/)).toBeVisible();

  await page.goto("/search?q=%E5%AE%87%E5%AE%99%E9%A3%9E%E8%88%B9%E5%AF%B9%E6%8E%A5");
  await expect(page.getByText("没有找到与“宇宙飞船对接”相符的信息。")).toBeVisible();
  await expect(page.getByRole("link", { name: "去掉关键词，只按筛选条件查看" })).toBeVisible();
  await context.close();
});

test("the search page works on a 375 px phone and refuses bad filters politely", async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/search?q=%E7%94%B5%E5%95%86&industry=not-an-industry");
  await expect(page.getByRole("status")).toContainText("参数 industry 有误");
  await expect(page.locator(".hit").first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  const bad = await request.get("/api/v1/search?hitsPerPage=500");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.field).toBe("hitsPerPage");
  const ok = await request.get("/api/v1/search?q=%E6%95%B0%E6%8E%A7&kind=internship");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.totalHits).toBeGreaterThan(0);
  expect(body.hits[0]).toHaveProperty("snippet");
  const openapi = await request.get("/api/v1/openapi.json");
  expect((await openapi.json()).paths).toHaveProperty("/api/v1/search");
});
