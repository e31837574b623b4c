import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { parsePlanTable, type PlanTask } from "../../seeds/plan-parse.ts";
import { allPlanUnits, planTable } from "../../db/reference/plan.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const seedFile = path.resolve(repoRoot, "../shared/seeds/000_9ecac719ad7048f6.txt");
const table = parsePlanTable(fs.readFileSync(seedFile, "utf8"));

function task(number: number): PlanTask {
  const found = table.tasks.find((t) => t.number === number);
  if (!found) throw new Error(`no task ${number}`);
  return found;
}

describe("parsePlanTable on the district plan seed", () => {
  it("reads 63 tasks numbered 1..63", () => {
    expect(table.tasks.map((t) => t.number)).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
  });

  it("reads the 6 sections with their titles, without the numeral prefix", () => {
    expect(table.sections).toEqual([
      { number: 1, title: "构建产教融合发展新格局" },
      { number: 2, title: "充分发挥企业主体作用" },
      { number: 3, title: "加快产教融合育人创新" },
      { number: 4, title: "深化产教融合人才培养" },
      { number: 5, title: "政策支持" },
      { number: 6, title: "保障措施" },
    ]);
  });

  it("assigns tasks to the section they appear under", () => {
    const firstTaskOfSection = [1, 8, 21, 32, 43, 53];
    for (const [index, number] of firstTaskOfSection.entries()) {
      expect(task(number).section).toBe(index + 1);
      if (number > 1) expect(task(number - 1).section).toBe(index);
    }
    expect(task(63).section).toBe(6);
  });

  it("continues a blank theme from the task above", () => {
    expect(task(1).theme).toBe("统筹推进产教融合与经济社会发展");
    expect(task(2).theme).toBe("统筹推进产教融合与经济社会发展");
    expect(task(8).theme).toBe("构建多元化办学方式");
    expect(task(11).theme).toBe("构建多元化办学方式");
    expect(task(12).theme).toBe("加快新成果转化");
    expect(task(15).theme).toBe("加快新成果转化");
    expect(table.tasks.every((t) => t.theme !== "")).toBe(true);
  });

  it("reads lead units split by spaces or over two lines", () => {
    expect(task(1).leadUnits).toEqual(["区发改委", "区教科局"]);
    expect(task(8).leadUnits).toEqual(["区教科局", "区人社局"]);
    expect(task(19).leadUnits).toEqual(["区教科局", "区总工会"]);
    expect(task(43).leadUnits).toEqual(["区发改委", "区教科局"]);
    expect(task(53).leadUnits).toEqual(["区教科局", "区发改委"]);
    expect(task(49).leadUnits).toEqual(["市资源规划鄠邑分局"]);
  });

  it("keeps the split lead line out of the cooperating column", () => {
    expect(task(8).cooperatingUnits).toEqual(["区投资工信局", "各街办", "沣京工业园", "西户高新区管委会"]);
  });

  it("splits cooperating units and flags 等区级部门", () => {
    expect(task(2).cooperatingUnits).toEqual([
      "区人社局",
      "区投资工信局",
      "区文化旅游局",
      "区农业农村局",
      "区大数据中心",
      "区财政局",
      "沣京工业园",
      "西户高新区管委会",
    ]);
    expect(task(2).cooperatingIncludesOthers).toBe(true);
    expect(task(1).cooperatingUnits).toEqual(["各街办", "沣京工业园", "西户高新区管委会"]);
    expect(task(1).cooperatingIncludesOthers).toBe(false);
    expect(task(13).cooperatingUnits).toContain("相关街办");
    expect(task(52).cooperatingUnits).toEqual(["区教科局"]);
    expect(task(52).cooperatingIncludesOthers).toBe(true);
  });

  it("reads deadlines", () => {
    expect(task(1).deadline).toEqual({ kind: "ongoing" });
    expect(task(12).deadline).toEqual({ kind: "unspecified" });
    const yearTasks = table.tasks.filter((t) => t.deadline.kind === "year");
    expect(yearTasks.map((t) => t.number)).toEqual([11, 15, 18, 25]);
    for (const t of yearTasks) expect(t.deadline).toEqual({ kind: "year", year: 2023 });
    expect(table.tasks.filter((t) => t.deadline.kind === "unspecified").map((t) => t.number)).toEqual([12]);
  });

  it("keeps content text exactly, trimmed", () => {
    expect(task(56).content.startsWith("依托高校建立产教融合信息化平台")).toBe(true);
    expect(task(6).content).toContain("发展校企合作,产教融合,实现");
    for (const t of table.tasks) {
      expect(t.content).not.toBe("");
      expect(t.content).toBe(t.content.trim());
    }
  });

  it("produces clean unit names", () => {
    for (const t of table.tasks) {
      expect(t.leadUnits.length).toBeGreaterThan(0);
      expect(t.cooperatingUnits.length).toBeGreaterThan(0);
      for (const unit of [...t.leadUnits, ...t.cooperatingUnits]) {
        expect(unit).not.toBe("");
        expect(unit).not.toMatch(/[等、，,\s]/);
      }
    }
  });
});

describe("plan-tasks.json and helpers", () => {
  it("the committed JSON matches a fresh parse of the seed file", () => {
    expect(planTable()).toEqual(table);
  });

  it("allPlanUnits lists distinct units from both columns, sorted", () => {
    const units = allPlanUnits(table);
    expect(units).toEqual([...new Set(units)].sort());
    expect(units).toEqual(
      expect.arrayContaining(["区委宣传部", "区税务局", "市资源规划鄠邑分局", "各街办", "相关街办", "沣京工业园", "西户高新区管委会"]),
    );
    expect(units).not.toContain("区级部门");
  });
});
