import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, login } from "./support.ts";

// The server answers /healthz while the demo listings are still on their way into the index: wait for /readyz,
// or the first search may see the organisations only.
test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get("/readyz")).status(), { timeout: 120_000, intervals: [500] }).toBe(200);
});

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
  await expect(page.getByRole("status")).toContainText("“产业”中有无法识别的选项，已忽略这项筛选");
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

// Pilot review (task 56): filter mistakes are explained in words next to the field, the other filters stay applied.
test("bad and reversed filters are explained at their field and the other filters stay applied", async ({ page, request }) => {
  await page.goto("/search?payMin=5000&payMax=1000&kind=internship");
  const pay = page.getByRole("group", { name: "月薪（元）" });
  await expect(pay).toContainText("最低月薪高于最高月薪，已按 1000–5000 元查找。");
  await expect(pay.getByLabel("最低")).toHaveValue("1000");
  await expect(pay.getByLabel("最高")).toHaveValue("5000");
  await expect(page.getByRole("group", { name: "类别" }).getByLabel(/实习岗位/)).toBeChecked();
  await expect(page.locator(".hit").first()).toBeVisible();
  for (const tag of await page.locator(".hit .tag:first-child").allTextContents()) expect(tag).toBe("实习岗位");
  await expect(page.getByText(/payMax/)).toHaveCount(0);
  await expectAccessible(page);

  await page.goto("/search?startFrom=2027-09-01&endBy=2027-07-01&kind=internship");
  await expect(page.getByRole("group", { name: "实习时间" })).toContainText("开始日期晚于结束日期，已按 2027-07-01 至 2027-09-01 查找。");
  await expect(page.getByLabel("结束不晚于")).toHaveValue("2027-09-01");

  await page.goto("/search?kind=internship&page=99");
  const beyond = page.getByText(/第 99 页超出范围，共 (\d+) 页。/);
  await expect(beyond).toBeVisible();
  await expect(page.getByText("没有符合筛选条件的信息。")).toHaveCount(0);
  const pages = Number((await beyond.textContent())!.match(/共 (\d+) 页/)![1]);
  await page.getByRole("link", { name: `查看第 ${pages} 页（最后一页）` }).click();
  await expect(page).toHaveURL(new RegExp(`page=${pages}`));
  await expect(page.locator(".hit").first()).toBeVisible();
  await expectAccessible(page);

  const api = await request.get("/api/v1/search?payMin=5000&payMax=1000");
  expect(api.status()).toBe(400);
  expect((await api.json()).error).toMatchObject({ field: "payMax", message: "参数 payMax 有误：最高月薪不能低于最低月薪" });
});

test("a listing's closing day is the same on its search card, its page and in the API", async ({ page, request }) => {
  await page.goto("/search?q=%E5%AE%9E%E4%B9%A0&sort=closing");
  const card = page.locator(".hit").first();
  const shown = (await card.locator(".hit-valid-until").textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];
  const href = (await card.locator(".hit-title a").getAttribute("href"))!;
  const api = await (await request.get("/api/v1/search?q=%E5%AE%9E%E4%B9%A0&sort=closing")).json();
  expect(api.hits[0].url).toContain(href);
  expect(api.hits[0].validUntil).toBe(shown);
  // Closing soon is in closing order even with a keyword.
  const days = (api.hits as Array<{ validUntil: string }>).map((h) => h.validUntil);
  expect(days).toEqual([...days].sort());
  await card.locator(".hit-title a").click();
  await expect(page).toHaveURL(new RegExp(href));
  await expect(page.locator(`time[datetime="${shown}"]`)).toHaveText(shown);
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("results come first and the filters open from a drawer", async ({ page }) => {
    await page.goto("/search?q=%E6%95%B0%E6%8E%A7");
    const first = page.locator(".hit").first();
    await expect(first).toBeVisible();
    expect((await first.boundingBox())!.y).toBeLessThan(812);
    const drawer = page.locator("details.search-drawer");
    await expect(drawer).not.toHaveAttribute("open");
    await expect(page.getByRole("group", { name: "类别" })).toBeHidden();
    await expectAccessible(page);
    await page.getByText("筛选与排序").click();
    await page.getByRole("group", { name: "类别" }).getByLabel(/实习岗位/).check();
    await expect(page).toHaveURL(/kind=internship/);
    await expect(page.locator(".hit").first()).toBeVisible();
    for (const tag of await page.locator(".hit .tag:first-child").allTextContents()) expect(tag).toBe("实习岗位");
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });

  test("the drawer works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto("/search?q=%E6%95%B0%E6%8E%A7");
    const first = page.locator(".hit").first();
    expect((await first.boundingBox())!.y).toBeLessThan(812);
    await page.getByText("筛选与排序").click();
    await page.getByRole("group", { name: "类别" }).getByLabel(/实习岗位/).check();
    await page.getByRole("button", { name: "应用筛选" }).click();
    await expect(page).toHaveURL(/kind=internship/);
    await expect(page.getByText("筛选与排序（已选 1 项）")).toBeVisible();
    for (const tag of await page.locator(".hit .tag:first-child").allTextContents()) expect(tag).toBe("实习岗位");
    // axe needs JavaScript: the same page is checked with it in the test above.
    await context.close();
  });
});
