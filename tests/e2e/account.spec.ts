import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { withCheckChar } from "../../app/domain/credit-code.ts";
import { expectAccessible, expectNoHorizontalScroll, latestMail, login, logout } from "./support.ts";

const FIRST_PASSWORD = "Huyi-Account-2026";
const SECOND_PASSWORD = "Changed-Pass-2027!";
const RESET_PASSWORD = "Reset-Pass-2028#";

/** A fresh enterprise and its administrator, registered through the form as a person would. */
async function registerAccount(page: Page) {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const digits = String(Math.floor(Math.random() * 100_000)).padStart(5, "0");
  const email = `account-${stamp}@e2e-test.cn`;
  await page.goto("/register");
  await page.getByLabel("机构全称").fill(`账号测试精工有限公司${stamp}`);
  await page.getByLabel("统一社会信用代码").fill(withCheckChar(`91610118MA6U${digits}`));
  await page.getByLabel("所属产业").selectOption({ label: "三大主导产业 · 装备制造" });
  await page.getByLabel("所在街道或园区").selectOption({ label: "沣京工业园" });
  await page.getByLabel("职工总数（人）").fill("120");
  await page.getByLabel("联系人", { exact: true }).fill("刘工");
  await page.getByLabel("联系人手机").fill("13812345678");
  await page.getByLabel("联系邮箱").fill(`hr-${stamp}@e2e-test.cn`);
  await page.getByLabel("姓名").fill("刘工");
  await page.getByLabel("登录邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(FIRST_PASSWORD);
  await page.getByLabel("再次输入密码").fill(FIRST_PASSWORD);
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "提交注册" }).click();
  await page.waitForURL(/\/org\?registered=1/);
  return email;
}

test("the privacy notice is reachable from the registration consent and names the rights", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("main").getByRole("link", { name: "隐私政策" }).click();
  await page.waitForURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("隐私政策");
  await expect(page.getByText("版本：2026-11")).toBeVisible();
  await expect(page.getByText(/鄠邑区教科局/).first()).toBeVisible();
  await expect(page.getByText(/至少保存 184 天/)).toBeVisible();
  await expect(page.getByText(/从不写入搜索索引/)).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(page);
  // Also linked from every page's footer.
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "隐私政策" }).click();
  await page.waitForURL(/\/privacy$/);
});

test("a user changes the password, which signs out every other browser, then resets it by e-mail, exports and deletes the account", async ({
  page,
  browser,
}) => {
  // One long story with several argon2 hashes and many pages: more time than the default.
  test.setTimeout(300_000);
  const email = await registerAccount(page);

  // A second browser signed in before the change.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await login(otherPage, email, FIRST_PASSWORD);
  await otherPage.goto("/account");
  await expect(otherPage.getByRole("heading", { level: 1 })).toHaveText("我的账号");

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的账号");
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("当前会话")).toBeVisible();
  await expect(page.getByRole("button", { name: /结束此会话/ })).toHaveCount(1);
  await expect(page.getByText(/本次登录时间|没有更早的登录记录/).first()).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Profile: a bad phone number is explained, a good one is saved.
  await page.getByLabel("手机号（选填）").fill("12345");
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.getByText("请填写 11 位中国大陆手机号")).toBeVisible();
  await page.getByLabel("手机号（选填）").fill("13912345678");
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.getByRole("status")).toHaveText("个人资料已保存。");

  // Wrong current password: one clear Chinese message; nothing changes.
  await page.getByLabel("当前密码").fill("Not-My-Pass-2026");
  await page.getByLabel("新密码", { exact: true }).fill(SECOND_PASSWORD);
  await page.getByLabel("再次输入新密码").fill(SECOND_PASSWORD);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("当前密码不正确")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("当前密码").fill(FIRST_PASSWORD);
  await page.getByLabel("新密码", { exact: true }).fill(SECOND_PASSWORD);
  await page.getByLabel("再次输入新密码").fill(SECOND_PASSWORD);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByRole("status")).toContainText("密码已修改");
  await expect(page.getByLabel("当前密码")).toHaveValue("");
  // This browser got a new session; the other one is signed out.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的账号");
  await expect(page.getByText("目前没有其他设备登录。")).toBeVisible();
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await other.close();

  // Forgot password: the same answer as for any address, and a mail with a one-hour link.
  await logout(page);
  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await page.waitForURL(/\/forgot-password$/);
  await expectAccessible(page);
  await page.getByLabel("登录邮箱").fill(email);
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByRole("status")).toHaveText("如果该邮箱已注册，重置链接已发送，1 小时内有效。");
  await expectAccessible(page);
  const mail = await latestMail(email);
  expect(mail.subject).toContain("重置密码");
  const link = /(http\S+\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  expect(link).toBeTruthy();
  const resetPath = new URL(link!).pathname;

  await page.goto(resetPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置新密码");
  await expectAccessible(page);
  await page.getByLabel("新密码", { exact: true }).fill("short");
  await page.getByLabel("再次输入新密码").fill("short");
  await page.getByRole("button", { name: "设置新密码" }).click();
  await expect(page.getByText("密码至少 8 位")).toBeVisible();
  await page.getByLabel("新密码", { exact: true }).fill(RESET_PASSWORD);
  await page.getByLabel("再次输入新密码").fill(RESET_PASSWORD);
  await page.getByRole("button", { name: "设置新密码" }).click();
  await expect(page.getByRole("status")).toHaveText("密码已重置。请使用新密码登录。");

  // The link is spent.
  const again = await page.goto(resetPath);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("重置链接已失效");
  await expect(page.getByRole("link", { name: "重新申请重置链接" })).toHaveAttribute("href", "/forgot-password");
  await expectAccessible(page);
  const unknown = await page.goto("/reset-password/this-link-never-existed-anywhere-000");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("重置链接已失效");

  await login(page, email, RESET_PASSWORD);

  // Export: a JSON download with the user's own data.
  await page.goto("/account");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /导出我的个人信息/ }).click()]);
  expect(download.suggestedFilename()).toBe("chanjiaotong-personal-data.json");
  const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(exported.profile.email).toBe(email);
  expect(exported.profile.phone).toBe("13912345678");
  expect(JSON.stringify(exported)).not.toContain("argon2");

  // Delete: needs the password and the confirmation; then signed out and the e-mail no longer signs in.
  await page.getByRole("link", { name: "注销账号" }).click();
  await page.waitForURL(/\/account\/delete$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("注销账号");
  await expect(page.getByText(/审计日志/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("当前密码").fill("Wrong-Pass-2026!");
  await page.getByRole("button", { name: "永久注销账号" }).click();
  await expect(page.getByText("请勾选确认框后再注销。")).toBeVisible();
  await page.getByLabel(/确认注销/).check();
  await page.getByRole("button", { name: "永久注销账号" }).click();
  await expect(page.getByText("密码不正确，请重新输入。")).toBeVisible();
  await page.getByLabel("当前密码").fill(RESET_PASSWORD);
  await page.getByRole("button", { name: "永久注销账号" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("status")).toContainText("账号已注销");
  await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(RESET_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("邮箱或密码不正确");
});

test("signed-out visitors are sent to sign in for the account pages and the export", async ({ page }) => {
  for (const path of ["/account", "/account/delete", "/account/export"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(path)}`));
  }
});
