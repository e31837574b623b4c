import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, inDays, signedIn } from "./support.ts";

// Orders and events: an enterprise orders a training package and the provider walks the order to completed,
// every step showing up in the other side's inbox; an administrator publishes an event with one seat, one
// organisation gets it and the next is put on the waiting list.

const stamp = Date.now();
test.describe.configure({ timeout: 240_000 });

/** The newest notification in the inbox must mention every given text. */
async function newestNotification(page: Page, ...texts: string[]) {
  await page.goto("/notifications");
  const first = page.locator(".notification-list > li").first();
  for (const text of texts) await expect(first).toContainText(text);
}

async function atPhoneWidth(page: Page) {
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("an enterprise orders a training package, the provider walks it to completed and the buyer rates it", async ({ browser }) => {
  const buyer = await signedIn(browser, "qinling@cjt-demo.cn");
  const provider = await signedIn(browser, "peixun@cjt-demo.cn");

  // One of the provider's published training packages, reached from an order it has already received.
  await provider.goto("/orders?side=provider");
  await expectAccessible(provider);
  await expect(provider.getByTestId("revenue")).toBeVisible();
  await provider.locator("table a[href^='/orders/']").first().click();
  const packageHref = await provider.getByRole("link", { name: "查看培训包当前页面" }).getAttribute("href");
  expect(packageHref).toMatch(/^\/l\/[0-9a-f-]{36}$/);
  // The provider cannot order its own package: no button.
  await provider.goto(packageHref!);
  await expect(provider.getByRole("link", { name: "订购培训包" })).toHaveCount(0);

  await buyer.goto(packageHref!);
  const packageTitle = (await buyer.getByRole("heading", { level: 1 }).textContent())!.trim();
  await buyer.getByRole("link", { name: "订购培训包" }).click();
  await expect(buyer).toHaveURL(/\/order$/);
  await expect(buyer.getByRole("heading", { name: "订购培训包" })).toBeVisible();
  await expectAccessible(buyer);
  // The form refuses nonsense before anything is sent, with a message at the field.
  await buyer.getByLabel("订购名额").fill("0");
  await buyer.getByRole("button", { name: "核对订单" }).click();
  await expect(buyer.locator("#field-seats-error")).toBeVisible();
  await buyer.getByLabel("订购名额").fill("3");
  await buyer.getByLabel("备注（选填）").fill(`E2E 订单 ${stamp}：希望周末开班`);
  // Nothing is placed on the first click: a summary with the total asks for confirmation.
  await buyer.getByRole("button", { name: "核对订单" }).click();
  const summary = buyer.getByTestId("order-summary");
  await expect(summary).toContainText("请核对订单");
  await expect(summary).toContainText("3 人");
  await expect(buyer).toHaveURL(/\/order$/);
  await expectAccessible(buyer);
  await summary.getByRole("button", { name: /确认提交订单（合计 ¥[0-9,]+\.\d\d）/ }).click();
  await expect(buyer).toHaveURL(/\/orders\/[0-9a-f-]{36}\?done=placed$/);
  await expect(buyer.getByRole("status")).toContainText("订单已提交");
  const orderPath = new URL(buyer.url()).pathname;
  await expect(buyer.locator(".status-order-requested")).toBeVisible();
  await expect(buyer.getByTestId("order-timeline")).toContainText("待确认");
  await expectAccessible(buyer);
  await atPhoneWidth(buyer);

  // The provider hears of it, and confirms, delivers and completes it; the buyer hears of every step.
  await newestNotification(provider, "订购了培训包", packageTitle);
  const steps: Array<[string, string, string]> = [
    ["确认订单", "已确认", "确认"],
    ["标记为已交付", "已交付", "已交付"],
    ["标记为已完成", "已完成", "已完成"],
  ];
  for (const [button, status, notice] of steps) {
    await provider.goto(orderPath);
    await provider.getByRole("button", { name: button }).click();
    await expect(provider.locator(".page-stack > p").first()).toContainText(status);
    await expect(provider.getByRole("status")).toBeVisible();
    await expect(provider.getByTestId("order-timeline")).toContainText(status);
    await newestNotification(buyer, packageTitle, notice);
  }
  await provider.goto(orderPath);
  await expectAccessible(provider);

  // The buyer rates it, once.
  await buyer.goto(orderPath);
  await expect(buyer.getByText(`E2E 订单 ${stamp}`).first()).toBeVisible();
  await buyer.getByLabel("评分").selectOption("5");
  await buyer.getByLabel("评价内容（选填）").fill("课程实用，讲师经验丰富。");
  await buyer.getByRole("button", { name: "提交评价" }).click();
  await expect(buyer.getByRole("status")).toContainText("感谢评价");
  await expect(buyer.getByText("评价：5 星")).toBeVisible();
  await expect(buyer.getByRole("button", { name: "提交评价" })).toHaveCount(0);
  await expectAccessible(buyer);
  await newestNotification(provider, "评价了", "5 星");

  // Both lists show it; the provider's revenue counts it.
  await buyer.goto("/orders?side=buyer&status=completed");
  await expect(buyer.locator(`a[href='${orderPath}']`)).toBeVisible();
  await expectAccessible(buyer);
  await provider.goto("/orders?side=provider&status=completed");
  await expect(provider.locator(`a[href='${orderPath}']`)).toBeVisible();
  await expect(provider.getByTestId("revenue")).toContainText("已完成培训名额");
  await buyer.goto("/dashboard");
  const dashboard = buyer.getByRole("main");
  await expect(dashboard.getByRole("link", { name: "培训包订单" })).toBeVisible();
  await expect(dashboard.getByRole("link", { name: "对接活动" })).toBeVisible();
});

test("an administrator publishes an event with one seat: one organisation registers, the next is waitlisted and moves up", async ({ browser }) => {
  const admin = await signedIn(browser, "admin@cjt-demo.cn");
  const first = await signedIn(browser, "zhijiao@cjt-demo.cn");
  const second = await signedIn(browser, "autoparts@cjt-demo.cn");
  const title = `E2E 校企对接会 ${stamp}`;
  const day = inDays(3);

  await admin.goto("/events");
  await expectAccessible(admin);
  await admin.getByRole("link", { name: "发布活动" }).click();
  await expect(admin.getByRole("heading", { name: "发布对接活动" })).toBeVisible();
  await expectAccessible(admin);
  await admin.getByLabel("活动名称").fill(title);
  await admin.getByLabel("开始时间").fill(`${day}T14:00`);
  await admin.getByLabel("结束时间").fill(`${day}T12:00`);
  await admin.getByLabel("地点").fill("鄠邑区政务服务中心 E2E 会议室");
  await admin.getByLabel("名额（机构数）").fill("1");
  await admin.getByLabel("面向对象（选填）").fill("职业院校、企业");
  await admin.getByLabel("议程（选填）").fill("14:00 签到\n14:30 校企洽谈");
  await admin.getByRole("button", { name: "发布活动" }).click();
  await expect(admin.getByText("结束时间要晚于开始时间。")).toBeVisible();
  await admin.getByLabel("结束时间").fill(`${day}T17:00`);
  await admin.getByRole("button", { name: "发布活动" }).click();
  await expect(admin).toHaveURL(/\/events\/[0-9a-f-]{36}\?done=created$/);
  await expect(admin.getByRole("status")).toContainText("活动已发布");
  await expect(admin.getByText(`${day} 14:00 至 ${day} 17:00`)).toBeVisible();
  const eventPath = new URL(admin.url()).pathname;
  await expectAccessible(admin);

  // Searchable on /events.
  await first.goto(`/events?q=${encodeURIComponent(`对接会 ${stamp}`)}`);
  await expect(first.getByRole("link", { name: title })).toBeVisible();
  // Three days ahead, it is among the next three events on the home page (the demo events are later).
  await first.goto("/");
  await expect(first.getByRole("region", { name: "近期对接活动" }).getByRole("link", { name: title })).toBeVisible();
  await first.goto(`/events?q=${encodeURIComponent(`没有这样的活动${stamp}`)}`);
  await expect(first.getByText("没有找到符合条件的活动")).toHaveCount(2);

  await first.goto(eventPath);
  await expectAccessible(first);
  await first.getByRole("button", { name: "为本机构报名" }).click();
  await expect(first.getByTestId("event-result")).toContainText("报名成功");
  await expect(first.getByTestId("own-registration")).toContainText("本机构已报名");

  await second.goto(eventPath);
  await expect(second.getByText("名额已满，现在报名将进入候补名单。")).toBeVisible();
  await second.getByRole("button", { name: "加入候补名单" }).click();
  await expect(second.getByTestId("event-result")).toContainText("活动名额已满，本机构已进入候补名单，当前排第 1 位");
  await expectAccessible(second);
  await atPhoneWidth(second);

  // The organiser sees both; the first cancels and the waitlisted one gets the seat and a notification.
  await admin.goto(eventPath);
  const registrations = admin.getByRole("table");
  await expect(registrations).toContainText("鄠邑区职业教育中心");
  await expect(registrations).toContainText("候补");
  await first.goto(eventPath);
  await first.getByRole("button", { name: "取消报名" }).click();
  await expect(first.getByTestId("event-result")).toContainText("已取消报名");
  await newestNotification(second, "已从候补转为正式报名", title);
  await second.goto(eventPath);
  await expect(second.getByTestId("own-registration")).toContainText("本机构已报名");

  // The editor: capacity can't drop below the registered count.
  await admin.goto(`${eventPath}/edit`);
  await expectAccessible(admin);
  await admin.getByLabel("名额（机构数）").fill("2");
  await admin.getByRole("button", { name: "保存修改" }).click();
  await expect(admin.getByRole("status")).toContainText("修改已保存");
  await admin.setViewportSize({ width: 375, height: 800 });
  await admin.goto(eventPath);
  await expectNoHorizontalScroll(admin);
});
