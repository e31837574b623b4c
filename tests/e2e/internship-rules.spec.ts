import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support.ts";

test("an administrator raises the pay floor with a reason; the table and the history show it, a reviewer only reads", async ({ page, browser }) => {
  await login(page, "admin@cjt-demo.cn");
  await page.goto("/admin");
  await page.getByRole("link", { name: "岗位实习规则" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("岗位实习规则");
  const payRow = page.locator('tr[data-rule="payFloor"]');
  await expect(payRow).toContainText("80 %");
  await expect(payRow).toContainText("教职成〔2021〕4号 第十八条");
  await expectAccessible(page);

  const edit = payRow.getByRole("link", { name: /修改此规则/ });
  await expect(edit).toHaveAttribute("href", /\?rule=payFloor/);
  await page.goto((await edit.getAttribute("href"))!);
  await expect(page.getByRole("heading", { name: /修改规则：实习报酬不低于同岗位工资的比例/ })).toBeVisible();
  // Bad input is answered at its field, and what was typed stays.
  await page.getByLabel("数值").fill("八十五");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.locator("#field-figure-error")).toHaveText("请填写 0 到 1000 之间的整数。");
  await expect(page.getByLabel("数值")).toHaveValue("八十五");
  await expectAccessible(page);
  await page.getByLabel("数值").fill("85");
  await page.getByLabel("修改原因").fill("按省级新文件将报酬下限调整为 85%。");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByRole("status")).toHaveText("规则已修改，新的数值立即用于检查。");
  await expect(payRow).toContainText("85 %");
  const history = page.getByTestId("internship-rule-history");
  await expect(history).toContainText("按省级新文件将报酬下限调整为 85%。");
  await expectAccessible(page);

  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, "reviewer@cjt-demo.cn");
  await reviewer.goto("/admin/internship-rules");
  await expect(reviewer.locator('tr[data-rule="payFloor"]')).toContainText("85 %");
  await expect(reviewer.getByRole("link", { name: /修改此规则/ })).toHaveCount(0);
  await expectAccessible(reviewer);
});
