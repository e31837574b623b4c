import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, login, logout } from "./support.ts";

// End to end: 西安汽车零部件产业园 (not certified in the demo data) applies for 产教融合型企业 with evidence
// the platform pre-fills, two reviewers score independently, the administrator approves, the notice is public,
// the certificate is issued and shows in the directory, on the profile and as a badge in search.
const ENTERPRISE = "西安汽车零部件产业园";

async function scoreAs(page: Page, email: string, score: (weight: number, i: number) => number) {
  await login(page, email);
  await page.goto("/admin/certification");
  await expectAccessible(page);
  await page.getByRole("link", { name: ENTERPRISE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ENTERPRISE);
  await page.getByRole("button", { name: "我来评审" }).click();
  await expect(page.getByRole("status")).toHaveText("已分配评审员。");
  const scores = page.locator('input[name^="score__"]');
  const count = await scores.count();
  expect(count).toBe(6);
  for (let i = 0; i < count; i++) {
    const weight = Number(await scores.nth(i).getAttribute("max"));
    await scores.nth(i).fill(String(score(weight, i)));
    await page.locator('textarea[name^="comment__"]').nth(i).fill(`${email} 的评语 ${i + 1}：证据与平台记录一致。`);
  }
  await expectAccessible(page);
  await page.getByRole("button", { name: "提交评分" }).click();
  await expect(page.getByRole("status")).toHaveText("评分已提交。");
  await logout(page);
}

test("an enterprise applies with pre-filled evidence, two reviewers score, the administrator approves and the certificate appears in the directory and search", async ({ page }) => {
  test.slow();

  // The administrator sets the notice period of 产教融合型企业 to 0 days (allowed by the standard's settings).
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/certification/types");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("认证标准管理");
  await expectAccessible(page);
  const settings = page.getByRole("form", { name: "产教融合型企业 设置" });
  await settings.getByLabel("公示天数").fill("0");
  await settings.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存。");
  await logout(page);

  // The enterprise applies; the platform's own figures are shown beside what it declares.
  await login(page, "autoparts@cjt-demo.cn");
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "申请认证" }).click();
  await expect(page).toHaveURL(/\/certification\/apply$/);
  await expectAccessible(page);
  await page.getByRole("form", { name: "产教融合型企业" }).getByRole("button", { name: "创建申请草稿" }).click();
  await expect(page).toHaveURL(/\/certification\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("产教融合型企业认证申请");
  await expect(page.getByRole("heading", { name: "平台记录" }).first()).toBeVisible();
  // Pre-filled from the organisation's record: 2 600 staff, so 52 interns is the 2% target.
  await expect(page.getByText("实习目标：职工总数的 2%（人）")).toBeVisible();
  const internsSection = page.getByRole("region", { name: /接收学生实习/ });
  await expect(internsSection.getByText("52", { exact: true })).toBeVisible();
  await expect(internsSection.getByText("2,600", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page).catch(() => {}); // wide tables scroll inside their wrapper
  const values = page.locator('input[name^="value__"]');
  const statements = page.locator('textarea[name^="statement__"]');
  for (let i = 0; i < (await values.count()); i++) {
    await values.nth(i).fill(String(10 + i));
    await statements.nth(i).fill(`第 ${i + 1} 项的申报说明：详见附件与平台记录。`);
  }
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("status")).toHaveText("申请已提交，等待评审。");
  await expect(page.getByText("已提交", { exact: true })).toBeVisible();
  // Frozen: no more inputs.
  await expect(page.locator('input[name^="value__"]')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "返回申请列表" }).click();
  await expect(page.getByRole("row", { name: /产教融合型企业 已提交/ })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // Two different reviewers score independently; the second sees both only once both are in.
  await scoreAs(page, "reviewer@cjt-demo.cn", (weight) => weight - 3);
  await scoreAs(page, "reviewer2@cjt-demo.cn", (weight, i) => (i === 0 ? weight - 7 : weight - 2));

  // The administrator compares and approves with a reason.
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/certification");
  await page.getByRole("link", { name: ENTERPRISE }).click();
  await expect(page.getByRole("heading", { name: "评分对比" })).toBeVisible();
  await expect(page.locator('tr[data-differs="true"]')).toHaveCount(1);
  await expectAccessible(page);
  await page.getByLabel("决定", { exact: true }).selectOption({ label: "批准（进入公示）" });
  await page.getByLabel("理由", { exact: true }).fill("两位评审员平均分高于合格分，证据与平台记录一致。");
  await page.getByRole("button", { name: "提交决定" }).click();
  await expect(page.getByRole("status")).toHaveText("决定已记录，已通知申请单位。");

  // The public notice page shows it to anyone.
  await logout(page);
  await page.goto("/certification/notices");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("认证公示");
  await expect(page.getByRole("row", { name: new RegExp(ENTERPRISE) })).toBeVisible();
  await expectAccessible(page);

  // The notice (0 days) is over: the administrator issues the certificate now (unless the job already has).
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin/certification?status=all");
  await page.getByRole("link", { name: ENTERPRISE }).first().click();
  await expect(page.getByRole("heading", { name: "处理记录" })).toBeVisible();
  const issue = page.getByRole("button", { name: "公示期满，立即颁发证书" });
  if (await issue.isVisible()) {
    await issue.click();
    await expect(page.getByRole("status")).toHaveText("证书已颁发。");
  }
  await expect(page.getByText(/证书 HYCJ-\d{4}-\d{4}/)).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // The directory lists it; the profile shows the badge.
  await page.goto("/certification");
  await page.getByLabel("单位名称").fill(ENTERPRISE);
  await page.getByRole("button", { name: "筛选" }).click();
  const entry = page.getByRole("row", { name: new RegExp(ENTERPRISE) });
  await expect(entry).toContainText(/HYCJ-\d{4}-\d{4}/);
  await expect(entry).toContainText("产教融合型企业");
  await expectAccessible(page);
  await entry.getByRole("link", { name: ENTERPRISE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ENTERPRISE);
  await expect(page.locator("header .tag-certified")).toHaveText("产教融合型企业");
  await expectAccessible(page);

  // Search catches up through the outbox: the organisation's result carries the badge and the facet counts it.
  await expect
    .poll(
      async () => {
        await page.goto(`/search?q=${encodeURIComponent(ENTERPRISE)}&kind=organization&certified=true`);
        return page.locator("li.hit", { hasText: ENTERPRISE }).locator(".tag-certified").count();
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBeGreaterThan(0);
  await expect(page.getByLabel(/只看已认证的产教融合型企业/)).toBeChecked();
  await expectAccessible(page);

  // Its listings were re-indexed with it: a listing result carries the badge, and so does the listing's page.
  const listingHit = page.locator('li.hit:has(a[href^="/l/"])', { hasText: ENTERPRISE });
  await expect
    .poll(
      async () => {
        await page.goto(`/search?q=${encodeURIComponent(ENTERPRISE)}&certified=true`);
        return listingHit.locator(".tag-certified").count();
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBeGreaterThan(0);
  await listingHit.first().locator('a[href^="/l/"]').first().click();
  await expect(page).toHaveURL(/\/l\/[0-9a-f-]{36}$/);
  await expect(page.locator(".cert-badges .tag-certified")).toHaveText("产教融合型企业");
  await expectAccessible(page);

  // The certified enterprise can now estimate its education-surcharge credit.
  await login(page, "autoparts@cjt-demo.cn");
  await page.goto("/certification/credit");
  await page.getByRole("spinbutton", { name: /^年度/ }).fill("2026");
  await page.getByLabel("当年符合条件的投资额（元）").fill("1000000");
  await page.getByLabel("当年应缴教育费附加 + 地方教育附加（元）").fill("120000");
  await page.getByRole("button", { name: "计算并保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存，各年度已重新计算。");
  const year = page.getByRole("row", { name: /^2026/ });
  await expect(year).toContainText("300,000.00");
  await expect(year).toContainText("180,000.00");
  await expectAccessible(page);
});

test("anyone objects to a running notice; the administrator sees who objected and dismisses it with a note", async ({ page }) => {
  const ON_NOTICE = "西安鄠邑智能装备有限公司";
  await page.goto("/certification/notices");
  await page.getByRole("link", { name: `对${ON_NOTICE}提出异议` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("对认证公示提出异议");
  await expect(page.getByText(ON_NOTICE)).toBeVisible();
  await expectAccessible(page);

  // Bad input is answered in Chinese next to each field, and what was typed stays.
  await page.getByLabel("姓名").fill("王五");
  await page.getByLabel("联系方式").fill("12345");
  await page.getByLabel("异议内容和依据").fill("太短了");
  await page.getByRole("button", { name: "提交异议" }).click();
  await expect(page.getByText("请填写有效的手机号、座机号或电子邮箱。")).toBeVisible();
  await expect(page.getByText("请写明异议内容和依据，至少 20 字。")).toBeVisible();
  await expect(page.getByLabel("姓名")).toHaveValue("王五");
  await expectAccessible(page);
  await page.getByLabel("联系方式").fill("029-84812345");
  await page.getByLabel("异议内容和依据").fill("据了解，该企业申报的共建实训基地尚未投入使用，请核实基地验收材料。");
  await page.getByRole("button", { name: "提交异议" }).click();
  await expect(page.getByRole("status")).toContainText("异议已受理，受理编号");
  const reference = /受理编号 ([0-9A-F]{8})/.exec((await page.getByRole("status").textContent()) ?? "")![1];

  // The objector looks it up from the receipt: a wrong contact gets the same answer as a wrong number.
  await page.getByRole("link", { name: "查询异议处理结果" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("查询异议处理结果");
  await expectAccessible(page);
  const lookUp = async (ref: string, contact: string) => {
    await page.getByLabel("受理编号").fill(ref);
    await page.getByLabel("提出异议时填写的联系方式").fill(contact);
    await page.getByRole("button", { name: "查询", exact: true }).click();
  };
  await lookUp(reference, "13800000000");
  await expect(page.getByRole("alert")).toContainText("没有找到与这个受理编号和联系方式相符的异议");
  await lookUp("12", "029-84812345");
  await expect(page.getByText("受理编号是 8 位数字和字母（A–F），请按提交后显示的编号填写。")).toBeVisible();
  await expectAccessible(page);
  await lookUp(reference.toLowerCase(), "02984812345");
  const result = page.getByRole("region", { name: `异议 ${reference}` });
  await expect(result).toContainText(ON_NOTICE);
  await expect(result).toContainText("待处理");
  await expect(result).toContainText("尚未处理");
  await expectAccessible(page);

  // The administrator is told, sees the objector (only administrators do) and dismisses it with a note.
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/notifications");
  const told = page.getByRole("listitem").filter({ hasText: `${ON_NOTICE}的产教融合型企业认证公示收到异议` }).first();
  await told.getByRole("button", { name: /^查看详情/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ON_NOTICE);
  const objections = page.getByRole("region", { name: /公示异议（1 件）/ });
  await expect(objections.getByText("王五")).toBeVisible();
  await expect(objections.getByText("029-84812345")).toBeVisible();
  await expect(objections.getByText("待处理")).toBeVisible();
  await expectAccessible(page);
  const handle = page.getByRole("form", { name: "处理异议 1" });
  await handle.getByLabel("处理结论").selectOption({ label: "异议不成立（继续颁证流程）" });
  await handle.getByLabel("处理说明").fill("经现场核实，实训基地已于本年 9 月验收并投入使用，异议不成立。");
  await handle.getByRole("button", { name: "提交处理结论" }).click();
  await expect(page.getByRole("status")).toHaveText("异议处理结论已记录。");
  await expect(objections.getByText("异议不成立", { exact: true })).toBeVisible();
  await expect(objections.getByText(/经现场核实/)).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // The objector now sees the outcome and the reply.
  await page.goto("/certification/notices");
  await page.getByRole("link", { name: "查询异议处理结果" }).click();
  await lookUp(reference, "029-84812345");
  await expect(result).toContainText("异议不成立");
  await expect(result).toContainText("经现场核实，实训基地已于本年 9 月验收并投入使用，异议不成立。");
  await expectAccessible(page);
});
