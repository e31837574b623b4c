import { expect, test } from "@playwright/test";
import { expectAccessible, inDays, login, logout } from "./support.ts";

// What the pilot walk found missing: an organisation's profile with its current listings (and search limited to
// them), the site's own particulars in the footer and on the 公示 page, set by an administrator, and the
// accessibility statement.

const QINLING = "西安秦岭精工数控机床有限公司";
const stamp = Date.now();

test.describe.configure({ timeout: 180_000 });

test("an organisation's profile lists its current listings, never a draft, and search shows all of them", async ({ page }) => {
  // 秦岭's administrator keeps a draft: it must not appear on the public profile.
  await login(page, "qinling@cjt-demo.cn");
  const draft = `公开主页不应出现的草稿 ${stamp}`;
  await page.goto("/listings/new?kind=cooperation");
  await page.getByLabel("标题", { exact: true }).fill(draft);
  await page.getByLabel("描述", { exact: true }).fill("只在本机构可见的合作需求草稿。");
  await page.getByLabel("所属产业").selectOption("equipment_manufacturing");
  await page.getByLabel("有效期至").fill(inDays(30));
  await page.getByLabel("联系电话").fill("029-84812345");
  await page.getByLabel("合作类型").selectOption({ label: "人员交流挂职" });
  await page.getByRole("button", { name: "保存草稿" }).click();
  await page.waitForURL(/\/listings\?notice=draft$/);
  await page.goto("/org");
  await page.getByRole("link", { name: "查看公开主页" }).click();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}$/);
  const orgId = /\/orgs\/([0-9a-f-]{36})/.exec(page.url())![1];
  await logout(page);

  await page.goto(`/orgs/${orgId}`);
  const listings = page.getByRole("region", { name: "正在发布的信息" });
  await expect(listings).toBeVisible();
  await expect(listings).not.toContainText(draft);
  const first = listings.locator('a[href^="/l/"]').first();
  await expect(first).toBeVisible();
  await expect(listings.getByText(/截止 \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
  await expectAccessible(page);
  const firstTitle = (await first.textContent())!;
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstTitle);

  // The search page limited to the organisation says so, and lets the visitor leave the limit.
  await page.goto(`/search?org=${orgId}`);
  await expect(page.getByRole("status").filter({ hasText: `只看 ${QINLING} 发布的信息` })).toBeVisible();
  const hits = page.locator("li.hit");
  await expect(hits.first()).toBeVisible();
  for (const meta of await page.locator("li.hit .hit-meta").allTextContents()) expect(meta).toContain(QINLING);
  await expect(page.locator("li.hit").filter({ hasText: draft })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "查看所有机构" }).click();
  await expect(page).not.toHaveURL(/org=/);
});

test("an administrator's site settings appear in the footer and on the 公示 page, and an emptied line disappears", async ({ page }) => {
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin");
  await page.getByRole("link", { name: /网站信息设置/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("网站信息设置");
  await expect(page.getByLabel("主办单位")).toHaveValue("鄠邑区教育和科技局");
  await expectAccessible(page);

  // Malformed numbers are named next to their fields, in Chinese.
  await page.getByLabel("ICP备案号").fill("ICP12345");
  await page.getByLabel("公安机关备案号").fill("61011802000123");
  await page.getByRole("button", { name: "保存网站信息" }).click();
  await expect(page.getByText("ICP备案号的格式应为“陕ICP备2026012345号”或“陕ICP备2026012345号-1”。")).toBeVisible();
  await expect(page.getByText("公安机关备案号的格式应为“陕公网安备61011802000123号”（14 位数字）。")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("承办单位").fill(`平台测试承办单位 ${stamp}`);
  await page.getByLabel("联系电话").fill("029-84810000");
  await page.getByLabel("ICP备案号").fill("陕ICP备2099000001号-1");
  await page.getByLabel("公安机关备案号").fill("陕公网安备61011899000001号");
  await page.getByLabel("网站标识码").fill("6101189999");
  await page.getByLabel("书面异议地址").fill(`鄠邑区测试路 ${stamp} 号`);
  await page.getByRole("button", { name: "保存网站信息" }).click();
  await expect(page.getByRole("status")).toHaveText("网站信息已保存。");

  const footer = page.locator("footer");
  await expect(footer).toContainText("主办单位：鄠邑区教育和科技局");
  await expect(footer).toContainText(`承办单位：平台测试承办单位 ${stamp}`);
  await expect(footer.getByRole("link", { name: "029-84810000" })).toHaveAttribute("href", "tel:029-84810000");
  await expect(footer.getByRole("link", { name: "陕ICP备2099000001号-1" })).toHaveAttribute("href", "https://beian.miit.gov.cn/");
  await expect(footer.getByRole("link", { name: "陕公网安备61011899000001号" })).toHaveAttribute(
    "href",
    "https://beian.mps.gov.cn/#/query/webSearch?code=61011899000001",
  );
  await expect(footer).toContainText("网站标识码：6101189999");

  // The 公示 page names where to object in writing: its own address, and the site's telephone.
  await page.goto("/certification/notices");
  const written = page.getByRole("region", { name: "书面反映" });
  await expect(written.getByTestId("objection-address")).toHaveText(`鄠邑区测试路 ${stamp} 号`);
  await expect(written.getByTestId("objection-phone")).toHaveText("029-84810000");
  await expect(page.getByRole("link", { name: "查询异议处理结果" })).toBeVisible();
  await expectAccessible(page);

  // Emptied again: the lines are gone, the 公示 page falls back to the general wording.
  await page.goto("/admin/settings");
  for (const label of ["承办单位", "联系电话", "ICP备案号", "公安机关备案号", "网站标识码", "书面异议地址"]) await page.getByLabel(label).fill("");
  await page.getByRole("button", { name: "保存网站信息" }).click();
  await expect(page.getByRole("status")).toHaveText("网站信息已保存。");
  await expect(footer).not.toContainText("承办单位");
  await expect(footer).not.toContainText("网站标识码");
  await expect(footer.getByRole("link", { name: /ICP备|公网安备/ })).toHaveCount(0);
  await expect(footer).toContainText("主办单位：鄠邑区教育和科技局");
  await page.goto("/certification/notices");
  await expect(page.getByRole("region", { name: "书面反映" })).toContainText("西安市鄠邑区（演示数据，非真实地址）");
  await expect(page.getByTestId("objection-phone")).toHaveCount(0);
  await logout(page);
});

test("the accessibility statement is linked from every footer, in both languages, with the site's contact", async ({ page }) => {
  await page.goto("/search");
  await page.locator("footer").getByRole("link", { name: "无障碍声明" }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("无障碍声明");
  for (const part of ["本站支持", "已知的不足", "反映使用障碍"]) await expect(page.getByRole("heading", { name: part })).toBeVisible();
  const report = page.getByRole("region", { name: "反映使用障碍" });
  await expect(report.getByRole("link", { name: "contact@cjt-demo.cn" })).toHaveAttribute("href", "mailto:contact@cjt-demo.cn");
  await expectAccessible(page);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
  await expect(page.getByRole("heading", { name: "Report a barrier" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page);
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("无障碍声明");
});
