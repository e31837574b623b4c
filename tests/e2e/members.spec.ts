import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, latestMail, login } from "./support.ts";

// This file's browsers come from an address of their own, so its sign-ins (and six deliberate failures)
// neither use up nor depend on the per-address limit shared with the other spec files.
const CLIENT = { "X-Forwarded-For": "198.51.100.61" };
test.use({ extraHTTPHeaders: CLIENT });
// Every sign-in and account here costs an argon2id hash; on a busy machine the stories need longer.
test.describe.configure({ timeout: 180_000 });

const NEW_PASSWORD = "Member-Pass-2026!";

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: CLIENT, baseURL: test.info().project.use.baseURL, locale: "zh-CN" });
  return context.newPage();
}

/** Invites an address from /org/members (signed in as an organisation admin) and returns the link shown once. */
async function invite(page: Page, email: string): Promise<string> {
  await page.goto("/org/members");
  await page.getByLabel("受邀人邮箱").fill(email);
  await page.getByLabel("角色", { exact: true }).selectOption({ label: "成员" });
  await page.getByRole("button", { name: "发送邀请" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已邀请 ${email}` })).toBeVisible();
  const link = await page.getByLabel("邀请链接").inputValue();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[\w-]{43}$/);
  return link;
}

/** Opens an invitation in a browser of its own and accepts it. */
async function accept(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await freshPage(browser);
  await page.goto(link);
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("密码", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("再次输入密码").fill(NEW_PASSWORD);
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "接受邀请并登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  return page;
}

test("an organisation admin invites a member, changes their role and removes them, which ends their session", async ({ page, browser }) => {
  const stamp = Date.now();
  const email = `e2e-member-${stamp}@example.cn`;
  const name = `测试成员${stamp}`;

  await login(page, "qinling@cjt-demo.cn");
  await page.goto("/org/members");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("机构成员");
  await expectAccessible(page);
  // Refused in Chinese, the address kept.
  await page.getByLabel("受邀人邮箱").fill("not-an-email");
  await page.getByRole("button", { name: "发送邀请" }).click();
  await expect(page.getByText("邮箱格式不正确")).toBeVisible();

  const link = await invite(page, email);
  await expect(page.getByText("此链接只显示这一次")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("撤销邀请");
  await expectAccessible(page);
  const mail = await latestMail(email);
  expect(mail.subject).toContain("西安秦岭精工数控机床有限公司");
  expect(mail.text).toContain(link);
  expect(mail.text).toContain("7 天");
  // Shown once: the page does not show it again.
  await page.reload();
  await expect(page.getByLabel("邀请链接")).toHaveCount(0);

  // The invitee, in a browser of their own.
  const invitee = await freshPage(browser);
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("接受邀请");
  await expect(invitee.getByText("“西安秦岭精工数控机床有限公司”邀请您以“成员”身份加入产教通。")).toBeVisible();
  await expect(invitee.getByRole("form", { name: "接受邀请" }).getByRole("link", { name: "隐私政策" })).toHaveAttribute("href", "/privacy");
  await expectAccessible(invitee);
  await invitee.getByLabel("姓名").fill(name);
  await invitee.getByLabel("密码", { exact: true }).fill(NEW_PASSWORD);
  await invitee.getByLabel("再次输入密码").fill("Something-else-1");
  await invitee.getByRole("button", { name: "接受邀请并登录" }).click();
  await expect(invitee.getByText("两次输入的密码不一致")).toBeVisible();
  await invitee.getByLabel("再次输入密码").fill(NEW_PASSWORD);
  await invitee.getByRole("button", { name: "接受邀请并登录" }).click();
  await expect(invitee.getByText("请阅读并同意《隐私政策》")).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel(/我已阅读并同意/).check();
  await invitee.getByRole("button", { name: "接受邀请并登录" }).click();
  await invitee.waitForURL(/\/dashboard$/);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(`${name}，您好`);

  // A member sees the list without controls, and the action refuses them.
  await invitee.goto("/org/members");
  await expect(invitee.getByRole("cell", { name: email })).toBeVisible();
  await expect(invitee.getByRole("button", { name: "发送邀请" })).toHaveCount(0);
  await expect(invitee.getByRole("button", { name: /修改角色/ })).toHaveCount(0);
  await expect(invitee.getByText("您是本机构的普通成员")).toBeVisible();
  await expectAccessible(invitee);
  const refused = await invitee.request.post("/org/members", { form: { intent: "invite", email: `x${stamp}@example.cn`, role: "admin" } });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("只有本机构管理员");

  // The link works once.
  const reused = await (await freshPage(browser)).goto(link);
  expect(reused?.status()).toBe(410);

  // The admin makes them an administrator, then removes them.
  await page.goto("/org/members");
  await expect(page.getByRole("row", { name: new RegExp(email) })).toBeVisible();
  await page.getByLabel(`${name} 的角色`).selectOption({ label: "管理员" });
  await page.getByRole("button", { name: `修改角色 ${name}` }).click();
  await expect(page.getByRole("status")).toContainText(`已将 ${name} 的角色改为“管理员”`);
  await expect(page.getByLabel(`${name} 的角色`)).toHaveValue("admin");

  await page.getByRole("link", { name: `移除 ${name}` }).click();
  await expect(page.getByRole("heading", { name: "确认移除成员" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "确认移除" }).click();
  await expect(page.getByRole("status")).toContainText(`已将 ${name} 移出本机构`);
  await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);

  // The removed member's open session is over.
  const after = await invitee.goto("/org/members");
  expect(after?.url()).toMatch(/\/login\?redirectTo=%2Forg%2Fmembers$/);
});

test("an unknown invitation link gets a friendly page, not an error", async ({ page }) => {
  const response = await page.goto("/invite/this-token-does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("邀请链接无效");
  await expectAccessible(page);
});

test("a platform admin reads the audit log filtered by sign-ins, on a desktop and a phone", async ({ page }) => {
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
  await expect(page.getByText("日志只追加、不可修改，至少保留 184 天")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("操作", { exact: true }).selectOption({ label: "登录" });
  await page.getByRole("button", { name: "筛选" }).click();
  await page.waitForURL(/action=auth\.login/);
  // The URL changes before React has rendered the new rows, so these assertions retry until it has.
  const actionCells = page.locator("tbody tr th");
  await expect(actionCells.filter({ hasNotText: /^登录$/ })).toHaveCount(0);
  await expect(actionCells.first()).toHaveText("登录");
  await expect(page.getByRole("cell", { name: "admin@cjt-demo.cn" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "198.51.100.61" }).first()).toBeVisible();
  await expect(page.getByLabel("操作", { exact: true })).toHaveValue("auth.login");
  await expectAccessible(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(page);
  await page.goto("/admin/users?q=cjt-demo.cn");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("用户管理");
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("a reviewer may open neither the audit log nor user administration", async ({ page }) => {
  await login(page, "reviewer@cjt-demo.cn");
  for (const path of ["/admin/audit", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有权限访问");
    await expectAccessible(page);
  }
});

test("six wrong passwords lock an account, the right one is refused too, the audit log shows the lockout and an administrator unlocks it", async ({ page, browser }) => {
  const stamp = Date.now();
  const email = `e2e-lock-${stamp}@example.cn`;
  const name = `锁定测试${stamp}`;
  await login(page, "qinling@cjt-demo.cn");
  const link = await invite(page, email);
  const member = await accept(browser, link, name);
  await member.context().close();

  const attacker = await freshPage(browser);
  const attempt = async (password: string) => {
    await attacker.goto("/login");
    await attacker.getByLabel("邮箱").fill(email);
    await attacker.getByLabel("密码").fill(password);
    await attacker.getByRole("button", { name: "登录" }).click();
    await expect(attacker.getByRole("alert")).toContainText("登录失败");
  };
  for (let i = 1; i <= 6; i++) await attempt(`Wrong-Password-${i}`);
  await attempt(NEW_PASSWORD);
  await expect(attacker).toHaveURL(/\/login/);
  await expectAccessible(attacker);

  const admin = await freshPage(browser);
  await login(admin, "admin@cjt-demo.cn");
  await admin.goto("/admin/audit");
  await admin.getByLabel("操作", { exact: true }).selectOption({ label: "账号锁定" });
  await admin.getByRole("button", { name: "筛选" }).click();
  await admin.waitForURL(/action=auth\.lockout/);
  const lockout = admin.getByRole("row", { name: new RegExp(email) });
  await expect(lockout).toHaveCount(1);
  await expect(lockout.getByRole("rowheader")).toHaveText("账号锁定");
  await expect(lockout).toContainText("西安秦岭精工数控机床有限公司");
  await expectAccessible(admin);

  // The refused correct password was recorded as a denied sign-in.
  await admin.getByLabel("操作", { exact: true }).selectOption({ label: "登录" });
  await admin.getByLabel("结果").selectOption({ label: "拒绝" });
  await admin.getByLabel("操作人邮箱").fill(email);
  await admin.getByRole("button", { name: "筛选" }).click();
  await admin.waitForURL(/outcome=denied/);
  await expect(admin.locator("tbody tr")).toHaveCount(2);

  // User administration shows the lock; the admin gives the account a platform role, then disables it.
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = admin.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("已锁定");
  await admin.getByRole("button", { name: `解除 ${name} 的登录锁定` }).click();
  await expect(admin.getByRole("status").filter({ hasText: `已解除 ${name} 的登录锁定` })).toBeVisible();
  await expect(row).not.toContainText("已锁定");
  await expect(admin.getByRole("button", { name: `解除 ${name} 的登录锁定` })).toHaveCount(0);
  await expectAccessible(admin);

  // Unlocked, the member's right password works at once (no waiting out the 15 minutes).
  await attacker.goto("/login");
  await attacker.getByLabel("邮箱").fill(email);
  await attacker.getByLabel("密码").fill(NEW_PASSWORD);
  await attacker.getByRole("button", { name: "登录" }).click();
  await attacker.waitForURL(/\/dashboard$/);
  await attacker.context().close();

  await admin.getByLabel(`${name} 的平台角色`).selectOption({ label: "任务跟踪联络员" });
  await admin.getByRole("button", { name: `保存角色 ${name}` }).click();
  await expect(admin.getByRole("alert")).toContainText("任务跟踪联络员须选择责任单位");
  await admin.getByLabel(`${name} 的平台角色`).selectOption({ label: "审核员" });
  await admin.getByRole("button", { name: `保存角色 ${name}` }).click();
  await expect(admin.getByRole("status").filter({ hasText: "平台角色改为“审核员”" })).toBeVisible();
  await admin.getByRole("button", { name: `停用 ${name}` }).click();
  await expect(admin.getByRole("status").filter({ hasText: `已停用 ${name}` })).toBeVisible();
  await expect(admin.getByRole("button", { name: `启用 ${name}` })).toBeVisible();
  await expectAccessible(admin);
});
