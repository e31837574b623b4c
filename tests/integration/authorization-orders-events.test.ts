import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actors, outcome, roleAccounts, roles, type Outcome, type Role } from "../support/http-actors.ts";

// Every route of training-package orders and matchmaking events × {anonymous, member of organisation A,
// member of organisation B, reviewer, platform administrator}, against the real server on the demo data.
// A (memberA's organisation) is the buyer of the demo orders; "provider" (peixun@) is the training provider that sold them.
const actors = new Actors(roles, roleAccounts);
const { row, request: as, outcomes: matrix } = actors;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

const ids = { orderA: "", pkg: "", event: "" };

async function orderStatus(orderId: string): Promise<string> {
  const html = await (await as("admin", "GET", `/orders/${orderId}`)).text();
  return /class="status status-order-(\w+)"/.exec(html)?.[1] ?? "";
}

beforeAll(async () => {
  await actors.start("cjt-authz-oe-");
  await actors.signIn("provider", "peixun@cjt-demo.cn");
  // A's demo orders (as buyer), and the training package one of them was placed on.
  const list = await (await as("memberA", "GET", "/orders?side=buyer")).text();
  ids.orderA = /\/orders\/([0-9a-f-]{36})/.exec(list)?.[1] ?? "";
  if (!ids.orderA) throw new Error("no demo order of organisation A");
  const detail = await (await as("memberA", "GET", `/orders/${ids.orderA}`)).text();
  ids.pkg = /href="\/l\/([0-9a-f-]{36})"/.exec(detail)?.[1] ?? "";
  if (!ids.pkg) throw new Error("no package link on the order page");
  const events = await (await as("anonymous", "GET", "/events")).text();
  ids.event = /\/events\/([0-9a-f-]{36})/.exec(events)?.[1] ?? "";
  if (!ids.event) throw new Error("no demo event");
}, 300_000);

afterAll(() => actors.stop());

const reads: Array<[string, () => string, Record<Role, Outcome | number>]> = [
  ["order list (buyer side)", () => "/orders", row(["login", "ok", "ok", 403, 403])],
  ["order list (provider side, status filter)", () => "/orders?side=provider&status=completed", row(["login", "ok", "ok", 403, 403])],
  ["A's order", () => `/orders/${ids.orderA}`, row(["login", "ok", 404, "ok", "ok"])],
  ["an order that does not exist", () => `/orders/${NO_SUCH_ID}`, row(["login", 404, 404, 404, 404])],
  ["a malformed order id", () => "/orders/not-an-id", row(["login", 404, 404, 404, 404])],
  ["order form of a training package", () => `/l/${ids.pkg}/order`, row(["login", "ok", "ok", 403, 403])],
  ["order form of no package", () => `/l/${NO_SUCH_ID}/order`, row(["login", 404, 404, 403, 403])],
  ["event list", () => "/events", row(["ok", "ok", "ok", "ok", "ok"])],
  ["event list with a search", () => "/events?q=%25_%5C%27", row(["ok", "ok", "ok", "ok", "ok"])],
  ["an event", () => `/events/${ids.event}`, row(["ok", "ok", "ok", "ok", "ok"])],
  ["an event that does not exist", () => `/events/${NO_SUCH_ID}`, row([404, 404, 404, 404, 404])],
  ["new event form", () => "/events/new", row(["login", 403, 403, 403, "ok"])],
  ["event editor", () => `/events/${ids.event}/edit`, row(["login", 403, 403, 403, "ok"])],
  ["editor of no event", () => `/events/${NO_SUCH_ID}/edit`, row(["login", 403, 403, 403, 404])],
  ["home page with upcoming events", () => "/", row(["ok", "ok", "ok", "ok", "ok"])],
  ["dashboard with the order and event links", () => "/dashboard", row(["login", "ok", "ok", "ok", "ok"])],
];

describe("orders and events authorisation: reading", () => {
  it.each(reads)("%s", async (_name, pathOf, expected) => {
    expect(await matrix("GET", pathOf())).toEqual(expected);
  });

  it("shows nobody but the two organisations and staff what A ordered", async () => {
    const own = await (await as("memberA", "GET", `/orders/${ids.orderA}`)).text();
    const title = /<h1[^>]*>([^<]+)<\/h1>/.exec(own)?.[1];
    expect(title).toBeTruthy();
    for (const role of ["anonymous", "memberB"] as Role[]) {
      expect(await (await as(role, "GET", `/orders/${ids.orderA}`)).text()).not.toContain(title!);
    }
    const providerSide = await (await as("provider", "GET", `/orders/${ids.orderA}`)).text();
    expect(providerSide).toContain(title!);
    // The provider may not order its own package.
    expect(await outcome(await as("provider", "GET", `/l/${ids.pkg}/order`))).toBe(403);
  });
});

describe("orders and events authorisation: changing", () => {
  it("lets members of verified organisations order, and only the parties move an order", async () => {
    // The first post only shows the summary with its total; the second, carrying that total, places the order.
    const review = await as("memberA", "POST", `/l/${ids.pkg}/order`, { seats: "1", note: "矩阵测试 memberA" });
    expect(review.status).toBe(200);
    const quotedTotalYuan = /name="quotedTotalYuan" value="([0-9.]+)"/.exec(await review.text())?.[1];
    expect(quotedTotalYuan).toBeTruthy();
    const order = (role: Role) =>
      as(role, "POST", `/l/${ids.pkg}/order`, { intent: "confirm", seats: "1", note: `矩阵测试 ${role}`, quotedTotalYuan: quotedTotalYuan! });
    expect(await outcome(await order("anonymous"))).toBe("login");
    expect(await outcome(await order("reviewer"))).toBe(403);
    expect(await outcome(await order("admin"))).toBe(403);
    expect(await outcome(await as("provider", "POST", `/l/${ids.pkg}/order`, { seats: "1" }))).toBe(403);
    expect(await outcome(await as("memberA", "POST", `/l/${ids.pkg}/order`, { seats: "0" }))).toBe(400);
    // A total that is not what the package costs now is refused, and nothing is placed.
    const stale = await as("memberA", "POST", `/l/${ids.pkg}/order`, { intent: "confirm", seats: "1", quotedTotalYuan: "0.01" });
    expect(stale.status).toBe(409);
    const placed = await order("memberA");
    expect(placed.status).toBe(302);
    const orderId = /\/orders\/([0-9a-f-]{36})/.exec(placed.headers.get("location") ?? "")?.[1];
    expect(orderId).toBeTruthy();

    const act = (role: Role, form: Record<string, string>) => as(role, "POST", `/orders/${orderId}`, form);
    expect(await outcome(await act("anonymous", { intent: "confirm" }))).toBe("login");
    expect(await outcome(await act("memberB", { intent: "confirm" }))).toBe(404);
    expect(await outcome(await act("memberB", { intent: "cancel", reason: "第三方取消" }))).toBe(404);
    expect(await outcome(await act("reviewer", { intent: "cancel", reason: "审核员取消" }))).toBe(403);
    expect(await outcome(await act("admin", { intent: "confirm" }))).toBe(403);
    // The buyer may not take the provider's steps, nor rate before completion.
    expect(await outcome(await act("memberA", { intent: "confirm" }))).toBe(403);
    expect(await outcome(await act("memberA", { intent: "rate", rating: "5" }))).toBe(409);
    expect(await outcome(await act("memberA", { intent: "cancel", reason: "" }))).toBe(400);
    expect(await outcome(await act("memberA", { intent: "bogus" }))).toBe(400);
    expect(await orderStatus(orderId!)).toBe("requested");
    // The provider confirms; then the buyer cancels with a reason.
    expect(await outcome(await as("provider", "POST", `/orders/${orderId}`, { intent: "complete" }))).toBe(409);
    expect(await outcome(await as("provider", "POST", `/orders/${orderId}`, { intent: "confirm" }))).toBe("ok");
    expect(await orderStatus(orderId!)).toBe("confirmed");
    expect(await outcome(await act("memberA", { intent: "cancel", reason: "矩阵测试：改期" }))).toBe("ok");
    expect(await orderStatus(orderId!)).toBe("cancelled");
    expect(await outcome(await as("memberA", "POST", `/orders/${NO_SUCH_ID}`, { intent: "cancel", reason: "不存在" }))).toBe(404);
  });

  it("lets only organisers create and edit events, and organisations register", async () => {
    const start = new Date(Date.now() + 5 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const form = (title: string) => ({
      intent: "save",
      title,
      startsAt: `${start}T09:00`,
      endsAt: `${start}T11:00`,
      place: "矩阵测试会议室",
      capacity: "1",
      audience: "",
      agenda: "",
    });
    const create = (role: Role) => as(role, "POST", "/events/new", form(`矩阵测试活动 ${role}`));
    expect(await outcome(await create("anonymous"))).toBe("login");
    expect(await outcome(await create("memberA"))).toBe(403);
    expect(await outcome(await create("memberB"))).toBe(403);
    expect(await outcome(await create("reviewer"))).toBe(403);
    const created = await create("admin");
    expect(created.status).toBe(302);
    const eventId = /\/events\/([0-9a-f-]{36})/.exec(created.headers.get("location") ?? "")?.[1];
    expect(eventId).toBeTruthy();

    const edit = (role: Role) => as(role, "POST", `/events/${eventId}/edit`, form("矩阵测试活动（篡改）"));
    expect(await outcome(await edit("anonymous"))).toBe("login");
    expect(await outcome(await edit("memberA"))).toBe(403);
    expect(await outcome(await edit("memberB"))).toBe(403);
    expect(await outcome(await edit("reviewer"))).toBe(403);
    expect(await outcome(await as("memberA", "POST", `/events/${eventId}/edit`, { intent: "cancel-event", reason: "篡改" }))).toBe(403);
    expect(await (await as("anonymous", "GET", `/events/${eventId}`)).text()).not.toContain("篡改");
    expect(await outcome(await edit("admin"))).toBe("ok");

    const register = (role: Role) => as(role, "POST", `/events/${eventId}`, { intent: "register" });
    expect(await outcome(await register("anonymous"))).toBe("login");
    expect(await outcome(await register("reviewer"))).toBe(403);
    expect(await outcome(await register("admin"))).toBe(403);
    const first = await register("memberA");
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("报名成功");
    const second = await register("memberB");
    expect(second.status).toBe(200);
    expect(await second.text()).toContain("候补名单");
    expect(await outcome(await register("memberA"))).toBe(409);
    // Attendance is the organiser's, and only after the start.
    expect(await outcome(await as("memberA", "POST", `/events/${eventId}`, { intent: "attendance", attended: "x" }))).toBe(403);
    expect(await outcome(await as("admin", "POST", `/events/${eventId}`, { intent: "attendance" }))).toBe(409);
    expect(await outcome(await as("memberA", "POST", `/events/${eventId}`, { intent: "cancel-registration" }))).toBe("ok");
    const page = await (await as("memberB", "GET", `/events/${eventId}`)).text();
    expect(page).toContain("本机构已报名");
    expect(await outcome(await as("memberA", "POST", `/events/${NO_SUCH_ID}`, { intent: "register" }))).toBe(404);
    expect(await outcome(await as("memberA", "POST", `/events/${NO_SUCH_ID}/edit`, { intent: "save" }))).toBe(403);
    expect(await outcome(await as("admin", "POST", `/events/${NO_SUCH_ID}/edit`, { intent: "save" }))).toBe(404);
    expect(await outcome(await as("admin", "POST", `/events/${eventId}/edit`, { intent: "cancel-event", reason: "矩阵测试结束" }))).toBe("ok");
    expect(await outcome(await register("memberA"))).toBe(409);
  });
});
