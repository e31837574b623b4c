import { expect, test, type Page } from "@playwright/test";
import { withCheckChar } from "../../app/domain/credit-code.ts";
import { expectAccessible, login, logout } from "./support.ts";

// The people in these tests sit at their own desks: their own address, so the sign-ins here do not
// count against the per-address limit that other spec files share.
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "10.33.11.7" } });

const digits = String(Math.floor(Math.random() * 100_000)).padStart(5, "0");
const stamp = Date.now();
const enterprise = {
  name: `西安鄠邑审核流程测试机械有限公司${stamp}`,
  creditCode: withCheckChar(`91610118MA6T${digits}`),
  phone: `139${String(stamp).slice(-8)}`,
  contactEmail: `hr-${stamp}@review-flow.cn`,
  adminEmail: `admin-${stamp}@review-flow.cn`,
  password: `Review-Flow-${digits}!`,
};
const rejectReason = "营业执照扫描件不清晰，请重新核对机构全称与信用代码后再提交。";

async function reviewerOpens(page: Page, name: string) {
  await page.goto("/admin");
  await expectAccessible(page);
  await page.getByRole("link", { name: "进入机构审核" }).click();
  await expect(page).toHaveURL(/\/admin\/organizations$/);
  await expect(page.getByLabel("审核状态")).toHaveValue("pending");
  await page.getByLabel("机构名称或信用代码").fill(name);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=pending/);
  await expect(page).toHaveURL(/q=/);
  await expectAccessible(page);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expectAccessible(page);
}

test("an enterprise registers, is rejected with a reason, corrects and resubmits, is verified and then has a public page", async ({
  page,
  browser,
}) => {
  // Four people, five sign-ins and a dozen pages checked by axe (slow on a busy machine): longer than one page's test.
  test.setTimeout(600_000);
  // 1. Registration.
  await page.goto("/register");
  await expectAccessible(page);
  await page.getByLabel("机构全称").fill(enterprise.name);
  await page.getByLabel("统一社会信用代码").fill(enterprise.creditCode);
  await page.getByLabel("所属产业").selectOption({ label: "三大主导产业 · 装备制造" });
  await page.getByLabel("所在街道或园区").selectOption({ label: "沣京工业园" });
  await page.getByLabel("联系人", { exact: true }).fill("审核测试联系人");
  await page.getByLabel("联系人手机").fill(enterprise.phone);
  await page.getByLabel("联系邮箱").fill(enterprise.contactEmail);
  await page.getByLabel("职工总数（人）").fill("260");
  await page.getByLabel("姓名").fill("审核测试管理员");
  await page.getByLabel("登录邮箱").fill(enterprise.adminEmail);
  await page.getByLabel("密码", { exact: true }).fill(enterprise.password);
  await page.getByLabel("再次输入密码").fill(enterprise.password);
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "提交注册" }).click();
  await page.waitForURL(/\/org\?registered=1/);
  await expect(page.getByRole("status")).toContainText("注册成功");
  await expect(page.getByRole("heading", { name: /审核状态/ })).toContainText("待审核");
  await expectAccessible(page);
  await logout(page);

  // 2. The reviewer finds it in the queue and rejects it with a reason.
  await login(page, "reviewer@cjt-demo.cn");
  await reviewerOpens(page, enterprise.name);
  const orgId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByText(enterprise.adminEmail)).toBeVisible();
  await expect(page.getByText(enterprise.phone)).toBeVisible();
  // A pending organisation can be verified or rejected, not suspended or reinstated.
  await expect(page.getByRole("button", { name: "暂停" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "恢复" })).toHaveCount(0);
  // Rejecting without a reason is refused in Chinese.
  await page.getByRole("button", { name: "驳回" }).click();
  await expect(page.getByText("驳回或暂停时必须填写原因")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("驳回原因").fill(rejectReason);
  await page.getByRole("button", { name: "驳回" }).click();
  await expect(page.getByRole("status")).toContainText("已驳回");
  await expect(page.getByRole("heading", { name: /审核状态/ })).toContainText("未通过审核");
  await expectAccessible(page);
  await logout(page);

  // Not verified: no public page.
  const anonymousBefore = await page.goto(`/orgs/${orgId}`);
  expect(anonymousBefore?.status()).toBe(404);

  // 3. The enterprise administrator reads the reason, corrects the profile and resubmits.
  await login(page, enterprise.adminEmail, enterprise.password);
  await page.goto("/org");
  await expect(page.getByRole("heading", { name: /审核状态/ })).toContainText("未通过审核");
  await expect(page.getByTestId("review-note")).toContainText(rejectReason);
  await expectAccessible(page);
  await page.getByRole("link", { name: "按意见修改并重新提交" }).click();
  await expect(page).toHaveURL(/\/org\/edit$/);
  await expect(page.getByLabel("机构类型")).toBeDisabled();
  await expect(page.getByLabel("机构全称")).toHaveValue(enterprise.name);
  await expectAccessible(page);
  await page.getByLabel("机构简介").fill("专业生产数控车床，已重新上传清晰的营业执照扫描件。");
  // Another organisation's name is refused on the field, in Chinese, keeping what was typed.
  await page.getByLabel("机构全称").fill("陕西国防工业职业技术学院");
  await page.getByRole("button", { name: "修改并重新提交审核" }).click();
  await expect(page.getByText("已有同名机构注册")).toBeVisible();
  await expect(page.getByLabel("机构简介")).toHaveValue("专业生产数控车床，已重新上传清晰的营业执照扫描件。");
  await expectAccessible(page);
  await page.getByLabel("机构全称").fill(enterprise.name);
  await page.getByRole("button", { name: "修改并重新提交审核" }).click();
  await page.waitForURL(/\/org\?resubmitted=1/);
  await expect(page.getByRole("status")).toContainText("重新提交审核");
  await expect(page.getByRole("heading", { name: /审核状态/ })).toContainText("待审核");
  await expectAccessible(page);
  await logout(page);

  // 4. Back in the reviewer's queue, with its history; the reviewer verifies it.
  await login(page, "reviewer@cjt-demo.cn");
  await reviewerOpens(page, enterprise.name);
  const history = page.getByRole("region", { name: "审核记录" });
  await expect(history.getByRole("row", { name: /驳回/ })).toContainText(rejectReason);
  await expect(history.getByRole("row", { name: /修改后重新提交审核/ })).toBeVisible();
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByRole("status")).toContainText("已审核通过");
  await expect(page.getByRole("heading", { name: /审核状态/ })).toContainText("已核验");
  await expect(page.getByRole("button", { name: "暂停" })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // 5. The public page: anonymous visitors see the profile but not the contact details.
  const anonymous = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.33.11.8" } });
  const visitor = await anonymous.newPage();
  await visitor.goto(`/orgs/${orgId}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(enterprise.name);
  await expect(visitor.getByText("装备制造")).toBeVisible();
  await expect(visitor.getByText("260 人")).toBeVisible();
  await expect(visitor.getByText("已重新上传清晰的营业执照扫描件")).toBeVisible();
  await expect(visitor.getByText("登录后可查看联系方式")).toBeVisible();
  expect(await visitor.content()).not.toContain(enterprise.phone);
  expect(await visitor.content()).not.toContain(enterprise.contactEmail);
  await expectAccessible(visitor);
  await anonymous.close();

  // ...a signed-in user of a verified organisation sees them.
  await login(page, "zhijiao@cjt-demo.cn");
  await page.goto(`/orgs/${orgId}`);
  await expect(page.getByRole("link", { name: enterprise.phone })).toBeVisible();
  await expect(page.getByRole("link", { name: enterprise.contactEmail })).toBeVisible();
  await expect(page.getByText("登录后可查看联系方式")).toHaveCount(0);
  await expectAccessible(page);
});

test("unknown or malformed organisation ids are answered with 404", async ({ page }) => {
  for (const path of ["/orgs/not-a-uuid", "/orgs/00000000-0000-4000-8000-000000000000", "/orgs/%27%3B--"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  }
  await expectAccessible(page);
  await login(page, "reviewer@cjt-demo.cn");
  const response = await page.goto("/admin/organizations/not-a-uuid");
  expect(response?.status()).toBe(404);
});

test("an organisation member who is not its administrator gets a 403 page for the profile editor", async ({ page }) => {
  await login(page, "qinling.hr@cjt-demo.cn");
  await page.goto("/org");
  await expect(page.getByRole("link", { name: "编辑机构资料" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "成员管理" })).toBeVisible();
  await expectAccessible(page);
  const response = await page.goto("/org/edit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有权限访问");
  await expect(page.getByText("只有本机构管理员可以执行此操作")).toBeVisible();
  await expectAccessible(page);
});

test("the review queue sends anonymous visitors to sign in and refuses organisation users", async ({ page }) => {
  await page.goto("/admin/organizations");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Forganizations/);

  await login(page, "qinling@cjt-demo.cn");
  const response = await page.goto("/admin/organizations");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有权限访问");
  await expectAccessible(page);
  expect((await page.goto("/admin"))?.status()).toBe(403);
});
