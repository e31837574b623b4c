import { expect, test } from "@playwright/test";
import { expectAccessible, login, logout } from "./support.ts";
import { fakePdfText, minimalPdf } from "../support/agreement-files.ts";

test("a demo enterprise administrator signs in and out", async ({ page }) => {
  await login(page, "qinling@cjt-demo.cn");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("秦岭精工人事部，您好");
  await expectAccessible(page);
  await logout(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard/);
});

test("a wrong password gets one clear message and keeps the e-mail typed", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill("zhijiao@cjt-demo.cn");
  await page.getByLabel("密码").fill("Wrong-password-1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("邮箱或密码不正确");
  await expect(page.getByLabel("邮箱")).toHaveValue("zhijiao@cjt-demo.cn");
  await expectAccessible(page);
});

test("registration refuses bad input in Chinese, keeps what was typed, then creates a pending organisation", async ({ page }) => {
  await page.goto("/register");
  await expectAccessible(page);
  await page.getByLabel("机构全称").fill("西安鄠邑测试精密机械有限公司");
  await page.getByLabel("统一社会信用代码").fill("91610118MA6TG0999");
  await page.getByLabel("联系人", { exact: true }).fill("张工");
  await page.getByLabel("联系人手机").fill("12345");
  await page.getByLabel("联系邮箱").fill("hr@test-jingmi.cn");
  await page.getByRole("button", { name: "提交注册" }).click();
  await expect(page.getByText("统一社会信用代码应为 18 位")).toBeVisible();
  await expect(page.getByText("请填写 11 位中国大陆手机号")).toBeVisible();
  await expect(page.getByText("请阅读并同意《隐私政策》后再注册")).toBeVisible();
  await expect(page.getByLabel("机构全称")).toHaveValue("西安鄠邑测试精密机械有限公司");
  await expectAccessible(page);

  await page.getByLabel("统一社会信用代码").fill("91610118MA6TG0999Q");
  await page.getByLabel("联系人手机").fill("13812345678");
  await page.getByLabel("所属产业").selectOption({ label: "三大主导产业 · 装备制造" });
  await page.getByLabel("所在街道或园区").selectOption({ label: "沣京工业园" });
  await page.getByLabel("职工总数（人）").fill("300");
  await page.getByLabel("姓名").fill("张工");
  await page.getByLabel("登录邮箱").fill("zhang@test-jingmi.cn");
  await page.getByLabel("密码", { exact: true }).fill("Jingmi-2026-ok");
  await page.getByLabel("再次输入密码").fill("Jingmi-2026-ok");
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "提交注册" }).click();
  await expect(page.getByText("统一社会信用代码校验位不正确")).toBeVisible();
  await expect(page.getByLabel("登录邮箱")).toHaveValue("zhang@test-jingmi.cn");

  // A text file named .pdf is refused at its field, by its bytes; everything typed stays.
  const licence = page.getByLabel(/营业执照或法人证书/);
  await licence.setInputFiles({ name: "营业执照.pdf", mimeType: "application/pdf", buffer: fakePdfText });
  await page.getByLabel("统一社会信用代码").fill("91610118MA6TG0999P");
  await page.getByLabel("密码", { exact: true }).fill("Jingmi-2026-ok");
  await page.getByLabel("再次输入密码").fill("Jingmi-2026-ok");
  await page.getByRole("button", { name: "提交注册" }).click();
  await expect(page.locator("#field-licence-error")).toContainText("只能上传 PDF、PNG 或 JPEG 文件");
  await expect(page.getByLabel("登录邮箱")).toHaveValue("zhang@test-jingmi.cn");
  await expectAccessible(page);

  await licence.setInputFiles({ name: "营业执照.pdf", mimeType: "application/pdf", buffer: minimalPdf("licence") });
  await page.getByLabel("密码", { exact: true }).fill("Jingmi-2026-ok");
  await page.getByLabel("再次输入密码").fill("Jingmi-2026-ok");
  await page.getByRole("button", { name: "提交注册" }).click();
  await page.waitForURL(/\/org\?registered=1/);
  // The licence came with the registration; the reviewer finds it beside the decision and can open it.
  const documents = page.getByTestId("org-documents");
  await expect(documents.getByRole("link", { name: "营业执照.pdf" })).toBeVisible();
  await expectAccessible(page);
  await logout(page);
  await login(page, "reviewer@cjt-demo.cn");
  await page.goto("/admin/organizations?status=pending&q=测试精密机械");
  await page.getByRole("link", { name: "西安鄠邑测试精密机械有限公司" }).click();
  const link = page.getByTestId("review-documents").getByRole("link", { name: "营业执照.pdf" });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect((await download.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await expectAccessible(page);
});

test("without JavaScript the server validates the same way and keeps the values", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("机构全称").fill("无脚本测试企业");
  await page.getByLabel("联系邮箱").fill("not-an-email");
  await page.getByRole("button", { name: "提交注册" }).click();
  await expect(page.getByText("邮箱格式不正确")).toBeVisible();
  await expect(page.getByLabel("机构全称")).toHaveValue("无脚本测试企业");
  await expect(page.getByRole("alert")).toContainText("处需要修改");
  await context.close();
});
