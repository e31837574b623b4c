// The main journeys on a 375 × 812 touch phone (the "phone" project in playwright.config.ts).
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, login, mainNav, openMenu } from "./support.ts";

// Short journeys: a stuck one should fail fast rather than hold CI for the default three minutes.
test.describe.configure({ timeout: 60_000 });

/** The checks every page of a journey passes on the phone. */
async function expectFitsPhone(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const { nav, button } = mainNav(page);
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  expect((await nav.boundingBox())!.height).toBeLessThan(80);
  expect((await page.getByRole("banner").boundingBox())!.height).toBeLessThan(100);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
}

/**
 * Every data table on the page is a stack of cards: no cell is squeezed to a sliver, each body cell names its
 * column, and the header row is out of sight (but still in the page for screen readers).
 */
async function expectCardTables(page: Page) {
  const tables = page.locator("main table");
  expect(await tables.count()).toBeGreaterThan(0);
  const cells = await page.locator("main table tbody").evaluateAll((bodies) =>
    bodies.flatMap((body) =>
      [...body.querySelectorAll("td, th")].map((cell) => {
        const box = cell.getBoundingClientRect();
        return { text: (cell.textContent ?? "").trim().slice(0, 20), width: Math.round(box.width), shown: box.height > 0, label: cell.getAttribute("data-label") };
      }),
    ),
  );
  const shown = cells.filter((c) => c.shown);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((c) => c.width < 60)).toEqual([]);
  expect(shown.filter((c) => !c.label)).toEqual([]);
  for (const head of await page.locator("main table thead").all()) {
    expect((await head.boundingBox())?.height ?? 0).toBeLessThanOrEqual(1);
  }
  await expect(page.locator("main table").first().getByRole("columnheader").first()).toBeAttached();
}

async function through(page: Page, link: string | RegExp, url: RegExp) {
  const nav = await openMenu(page);
  await nav.getByRole("link", { name: link, exact: typeof link === "string" }).click();
  await page.waitForURL(url);
  // Following a link closes the menu.
  await expect(mainNav(page).button).toHaveAttribute("aria-expanded", "false");
}

test("anonymous: home, a search for 数控 and a listing, with the menu opened, closed by Escape and used", async ({ page }) => {
  await page.goto("/");
  await expectFitsPhone(page);
  const { nav, button } = mainNav(page);
  await expect(nav.getByRole("link", { name: "找信息" })).toBeHidden();

  await openMenu(page);
  await expect(button).toHaveAttribute("aria-controls", /.+/);
  const panel = page.locator(`#${await button.getAttribute("aria-controls")}`);
  await expect(panel.getByRole("link", { name: "登录" })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Tab");
  await expect(panel.getByRole("link", { name: "首页" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(button).toBeFocused();
  await expect(panel).toBeHidden();
  // A tap outside (below the open panel) closes it too, and so does focus leaving the menu.
  await button.tap();
  await expect(panel).toBeVisible();
  const below = (await panel.boundingBox())!;
  await page.touchscreen.tap(6, below.y + below.height + 30); // the page's margin, clear of any link
  await expect(panel).toBeHidden();
  await button.click();
  await page.getByRole("link", { name: "注册" }).focus();
  await page.keyboard.press("Tab");
  await expect(button).toHaveAttribute("aria-expanded", "false");

  await page.getByLabel("搜索实习岗位、培训包、合作需求或机构").fill("数控");
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await page.waitForURL(/\/search\?q=/);
  const first = page.locator(".hit").first();
  await expect(first).toBeVisible();
  // The results come before the filters, which wait in a closed drawer.
  expect((await first.boundingBox())!.y).toBeLessThan(700);
  await expect(page.locator("details.search-drawer")).not.toHaveAttribute("open");
  await expectFitsPhone(page);

  const title = (await first.locator(".hit-title a").textContent())!.trim();
  await first.locator(".hit-title a").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectFitsPhone(page);
});

test("the menu opens without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto("/certification");
  const nav = page.getByRole("navigation", { name: "主导航" });
  expect((await nav.boundingBox())!.height).toBeLessThan(80);
  await expect(nav.getByRole("link", { name: "找信息" })).toBeHidden();
  await nav.getByText("菜单").click();
  await nav.getByRole("link", { name: "找信息" }).click();
  await page.waitForURL(/\/search$/);
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "找信息" })).toBeHidden();
  // axe needs JavaScript: the same navigation is checked with it in the other tests.
  await context.close();
});

test("the public 公示 page, reached through the menu, lists its notices as cards", async ({ page }) => {
  await page.goto("/");
  await through(page, "认证目录", /\/certification$/);
  await expectFitsPhone(page);
  await expectCardTables(page);
  await page.getByRole("link", { name: "公示公告" }).click();
  await page.waitForURL(/\/certification\/notices$/);
  await expectFitsPhone(page);
  await expectCardTables(page);
});

test("an enterprise signs in on the phone and reaches its listings and organisation through the menu", async ({ page }) => {
  await login(page, "qinling@cjt-demo.cn");
  await expectFitsPhone(page);
  await through(page, "发布信息", /\/listings$/);
  await expectFitsPhone(page);
  await expectCardTables(page);
  await through(page, "本机构", /\/org$/);
  await expectFitsPhone(page);
});

test("an administrator sees the unread count on the menu button and reaches the admin lists and a certification review", async ({ page }) => {
  await login(page, "admin@cjt-demo.cn");
  const { nav, button } = mainNav(page);
  // The demo administrator has unread notifications; the folded menu must not hide that.
  const unread = Number(await nav.locator('a[href="/notifications"] .nav-badge').textContent());
  expect(unread).toBeGreaterThan(0);
  await expect(button.locator(".nav-toggle-badge")).toBeVisible();
  await expect(button.locator(".nav-toggle-badge")).toHaveText(String(unread));
  await expect(button).toHaveAccessibleName(`菜单 ${unread} 条未读`);
  await expectFitsPhone(page);

  await through(page, "平台管理", /\/admin$/);
  await expectFitsPhone(page);
  await page.getByRole("link", { name: "用户管理" }).click();
  await page.waitForURL(/\/admin\/users/);
  await expectFitsPhone(page);
  await expectCardTables(page);

  await page.goto("/admin/certification");
  await expectFitsPhone(page);
  await expectCardTables(page);
  await page.locator("main table tbody a").first().click();
  await page.waitForURL(/\/admin\/certification\/[0-9a-f-]{36}$/);
  await expectFitsPhone(page);
  await expectCardTables(page);
});

test("a plan officer reaches 任务跟踪 through the menu; its tables are cards and its badges stay on one line", async ({ page }) => {
  await login(page, "officer.rsj@cjt-demo.cn");
  await through(page, "任务跟踪", /\/plan$/);
  await expectFitsPhone(page);
  await expectCardTables(page);
  const heights = await page.locator("main table .status").evaluateAll((badges) => badges.map((b) => b.getBoundingClientRect().height));
  expect(heights.length).toBeGreaterThan(0);
  expect(Math.max(...heights)).toBeLessThan(30);
});
