import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Nothing wider than a 375 px phone screen. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The main navigation and its menu button (the button is shown only on a narrow screen). */
export function mainNav(page: Page) {
  const nav = page.getByRole("navigation", { name: "主导航" });
  return { nav, button: nav.getByRole("button", { name: /^菜单/ }) };
}

/**
 * Opens the collapsed main menu on a narrow screen, so its links can be clicked; where the navigation is a row
 * it does nothing. Returns the navigation.
 */
export async function openMenu(page: Page) {
  const { nav, button } = mainNav(page);
  // The disclosure button replaces the no-JavaScript <summary> once the page is hydrated.
  await button.waitFor({ state: "attached", timeout: 15_000 });
  if (!(await button.isVisible())) return nav;
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link").first()).toBeVisible();
  return nav;
}

export const DEMO_PASSWORD = "Demo-Pass-2026!";

/** Signs in through the login form, as a person would. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A page of its own (a fresh browser context, so its own cookies) signed in as `email`. */
export async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

/** A date n days from today, in China ('YYYY-MM-DD'), as the server counts days. */
export function inDays(n: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + n * 86_400_000));
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/login/);
}

/** The newest development mail to an address (written to DATA_DIR/dev-mail when SMTP is not set). */
export async function latestMail(to: string): Promise<{ to: string; subject: string; text: string }> {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const dir = path.join(process.env.E2E_DATA_DIR!, "dev-mail");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.includes(to)).sort() : [];
  if (!files.length) throw new Error(`no mail to ${to}`);
  return JSON.parse(fs.readFileSync(path.join(dir, files[files.length - 1]), "utf8"));
}
