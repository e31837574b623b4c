import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, login } from "./support.ts";

// A file over a form's bound is named next to the field as soon as it is chosen, and the form is
// not sent — no request leaves the browser, the button stays usable.
const MB = 1024 * 1024;

function bigFile(megabytes: number) {
  const buffer = Buffer.alloc(Math.round(megabytes * MB), 0x20);
  buffer.write("%PDF-1.4\n");
  return { name: "合作协议.pdf", mimeType: "application/pdf", buffer };
}

async function expectRefusedBeforeSending(page: Page, input: ReturnType<Page["locator"]>, button: ReturnType<Page["locator"]>) {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  await input.setInputFiles(bigFile(10.5));
  const message = "文件“合作协议.pdf”有 10.5 MB，超过 10 MB 的上限，请压缩或拆分后再上传。";
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await button.click();
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  await expect(button).toBeEnabled();
  expect(posts).toEqual([]);
  await expectAccessible(page);
}

for (const width of [1280, 375]) {
  test(`the agreement upload names a file over its bound and does not send it (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });

    // A cooperation project's agreement (10 MB). The plan report and certification evidence forms use the same
    // check (components/upload-limit.tsx) but show only for a submitted report or a draft application, which the
    // demo data has none of.
    await login(page, "qinling@cjt-demo.cn");
    await page.goto("/projects");
    await page.locator('a[href^="/projects/"]').first().click();
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
    const agreement = page.locator('form[enctype="multipart/form-data"]').first();
    await expectRefusedBeforeSending(page, agreement.locator('input[type="file"]'), agreement.locator('button[type="submit"]'));
    if (width === 375) await expectNoHorizontalScroll(page);
  });
}
