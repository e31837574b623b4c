import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll } from "./support.ts";

test("the footer switches the whole page to English and back, and the choice is remembered", async ({ page }) => {
  await page.goto("/search?q=%E6%95%B0%E6%8E%A7");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: "English" }).click();
  // Back on the page it was pressed on, query kept, in English.
  await expect(page).toHaveURL(/\/search\?q=%E6%95%B0%E6%8E%A7$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  // The title too, built on the server: nothing Chinese in it but the query typed.
  expect((await page.title()).replace(/^数控 · /, "")).not.toMatch(/[\u4e00-\u9fff]/);
  await expectAccessible(page);

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("让企业与院校精准对接");
  await page.setViewportSize({ width: 375, height: 740 });
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("让企业与院校精准对接");
});

test("the switch goes nowhere but this site", async ({ request }) => {
  const answer = await request.post("/lang", { form: { locale: "en", redirectTo: "//evil.example/" }, maxRedirects: 0 });
  expect(answer.status()).toBe(302);
  expect(answer.headers()["location"]).toBe("/");
  expect(answer.headers()["set-cookie"]).toContain("lang=en");
  const odd = await request.post("/lang", { form: { locale: "fr" }, maxRedirects: 0 });
  expect([odd.status(), odd.headers()["set-cookie"]]).toEqual([302, expect.stringContaining("lang=zh-CN")]);
});
