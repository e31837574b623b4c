import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, inDays, login, signedIn } from "./support.ts";

// Publishing listings: the five kinds, drafted and submitted in the browser by the organisation that may publish
// them, reviewed by a platform reviewer, then shown to the public. Every listing gets a unique title.

const stamp = Date.now();

// A lifecycle spans several users and many pages; give each test room on a busy machine.
test.describe.configure({ timeout: 180_000 });

/** The row of a listing in the table of /listings. */
function rowOf(page: Page, title: string): Locator {
  return page.locator("tr", { has: page.getByRole("rowheader", { name: title, exact: true }) });
}

async function listingId(page: Page, title: string): Promise<string> {
  await page.goto("/listings");
  const id = await rowOf(page, title).getAttribute("data-listing-id");
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

async function fillCommon(page: Page, title: string, description: string, contactName = "联络员") {
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByLabel("描述", { exact: true }).fill(description);
  await page.getByLabel("所属产业").selectOption("equipment_manufacturing");
  await page.getByLabel("相关专业").fill("数控技术、机电一体化技术");
  await page.getByLabel("技能要求").fill("数控编程、CAD 制图");
  await page.getByLabel("地点", { exact: true }).selectOption("fengjing_park");
  await page.getByLabel("有效期至").fill(inDays(60));
  // Prefilled from the organisation (the demo organisations have a contact person but no phone number).
  await expect(page.getByLabel("联系人", { exact: true })).toHaveValue(contactName);
  await page.getByLabel("联系电话").fill("029-84812345");
  await page.getByLabel("联系邮箱").fill("hr@qinling-demo.cn");
}

interface KindCase {
  kind: "internship" | "order_training" | "training_package" | "cooperation" | "research_result";
  label: string;
  owner: string;
  orgName: string;
  title: string;
  fill(page: Page): Promise<void>;
  /** Text the public page shows for the kind's details. */
  shows: string[];
}

const cases: KindCase[] = [
  {
    kind: "internship",
    label: "实习岗位",
    owner: "qinling@cjt-demo.cn",
    orgName: "西安秦岭精工数控机床有限公司",
    title: `数控车床操作实习生 ${stamp}`,
    async fill(page) {
      await page.getByLabel("招收人数（人）").fill("3");
      await page.getByLabel("实习开始日期").fill(inDays(30));
      await page.getByLabel("实习结束日期").fill(inDays(120));
      await page.getByLabel("每周实习时长（小时）").fill("40");
      await page.getByLabel("实习报酬（元/月）").fill("3200");
      await page.getByLabel("为实习生购买实习责任保险").check();
      await page.getByLabel("住宿", { exact: true }).selectOption({ label: "免费提供" });
      await page.getByLabel("就餐", { exact: true }).selectOption({ label: "提供补贴" });
      await page.getByLabel("安排企业指导教师（师傅带徒）").check();
    },
    shows: ["3 人", "3,200 元/月", "40 小时/周", "免费提供", "提供补贴"],
  },
  {
    kind: "order_training",
    label: "订单培养需求",
    owner: "qinling@cjt-demo.cn",
    orgName: "西安秦岭精工数控机床有限公司",
    title: `数控技术订单班 ${stamp}`,
    async fill(page) {
      await page.getByLabel("培养专业").fill("数控技术");
      await page.getByLabel("培养人数（人）").fill("40");
      await page.getByLabel("入学年级（年）").fill("2026");
      await page.getByLabel("培养周期").fill("3 年（2 年在校 + 1 年在企）");
      await page.getByLabel("毕业考核合格后安排就业").check();
      await page.getByLabel("企业奖学金（元/人·年）").fill("2000");
      await page.getByLabel("企业实践教学占比（%）").fill("50");
    },
    shows: ["40 人", "2026 级", "2,000 元/人·年", "50%"],
  },
  {
    kind: "training_package",
    label: "培训包",
    owner: "peixun@cjt-demo.cn",
    orgName: "鄠邑区技能提升培训学校",
    title: `数控编程技能提升培训包 ${stamp}`,
    async fill(page) {
      await page.getByLabel("课程", { exact: true }).fill("数控编程基础 32\n数控车床实操：48学时");
      await page.getByLabel("培训方式").selectOption({ label: "线上线下混合" });
      await page.getByLabel("价格（元/人）").fill("800");
      await page.getByLabel("面向对象").fill("企业在岗职工、转岗人员");
      await page.getByLabel("每期名额（人）").fill("30");
      await page.getByLabel("开班安排").fill("每月第一周开班，周末授课");
    },
    shows: ["线上线下混合", "数控编程基础（32 学时）", "数控车床实操（48 学时）", "80 学时", "800 元/人", "30 人"],
  },
  {
    kind: "cooperation",
    label: "合作需求",
    owner: "qinling@cjt-demo.cn",
    orgName: "西安秦岭精工数控机床有限公司",
    title: `共建数控实训基地 ${stamp}`,
    async fill(page) {
      await page.getByLabel("合作类型").selectOption({ label: "现代学徒制·企业新型学徒制" });
      await page.getByLabel("预算下限（万元）").fill("50");
      await page.getByLabel("预算上限（万元）").fill("120");
      await page.getByLabel("合作期限（月）").fill("36");
    },
    shows: ["现代学徒制·企业新型学徒制", "50–120 万元", "36 个月"],
  },
  {
    kind: "research_result",
    label: "科技成果",
    owner: "sxgfxy@cjt-demo.cn",
    orgName: "陕西国防工业职业技术学院",
    title: `高精度数控转台技术 ${stamp}`,
    async fill(page) {
      await page.getByLabel("技术领域").fill("精密传动");
      await page.getByLabel("成熟度").selectOption({ label: "中试阶段" });
      await page.getByLabel("转化方式").selectOption({ label: "许可" });
      await page.getByLabel("相关专利").fill("ZL202110000001.X、ZL202110000002.X");
    },
    shows: ["精密传动", "中试阶段", "许可", "ZL202110000001.X"],
  },
];

const description = (c: KindCase) => `${c.label}测试：面向鄠邑区院校学生和企业。\n\n第二段：具体要求见下方 <b>不是标签</b>。`;

/** Drafts a listing through the form and returns its id. */
async function draft(page: Page, c: KindCase): Promise<string> {
  await page.goto("/listings");
  await page.getByRole("link", { name: `发布${c.label}` }).click();
  await expect(page).toHaveURL(new RegExp(`/listings/new\\?kind=${c.kind}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`发布${c.label}`);
  await fillCommon(page, c.title, description(c));
  await c.fill(page);
  await page.getByRole("button", { name: "保存草稿" }).click();
  await page.waitForURL(/\/listings\?notice=draft$/);
  await expect(page.getByRole("status")).toContainText("草稿已保存");
  await expect(rowOf(page, c.title)).toContainText("草稿");
  return listingId(page, c.title);
}

async function openEdit(page: Page, id: string) {
  await page.goto(`/listings/${id}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^编辑/);
}

async function review(browser: Browser, id: string, decision: { approve: true } | { reject: string }) {
  const reviewer = await signedIn(browser, "reviewer@cjt-demo.cn");
  await reviewer.goto(`/admin/listings/${id}`);
  if ("reject" in decision) {
    await reviewer.getByLabel("驳回原因").fill(decision.reject);
    await reviewer.getByRole("button", { name: "驳回", exact: true }).click();
    await expect(reviewer.getByRole("status")).toContainText("已驳回");
  } else {
    await reviewer.getByRole("button", { name: "通过发布", exact: true }).click();
    await expect(reviewer.getByRole("status")).toContainText("已通过");
  }
  await reviewer.context().close();
}

/** What an anonymous visitor gets for a listing's public page. */
async function anonymous(browser: Browser, id: string) {
  const context = await browser.newContext();
  const response = await context.request.get(new URL(`/l/${id}`, test.info().project.use.baseURL).toString());
  const html = await response.text();
  await context.close();
  return { status: response.status(), html, csp: response.headers()["content-security-policy"] ?? "" };
}

for (const c of cases) {
  test(`${c.label}: ${c.owner} drafts, submits, edits in review, and after review it is public without contacts for anonymous visitors`, async ({
    page,
    browser,
  }) => {
    await login(page, c.owner);
    const id = await draft(page, c);

    // Submit from the edit page.
    await openEdit(page, id);
    await expect(page.getByText("当前状态：草稿")).toBeVisible();
    await page.getByRole("button", { name: "提交审核" }).click();
    await page.waitForURL(/\/listings\?notice=submitted$/);
    await expect(rowOf(page, c.title)).toContainText("待审核");
    await expect((await anonymous(browser, id)).status).toBe(404);

    // Edited while in review: it stays in review with the new content.
    const revised = `${c.title}（修订）`;
    await openEdit(page, id);
    await expect(page.getByText("信息正在审核中")).toBeVisible();
    await expect(page.getByLabel("标题", { exact: true })).toHaveValue(c.title);
    await page.getByLabel("标题", { exact: true }).fill(revised);
    await page.getByRole("button", { name: "保存修改" }).click();
    await page.waitForURL(/\/listings\?notice=submitted$/);
    await expect(rowOf(page, revised)).toContainText("待审核");

    await review(browser, id, { approve: true });
    await page.goto("/listings?status=published");
    const row = rowOf(page, revised);
    await expect(row).toContainText("已发布");
    await row.getByRole("link", { name: /^公开页面/ }).click();

    await expect(page).toHaveURL(new RegExp(`/l/${id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(revised);
    const main = page.getByRole("main");
    for (const text of c.shows) await expect(main).toContainText(text);
    // The description as paragraphs, as plain text.
    await expect(main.getByText("第二段：具体要求见下方 <b>不是标签</b>。")).toBeVisible();
    await expect(main.getByRole("link", { name: c.orgName })).toHaveAttribute("href", /^\/orgs\/[0-9a-f-]{36}$/);
    // A signed-in user of a verified organisation sees the contacts.
    await expect(main).toContainText("029-84812345");
    await expectAccessible(page);

    const visitor = await anonymous(browser, id);
    expect(visitor.status).toBe(200);
    expect(visitor.html).toContain(revised);
    expect(visitor.html).toContain("登录并通过机构核验后可查看联系方式");
    expect(visitor.html).not.toContain("84812345");
    expect(visitor.html).not.toContain("hr@qinling-demo.cn");
    expect(visitor.html).toContain(`<meta property="og:title" content="${revised}"/>`);
  });
}

test("an internship's public page carries JobPosting JSON-LD with the CSP nonce, and counts towards the 2% indicator", async ({ page, browser }) => {
  const c = { ...cases[0], title: `焊接工艺实习生 ${stamp}` };
  await login(page, c.owner);
  await page.goto("/dashboard");
  const indicator = page.getByTestId("internship-indicator");
  await expect(indicator).toContainText("实习岗位指标");
  await expect(indicator).toContainText("按职工总数 2% 应安排 9 人");
  const before = Number(/已发布 (\d+) 个岗位/.exec((await indicator.textContent()) ?? "")?.[1]);
  expect(before).toBeGreaterThanOrEqual(0);
  await expectAccessible(page);

  const id = await draft(page, c);
  await openEdit(page, id);
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/\/listings\?notice=submitted$/);
  await review(browser, id, { approve: true });

  await page.goto("/dashboard");
  await expect(indicator).toContainText(`已发布 ${before + 3} 个岗位`);

  const { html, csp } = await anonymous(browser, id);
  const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  const match = /<script type="application\/ld\+json" nonce="([^"]+)">(.*?)<\/script>/s.exec(html);
  expect(match?.[1]).toBe(nonce);
  // "<" from the description never reaches the HTML raw inside the script.
  expect(match?.[2]).not.toContain("<");
  expect(JSON.parse(match![2])).toMatchObject({
    "@type": "JobPosting",
    title: c.title,
    employmentType: "INTERN",
    validThrough: inDays(60),
    hiringOrganization: { name: "西安秦岭精工数控机床有限公司" },
    jobLocation: { address: { addressLocality: "沣京工业园", addressRegion: "陕西省西安市鄠邑区" } },
    baseSalary: { currency: "CNY", value: { value: 3200, unitText: "MONTH" } },
  });
  expect(html).toMatch(/<meta name="description" content="实习岗位测试：面向鄠邑区院校学生和企业。/);
  // The page hydrates without CSP or script errors.
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`/l/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.title);
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
  expect(html).toContain('<meta property="og:type" content="article"/>');

  // Changing only the valid-until date keeps it published; changing the content sends it back to review.
  await openEdit(page, id);
  await expect(page.getByText("修改已发布的信息后会重新进入审核")).toBeVisible();
  await page.getByLabel("有效期至").fill(inDays(90));
  await page.getByRole("button", { name: "保存修改" }).click();
  await page.waitForURL(/\/listings\?notice=published$/);
  await expect(rowOf(page, c.title)).toContainText("已发布");
  await openEdit(page, id);
  await page.getByLabel("实习报酬（元/月）").fill("3600");
  await page.getByRole("button", { name: "保存修改" }).click();
  await page.waitForURL(/\/listings\?notice=submitted$/);
  expect((await anonymous(browser, id)).status).toBe(404);

  // Closing it: filled.
  await openEdit(page, id);
  await page.getByLabel("关闭原因").selectOption({ label: "已招满" });
  await page.getByRole("button", { name: "关闭信息" }).click();
  await page.waitForURL(/\/listings\?notice=closed$/);
  await expect(rowOf(page, c.title)).toContainText("已关闭（已招满）");
  await openEdit(page, id);
  await expect(page.getByText("信息已关闭（已招满），不能再修改")).toBeVisible();
  await expect(page.getByRole("button", { name: "保存修改" })).toHaveCount(0);
});

test("a rejected listing shows the reviewer's reason to its publisher, who corrects and resubmits it", async ({ page, browser }) => {
  const c = { ...cases[1], title: `机电一体化订单班 ${stamp}` };
  await login(page, c.owner);
  const id = await draft(page, c);
  await openEdit(page, id);
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/\/listings\?notice=submitted$/);
  await review(browser, id, { reject: "请写明订单班的企业实践安排和就业岗位。" });

  await page.goto("/listings?status=rejected");
  const row = rowOf(page, c.title);
  await expect(row).toContainText("未通过");
  await expect(row).toContainText("审核意见：请写明订单班的企业实践安排和就业岗位。");
  await expectAccessible(page);
  await row.getByRole("link", { name: /^编辑/ }).click();
  await expect(page.getByTestId("review-note")).toContainText("请写明订单班的企业实践安排和就业岗位。");
  await expectAccessible(page);
  await page.getByLabel("描述", { exact: true }).fill("第二学年起每周两天在企业数控车间实践，毕业后安排数控操作岗位。");
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/\/listings\?notice=submitted$/);
  await expect(rowOf(page, c.title)).toContainText("待审核");
});

test("a vocational school has no button for internships, and opening the internship form is refused clearly", async ({ page }) => {
  await login(page, "sxgfxy@cjt-demo.cn");
  await page.goto("/listings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的发布");
  const create = page.getByRole("region", { name: "新建发布" });
  await expect(create.getByRole("link", { name: "发布培训包" })).toBeVisible();
  await expect(create.getByRole("link", { name: "发布合作需求" })).toBeVisible();
  await expect(create.getByRole("link", { name: "发布科技成果" })).toBeVisible();
  await expect(create.getByRole("link", { name: "发布实习岗位" })).toHaveCount(0);
  await expect(create.getByRole("link", { name: "发布订单培养需求" })).toHaveCount(0);
  await expectAccessible(page);

  const response = await page.goto("/listings/new?kind=internship");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有权限访问");
  await expect(page.getByRole("main")).toContainText("职业院校不能发布“实习岗位”");
  expect((await page.goto("/listings/new?kind=nonsense"))?.status()).toBe(404);
});

test("bad input gets Chinese messages and keeps everything typed", async ({ page }) => {
  const title = `模具钳工实习生 ${stamp}`;
  await login(page, "qinling@cjt-demo.cn");
  await page.goto("/listings/new?kind=internship");
  await fillCommon(page, title, "在模具车间跟岗实习，学习模具装配与钳工。");
  await cases[0].fill(page);
  await page.getByLabel("实习报酬（元/月）").fill("");
  await page.getByLabel("实习开始日期").fill(inDays(60));
  await page.getByLabel("实习结束日期").fill(inDays(30));
  await page.getByLabel("有效期至").fill(inDays(-1));

  await page.getByRole("button", { name: "提交审核" }).click();
  // Every error shows at the first submit, the dates' order beside the missing pay.
  await expect(page.getByRole("alert")).toContainText("表单有 2 处需要修改");
  await expect(page.locator("#field-monthlyPay-error")).toHaveText("此项必填，请填写。");
  await expect(page.locator("#field-endDate-error")).toHaveText("结束日期不能早于开始日期。");
  await expect(page.getByLabel("实习报酬（元/月）")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("实习报酬（元/月）").fill("0");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.locator("#field-monthlyPay-error")).toHaveText("至少为 1。");

  await page.getByLabel("实习报酬（元/月）").fill("2800");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.locator("#field-endDate-error")).toHaveText("结束日期不能早于开始日期。");

  await page.getByLabel("实习结束日期").fill(inDays(150));
  await page.getByRole("button", { name: "提交审核" }).click();
  // The server checks the date against today and answers with the values typed.
  await expect(page.locator("#field-validUntil-error")).toHaveText("有效期须晚于今天。");
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("实习报酬（元/月）")).toHaveValue("2800");
  await expect(page.getByLabel("住宿", { exact: true })).toHaveValue("provided");
  await expect(page.getByLabel("为实习生购买实习责任保险")).toBeChecked();
  await expect(page.getByLabel("联系电话")).toHaveValue("029-84812345");
  await expectAccessible(page);

  await page.getByLabel("有效期至").fill(inDays(800));
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.locator("#field-validUntil-error")).toHaveText("有效期最长两年，请缩短。");
});

test("without JavaScript the server gives the same messages and keeps the values", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, "qinling@cjt-demo.cn");
  await page.goto("/listings/new?kind=internship");
  const title = `无脚本实习岗位 ${stamp}`;
  await fillCommon(page, title, "在装配车间跟岗实习，学习整机装配。");
  await cases[0].fill(page);
  await page.getByLabel("实习报酬（元/月）").fill("");
  await page.getByLabel("每周实习时长（小时）").fill("45");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("alert")).toContainText("表单有 2 处需要修改");
  await expect(page.locator("#field-monthlyPay-error")).toHaveText("此项必填，请填写。");
  await expect(page.locator("#field-hoursPerWeek-error")).toHaveText("每周实习时长最多 44 小时，请核对。");
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("就餐", { exact: true })).toHaveValue("subsidised");
  await expect(page.getByLabel("安排企业指导教师（师傅带徒）")).toBeChecked();
  await context.close();
});

test("a member of the same enterprise may edit its listing; another organisation and anonymous visitors get 404", async ({ page, browser }) => {
  const c = { ...cases[3], title: `共建智能制造实训室 ${stamp}` };
  await login(page, c.owner);
  const id = await draft(page, c);
  await openEdit(page, id);
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/\/listings\?notice=submitted$/);

  const member = await signedIn(browser, "qinling.hr@cjt-demo.cn");
  await member.goto(`/listings/${id}/edit`);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("编辑合作需求");
  await expect(member.getByLabel("标题", { exact: true })).toHaveValue(c.title);
  await expect(member.getByText("当前状态：待审核")).toBeVisible();
  await expectAccessible(member);
  await member.context().close();

  const school = await signedIn(browser, "sxgfxy@cjt-demo.cn");
  const foreign = await school.goto(`/listings/${id}/edit`);
  expect(foreign?.status()).toBe(404);
  await expect(school.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  await expect(school.getByRole("main")).not.toContainText(c.title);
  // Nor can it change or close it.
  const post = await school.request.post(`/listings/${id}/edit`, {
    form: { intent: "close", reason: "withdrawn" },
    headers: { Origin: new URL(school.url()).origin },
  });
  expect(post.status()).toBe(404);
  await school.context().close();

  const visitor = await anonymous(browser, id);
  expect(visitor.status).toBe(404);
  expect(visitor.html).not.toContain(c.title);
  expect((await anonymous(browser, "not-a-uuid")).status).toBe(404);
  expect((await anonymous(browser, "00000000-0000-4000-8000-000000000000")).status).toBe(404);

  // Still in review for its owner.
  await page.goto(`/listings?status=submitted&kind=cooperation`);
  await expect(rowOf(page, c.title)).toContainText("待审核");
  await expect(page.getByLabel("状态", { exact: true })).toHaveValue("submitted");
  await expect(page.getByLabel("类别", { exact: true })).toHaveValue("cooperation");
  await page.goto(`/listings?status=draft&kind=cooperation`);
  await expect(rowOf(page, c.title)).toHaveCount(0);
});

test("the forms pass axe for every kind and fit a 375 px phone", async ({ browser }) => {
  const pages: Record<string, Page> = {};
  for (const c of cases) {
    pages[c.owner] ??= await signedIn(browser, c.owner);
    const page = pages[c.owner];
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/listings/new?kind=${c.kind}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`发布${c.label}`);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  }
  const page = pages["qinling@cjt-demo.cn"];
  await page.goto("/listings");
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  for (const p of Object.values(pages)) await p.context().close();
});

test("the navigation links to 我的发布 for organisation users", async ({ page }) => {
  await login(page, "peixun@cjt-demo.cn");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "发布信息" }).click();
  await expect(page).toHaveURL(/\/listings$/);
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "管理本机构发布的信息" })).toBeVisible();
  // The 2% indicator is for enterprises only.
  await expect(page.getByTestId("internship-indicator")).toHaveCount(0);
});

test("a newly registered (pending) organisation may save drafts but not submit them", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("机构类型").selectOption({ label: "园区管委会" });
  await page.getByLabel("机构全称").fill(`鄠邑测试产业园管委会${stamp}`);
  await page.getByLabel("联系人", { exact: true }).fill("李主任");
  await page.getByLabel("联系人手机").fill("13812345678");
  await page.getByLabel("联系邮箱").fill(`park${stamp}@test-park.cn`);
  await page.getByLabel("姓名").fill("李主任");
  await page.getByLabel("登录邮箱").fill(`park${stamp}@test-park.cn`);
  await page.getByLabel("密码", { exact: true }).fill("Park-2026-ok!");
  await page.getByLabel("再次输入密码").fill("Park-2026-ok!");
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "提交注册" }).click();
  await page.waitForURL(/\/org\?registered=1/);

  await page.goto("/listings");
  await expect(page.getByRole("note")).toContainText("机构通过核验前，可以先保存草稿，但暂不能提交审核");
  // A park committee publishes cooperation needs only.
  await expect(page.getByRole("region", { name: "新建发布" }).getByRole("link")).toHaveText(["发布合作需求"]);
  await page.getByRole("link", { name: "发布合作需求" }).click();
  const title = `园区校企合作对接 ${stamp}`;
  await fillCommon(page, title, "组织园区企业与院校开展校企合作对接活动。", "李主任");
  await page.getByLabel("合作类型").selectOption({ label: "人员交流挂职" });
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("alert")).toContainText("机构通过平台核验后才能提交审核");
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("合作类型")).toHaveValue("staff_exchange");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await page.waitForURL(/\/listings\?notice=draft$/);
  await expect(rowOf(page, title)).toContainText("草稿");
});

// Not yet covered here: expiry of published listings (the scheduler's expireListings; an expired listing's edit
// page and renewal by extending its date), and published listings on the organisation page /orgs/<id> and in search,
// which belong to other specs. The reviewer's own pages are exercised here only as far as the lifecycle needs them.
