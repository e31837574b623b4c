import fs from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { fakePdfText, minimalPdf } from "../support/agreement-files.ts";
import { expectAccessible, expectNoHorizontalScroll, inDays, signedIn } from "./support.ts";

// Responses and cooperation projects: a vocational school responds to an enterprise's order-training
// need, the enterprise is notified and accepts with a reason, a project appears for both, the enterprise uploads
// the agreement (a fake PDF is refused) and the school downloads it. Data of its own, with a unique title.

const stamp = Date.now();
const title = `数控技术订单班（对接测试 ${stamp}）`;
const ENTERPRISE = "qinling@cjt-demo.cn";
const SCHOOL = "sxgfxy@cjt-demo.cn";

test.describe.configure({ timeout: 240_000 });

/** The enterprise publishes an order-training need through the form; a reviewer approves it. */
async function publishOrderTraining(browser: Browser): Promise<string> {
  const page = await signedIn(browser, ENTERPRISE);
  await page.goto("/listings/new?kind=order_training");
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByLabel("描述", { exact: true }).fill("面向职业院校招募数控技术专业订单班合作伙伴，企业提供实训设备与奖学金。");
  await page.getByLabel("所属产业").selectOption("equipment_manufacturing");
  await page.getByLabel("相关专业").fill("数控技术");
  await page.getByLabel("有效期至").fill(inDays(60));
  await page.getByLabel("联系电话").fill("029-84812345");
  await page.getByLabel("培养专业").fill("数控技术");
  await page.getByLabel("培养人数（人）").fill("40");
  await page.getByLabel("入学年级（年）").fill("2027");
  await page.getByLabel("培养周期").fill("3 年（2 年在校 + 1 年在企）");
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/\/listings\?notice=submitted$/);
  const row = page.locator("tr", { has: page.getByRole("rowheader", { name: title, exact: true }) });
  const id = await row.getAttribute("data-listing-id");
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await page.context().close();

  const reviewer = await signedIn(browser, "reviewer@cjt-demo.cn");
  await reviewer.goto(`/admin/listings/${id}`);
  await reviewer.getByRole("button", { name: "通过发布", exact: true }).click();
  await expect(reviewer.getByRole("status")).toContainText("已通过");
  await reviewer.context().close();
  return id!;
}

test("a school responds to an order-training need, the enterprise accepts, and both work on the project and its agreement", async ({ browser }) => {
  const listingId = await publishOrderTraining(browser);

  // The enterprise sees no respond button on its own listing.
  const enterprise = await signedIn(browser, ENTERPRISE);
  await enterprise.goto(`/l/${listingId}`);
  await expect(enterprise.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(enterprise.getByRole("link", { name: "我要响应" })).toHaveCount(0);

  // The school responds.
  const school = await signedIn(browser, SCHOOL);
  await school.goto(`/l/${listingId}`);
  await expect(school.getByRole("region", { name: "我要响应" })).toContainText("对方接受后即建立合作项目");
  await expectAccessible(school);
  await school.getByRole("link", { name: "我要响应" }).click();
  await expect(school).toHaveURL(new RegExp(`/l/${listingId}/respond$`));
  await expect(school.getByRole("heading", { level: 1 })).toHaveText("响应发布信息");
  await expectAccessible(school);
  // Bad input first: Chinese messages telling how to fix it.
  await school.getByLabel("响应说明").fill("太短");
  await school.getByLabel("年级", { exact: true }).fill("1999");
  await school.getByRole("button", { name: "提交响应" }).click();
  await expect(school.getByText("响应说明至少 5 个字，请再补充一些。")).toBeVisible();
  await expect(school.getByText("年级请填写 2020–2040 之间的入学年份，例如 2027级。")).toBeVisible();
  await school.getByLabel("响应说明").fill("我院数控技术专业愿与贵公司共建订单班，按岗位标准共同培养。");
  await school.getByLabel("专业", { exact: true }).fill("数控技术");
  await school.getByLabel("学生人数（人）").fill("40");
  await school.getByLabel("年级", { exact: true }).fill("2027级");
  await school.getByRole("button", { name: "提交响应" }).click();
  await school.waitForURL(/\/responses\/[0-9a-f-]{36}\?notice=sent$/);
  const responseId = /\/responses\/([0-9a-f-]{36})/.exec(school.url())![1];
  await expect(school.getByRole("status")).toContainText("响应已提交");
  await expect(school.getByRole("main")).toContainText("2027级");
  await expect(school.getByRole("main")).toContainText("待处理");
  await expectAccessible(school);
  // Responding again while pending is not offered.
  await school.goto(`/l/${listingId}/respond`);
  await expect(school.getByRole("note")).toContainText("已对这条信息提交过响应");

  // The enterprise is notified: unread count in the navigation, the notification in the inbox.
  await enterprise.goto("/dashboard");
  const nav = enterprise.getByRole("navigation", { name: "主导航" });
  await expect(nav.locator(".nav-badge")).toBeVisible();
  await expect(enterprise.getByTestId("matchmaking-card")).toContainText("待处理的响应");
  await enterprise.goto("/notifications");
  const item = enterprise.getByRole("listitem").filter({ hasText: `收到新的响应：${title}` });
  await expect(item).toBeVisible();
  await expectAccessible(enterprise);
  await item.getByRole("button", { name: `查看详情：收到新的响应：${title}` }).click();
  await expect(enterprise).toHaveURL(new RegExp(`/responses/${responseId}$`));
  // Opened is read: the inbox no longer counts it.
  await enterprise.goto("/notifications?unread=1");
  await expect(enterprise.getByRole("listitem").filter({ hasText: `收到新的响应：${title}` })).toHaveCount(0);
  await enterprise.goto(`/responses/${responseId}`);
  await expect(enterprise.getByRole("main")).toContainText("陕西国防工业职业技术学院");
  // Before accepting, the enterprise sees who responded but not how to reach them, and why.
  const contacts = enterprise.getByRole("region", { name: "联系方式" });
  await expect(contacts).toHaveText(/接受后双方可查看对方的联系方式/);
  await expect(contacts.getByRole("heading", { name: /响应方/ })).toHaveCount(0);
  await expectAccessible(enterprise);

  // Accepting needs a reason.
  await enterprise.getByRole("button", { name: "接受并建立合作项目" }).click();
  await expect(enterprise.getByText("请填写理由，让对方了解您的决定。")).toBeVisible();
  await enterprise.getByLabel("理由").fill("专业对口，请校企合作处与人事部对接培养方案。");
  await enterprise.getByRole("button", { name: "接受并建立合作项目" }).click();
  await enterprise.waitForURL(new RegExp(`/responses/${responseId}\\?notice=accepted$`));
  await expect(enterprise.getByRole("status")).toContainText("已接受这条响应");
  // Accepted: each side sees the other's contact person as its organisation recorded it.
  await expect(contacts.getByRole("heading", { name: "响应方：陕西国防工业职业技术学院" })).toBeVisible();
  await expect(contacts.getByRole("heading", { name: "发布方：西安秦岭精工数控机床有限公司" })).toBeVisible();
  await expect(contacts).toContainText("联络员");
  await expectAccessible(enterprise);
  await school.goto(`/responses/${responseId}`);
  await expect(school.getByRole("region", { name: "联系方式" }).getByRole("heading", { name: "发布方：西安秦岭精工数控机床有限公司" })).toBeVisible();
  const timeline = enterprise.getByRole("region", { name: "处理记录" });
  await expect(timeline).toContainText("提交响应");
  await expect(timeline).toContainText("接受响应");
  await enterprise.getByRole("link", { name: "进入合作项目" }).click();
  await expect(enterprise).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const projectUrl = new URL(enterprise.url()).pathname;
  await expect(enterprise.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(enterprise.getByRole("main")).toContainText("进行中");
  await expectAccessible(enterprise);

  // The enterprise uploads the agreement; a text file named .pdf is refused.
  await enterprise.getByLabel("选择文件").setInputFiles({ name: "伪装的协议.pdf", mimeType: "application/pdf", buffer: fakePdfText });
  await enterprise.getByRole("button", { name: "上传", exact: true }).click();
  await expect(enterprise.getByRole("alert").filter({ hasText: "文件内容不是 PDF、PNG 或 JPEG" })).toBeVisible();
  await expect(enterprise.getByRole("link", { name: "伪装的协议.pdf" })).toHaveCount(0);
  await expectAccessible(enterprise);
  const pdf = minimalPdf("order class agreement");
  await enterprise.getByLabel("选择文件").setInputFiles({ name: "订单班合作协议.pdf", mimeType: "application/pdf", buffer: pdf });
  await enterprise.getByRole("button", { name: "上传", exact: true }).click();
  await enterprise.waitForURL(/\?notice=upload$/);
  await expect(enterprise.getByRole("link", { name: "订单班合作协议.pdf" })).toBeVisible();

  // The school was told, sees the project and downloads the agreement.
  await school.goto("/notifications");
  await expect(school.getByRole("listitem").filter({ hasText: `响应已被接受：${title}` })).toBeVisible();
  await expect(school.getByRole("listitem").filter({ hasText: "合作项目上传了协议文件：订单班合作协议.pdf" })).toBeVisible();
  await school.goto("/projects");
  await expectAccessible(school);
  await school.getByRole("link", { name: title }).click();
  await expect(school).toHaveURL(new RegExp(`${projectUrl}$`));
  await expect(school.getByRole("main")).toContainText("贵单位是合作方");
  const [download] = await Promise.all([school.waitForEvent("download"), school.getByRole("link", { name: "订单班合作协议.pdf" }).click()]);
  expect(download.suggestedFilename()).toBe("订单班合作协议.pdf");
  expect(fs.readFileSync((await download.path())!).equals(pdf)).toBe(true);

  // Both pages fit a phone.
  await school.setViewportSize({ width: 375, height: 800 });
  await school.goto(`/responses/${responseId}`);
  await expectNoHorizontalScroll(school);
  await school.goto(projectUrl);
  await expectNoHorizontalScroll(school);
  await expectAccessible(school);
  await school.context().close();
  await enterprise.context().close();
});

test("platform staff follow every organisation's responses, projects and orders in the matchmaking overview", async ({ browser }) => {
  const page = await signedIn(browser, "reviewer@cjt-demo.cn");
  await page.goto("/admin");
  await page.getByRole("link", { name: "对接总览（响应、项目、订单）" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("对接总览");
  await expect(page.getByRole("link", { name: "信息响应" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  // Narrow to one organisation, then to accepted responses, and open one.
  await page.getByLabel("机构名称").fill("鄠邑区职业教育中心");
  await page.getByRole("button", { name: "筛选" }).click();
  await page.getByRole("navigation", { name: "按状态筛选" }).getByRole("link", { name: /^已接受（\d+）$/ }).click();
  const row = page.getByRole("row", { name: /数控车床操作实习生（岗位实习）/ });
  await expect(row).toContainText("鄠邑区职业教育中心");
  await expect(row).toContainText("已接受");
  await expect(page.getByRole("table").getByText("待处理")).toHaveCount(0);
  await expectAccessible(page);
  await row.getByRole("link", { name: "数控车床操作实习生（岗位实习）" }).click();
  await expect(page).toHaveURL(/\/responses\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("数控车床操作实习生（岗位实习）");

  // The same organisation's projects: the filter by name stays when switching views.
  await page.goBack();
  await page.getByRole("link", { name: "合作项目" }).click();
  await expect(page.getByLabel("机构名称")).toHaveValue("鄠邑区职业教育中心");
  await expect(page.getByRole("columnheader", { name: "学生人数" })).toBeVisible();
  await expect(page.getByRole("row", { name: /鄠邑区职业教育中心/ }).first()).toBeVisible();
  await expectAccessible(page);
  // Every organisation's orders: the training provider's demo orders, with seats and amounts.
  await page.getByLabel("机构名称").fill("");
  await page.getByRole("button", { name: "筛选" }).click();
  await page.getByRole("link", { name: "培训包订单" }).click();
  await expect(page.getByRole("columnheader", { name: "金额（元）" })).toBeVisible();
  await expect(page.getByRole("row", { name: /鄠邑区技能提升培训学校/ }).first()).toBeVisible();
  await expectAccessible(page);
  await page.context().close();
});
