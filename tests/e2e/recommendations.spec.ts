import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, login } from "./support.ts";

// Explained recommendations (task 56): the dashboard's 为您推荐, similar listings on a listing's page, and
// who may call GET /api/v1/recommendations. The demo data reaches the index shortly after the server
// starts, so the first look waits for it.

const SCHOOL = "陕西国防工业职业技术学院";
const ENTERPRISE = "西安秦岭精工数控机床有限公司";

/** The id of a demo organisation or listing, found through the public search API once it is indexed. */
async function idByTitle(request: APIRequestContext, title: string, kind: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/search?q=${encodeURIComponent(title)}&kind=${kind}`);
        if (!response.ok()) return undefined;
        const body = (await response.json()) as { hits: Array<{ id: string; title: string }> };
        id = body.hits.find((hit) => hit.title === title)?.id;
        return id;
      },
      { timeout: 60_000 },
    )
    .toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

async function recommendationsRegion(page: Page) {
  const region = page.getByRole("region", { name: "为您推荐" });
  // Until the demo data is indexed the list may still be empty: look again.
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(region.getByText(/^专业匹配：/).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return region;
}

test("a school's dashboard shows 为您推荐 with the reasons of each recommendation", async ({ page }) => {
  await login(page, "sxgfxy@cjt-demo.cn");
  const region = await recommendationsRegion(page);
  const items = region.getByTestId("recommendation");
  expect(await items.count()).toBeGreaterThan(0);
  const first = items.first();
  await expect(first.getByRole("heading", { level: 3 }).getByRole("link")).toHaveAttribute("href", /^\/(l|orgs)\/[0-9a-f-]{36}$/);
  await expect(first.getByText(/^匹配度 \d+$/)).toBeVisible();
  await expect(first.getByRole("list", { name: "推荐理由" }).getByRole("listitem").first()).toBeVisible();
  // A school is offered enterprises' internships: a CNC internship with its reason.
  await expect(region.getByRole("listitem").filter({ hasText: "专业匹配：数控技术" }).first()).toBeVisible();
  await expect(region.getByText("实习岗位").first()).toBeVisible();
  await expectAccessible(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(page);

  // The title leads to the recommended listing, which lists similar ones.
  const link = first.getByRole("heading", { level: 3 }).getByRole("link");
  const title = (await link.textContent())!;
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
});

test("a listing's page shows similar listings with their reasons", async ({ page }) => {
  const id = await idByTitle(page.request, "数控车床操作实习生", "internship");
  await page.goto(`/l/${id}`);
  const region = page.getByRole("region", { name: "相似信息" });
  await expect(region).toBeVisible();
  await expect(region.getByTestId("recommendation").first()).toBeVisible();
  await expect(region.getByText(/^专业匹配：/).first()).toBeVisible();
  await expect(region.getByRole("link", { name: "数控车床操作实习生", exact: true })).toHaveCount(0);
  await expectAccessible(page);
});

test("GET /api/v1/recommendations answers members and staff, and nobody else", async ({ page, browser, baseURL }) => {
  await login(page, "sxgfxy@cjt-demo.cn");
  const own = await idByTitle(page.request, SCHOOL, "organization");
  const other = await idByTitle(page.request, ENTERPRISE, "organization");

  // Its own organisation: 200 with explained items.
  let body: { organization: { id: string; name: string }; items: Array<{ title: string; url: string; score: number; reasons: Array<{ code: string; text: string }> }> } = {
    organization: { id: "", name: "" },
    items: [],
  };
  await expect(async () => {
    const response = await page.request.get(`/api/v1/recommendations?organization=${own}&limit=5`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    body = await response.json();
    expect(body.items.length).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000 });
  expect(body.organization).toEqual({ id: own, name: SCHOOL });
  expect(body.items.length).toBeLessThanOrEqual(5);
  for (const item of body.items) {
    expect(item.url.startsWith(`${baseURL}/`)).toBe(true);
    expect(item.score).toBeGreaterThan(0);
    expect(item.score).toBeLessThanOrEqual(100);
    expect(item.reasons.length).toBeGreaterThan(0);
  }
  expect(body.items.flatMap((i) => i.reasons.map((r) => r.text)).some((text) => text.startsWith("专业匹配："))).toBe(true);

  // Another organisation's id, or one that does not exist: 404, the same answer.
  for (const id of [other, "00000000-0000-4000-8000-000000000000"]) {
    const response = await page.request.get(`/api/v1/recommendations?organization=${id}`);
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  }

  // Bad parameters: 400 with the field and a Chinese message.
  for (const [query, field] of [
    [`organization=${own}&limit=0`, "limit"],
    [`organization=${own}&limit=51`, "limit"],
    [`organization=${own}&limit=abc`, "limit"],
    ["organization=not-a-uuid", "organization"],
    ["", "organization"],
    [`organization=${own}&sort=score`, "sort"],
  ]) {
    const response = await page.request.get(`/api/v1/recommendations?${query}`);
    expect(response.status(), query).toBe(400);
    const error = (await response.json()).error;
    expect(error.code).toBe("bad_request");
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  }

  // Anonymous: 401.
  const anonymous = await browser.newContext({ baseURL });
  const response = await anonymous.request.get(`/api/v1/recommendations?organization=${own}`);
  expect(response.status()).toBe(401);
  expect((await response.json()).error).toMatchObject({ code: "unauthorized", message: "请先登录，再获取推荐。" });
  await anonymous.close();

  // Platform staff may look at any organisation's recommendations.
  const reviewer = await (await browser.newContext({ baseURL })).newPage();
  await login(reviewer, "reviewer@cjt-demo.cn");
  const staff = await reviewer.request.get(`/api/v1/recommendations?organization=${other}&limit=3`);
  expect(staff.status()).toBe(200);
  expect((await staff.json()).organization).toEqual({ id: other, name: ENTERPRISE });
  await reviewer.context().close();
});
