import { describe, expect, it } from "vitest";
import { enMessages, zhCN, type MessageKey } from "../../app/i18n/zh-CN.ts";

const keys = Object.keys(zhCN) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the English catalogue", () => {
  it("has every message the Chinese one has", () => {
    expect(keys.filter((key) => !enMessages[key]?.trim())).toEqual([]);
  });

  it("uses the same placeholders as the Chinese text", () => {
    const differing = keys.filter((key) => enMessages[key] && placeholders(enMessages[key]).join() !== placeholders(zhCN[key]).join());
    expect(differing).toEqual([]);
  });

  it("has no Chinese left in it but for example names", () => {
    // Demo organisation names and places in examples may stay Chinese; whole sentences may not.
    const chinese = keys.filter((key) => /[\u4e00-\u9fff]{6,}/.test((enMessages[key] ?? "").replace(/[^\u4e00-\u9fff]+/g, " ").replace(/\S*(公司|学院|学校|园区|街道|镇)\S*/g, "")));
    expect(chinese).toEqual([]);
  });
});
