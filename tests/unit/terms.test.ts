import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enMessages, zhCN, type MessageKey } from "../../app/i18n/zh-CN.ts";

const keys = Object.keys(zhCN) as MessageKey[];
const namesTask = (text: string) => /任务 ?第? ?\d|第 ?\d+ ?项|\btasks? \d/i.test(text);
const seedText = (name: string) => readFileSync(join("seeds", name), "utf8");

describe("the Chinese catalogue's terms", () => {
  it("keeps 认证 for 产教融合型企业 certification; platform verification is 审核通过 / 已核验", () => {
    // A message about certification names it (产教融合, a certificate, the directory) or belongs to that area.
    const aboutCertification = (key: string, text: string) =>
      key.includes("certification") || /产教融合|认证证书|认证目录|认证申请|认证类型|认证结果/.test(text);
    const confusing = keys.filter((key) => zhCN[key].includes("认证") && !aboutCertification(key, zhCN[key]));
    expect(confusing).toEqual([]);
  });

  it("names plan task numbers only in the plan module and the privacy notice's legal basis", () => {
    const mayCiteTasks = (key: string) => key.startsWith("plan.") || key === "privacy.controllerText";
    const citing = keys.filter((key) => !mayCiteTasks(key) && (namesTask(zhCN[key]) || namesTask(enMessages[key] ?? "")));
    expect(citing).toEqual([]);
  });

  it("calls the search page by its menu name wherever a message points to it", () => {
    const searchName = `“${zhCN["nav.search"]}”`;
    const otherNames = keys.flatMap((key) => (zhCN[key].match(/“找[^”]{1,4}”/g) ?? []).filter((name) => name !== searchName).map((name) => `${key}: ${name}`));
    expect(otherNames).toEqual([]);
  });

  it("keeps plan task numbers out of the demo organisations, listings and responses the public sees", () => {
    const publicSeeds = ["demo-organizations.ts", "listing-templates.ts", "demo-listings.ts", "demo-responses.ts"];
    const citing = publicSeeds.filter((name) => namesTask(seedText(name)));
    expect(citing).toEqual([]);
  });

  it("says 岗位实习, never the term 顶岗实习 retired in 2021, in messages and demo data", () => {
    const seeds = readdirSync("seeds").filter((name) => name.endsWith(".ts"));
    const retired = [...keys.filter((key) => zhCN[key].includes("顶岗")), ...seeds.filter((name) => seedText(name).includes("顶岗"))];
    expect(retired).toEqual([]);
  });
});
