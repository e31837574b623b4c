import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll } from "./support.ts";

test("the home page renders in Chinese with demo data and passes axe", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("让企业与院校精准对接");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("“3233”现代产业体系");
  await expect(page.locator(".stat").first()).not.toHaveText("0 家");
  await expect(page.getByRole("searchbox", { name: "搜索实习岗位、培训包、合作需求或机构" })).toBeVisible();
  await expectAccessible(page);
  // Hydrated without CSP or script errors.
  expect(errors).toEqual([]);
});

test("the layout works on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("health and unknown pages answer properly", async ({ page, request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", db: "ok", search: "ok" });
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  await expectAccessible(page);
});
