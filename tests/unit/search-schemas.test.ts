import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTranslator, isMessageKey } from "../../app/i18n/translate.ts";
import { parseSearchUrl } from "../../app/models/search-api.server.ts";
import { pageBeyondEnd, readSearchPage, type SearchNotice } from "../../app/models/search-page.server.ts";
import { searchParamsSchema } from "../../app/schemas/search.ts";
import { hostileStrings, numbersAsStrings } from "../support/hostile-input.ts";
import { buildFilter } from "../../search/query.ts";

const names = ["q", "kind", "industryGroup", "industry", "location", "orgKind", "major", "certified", "payMin", "payMax", "startFrom", "endBy", "sort", "page", "hitsPerPage"];
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom("", " ", "-1", "0", "1e9", "NaN", "true", "__proto__", "constructor", "\" OR 1=1", "]", "\u0000", "数控", "internship,organization", "9".repeat(400)),
);

describe("search parameters", () => {
  it("never throw: every URL parses or names the bad parameter in Chinese", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), hostile), { maxLength: 8 }), (pairs) => {
        const url = new URL("http://x/api/v1/search");
        for (const [k, v] of pairs) url.searchParams.append(k, v);
        const result = parseSearchUrl(url, { strict: true });
        if (!result.ok) {
          expect(result.message).toMatch(/[\u4e00-\u9fff]/);
          expect(result.message).not.toMatch(/^search\./);
          expect(typeof result.field).toBe("string");
        } else {
          expect(result.params.page).toBeGreaterThanOrEqual(1);
          expect(result.params.hitsPerPage).toBeLessThanOrEqual(50);
          expect(() => buildFilter(result.params)).not.toThrow();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts repeated and comma-separated lists and refuses unknown names in the API", () => {
    const a = parseSearchUrl(new URL("http://x/?kind=internship&kind=organization&industry=equipment_manufacturing,biomedicine"), { strict: true });
    expect(a.ok && a.params.kind).toEqual(["internship", "organization"]);
    expect(a.ok && a.params.industry).toEqual(["equipment_manufacturing", "biomedicine"]);
    const b = parseSearchUrl(new URL("http://x/?colour=red"), { strict: true });
    expect(b).toMatchObject({ ok: false, field: "colour" });
    expect(parseSearchUrl(new URL("http://x/?colour=red"), { strict: false }).ok).toBe(true);
    expect(parseSearchUrl(new URL("http://x/?payMin=5000&payMax=3000"), { strict: true })).toMatchObject({ ok: false, field: "payMax" });
    expect(parseSearchUrl(new URL("http://x/?hitsPerPage=51"), { strict: true })).toMatchObject({ ok: false, field: "hitsPerPage" });
  });

  it("quotes user text in filters so it cannot change the filter's meaning", () => {
    const parsed = parseSearchUrl(new URL(`http://x/?major=${encodeURIComponent('数控" OR kind = "organization')}`), { strict: true });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(buildFilter(parsed.params)).toEqual(['majors = "数控\\" OR kind = \\"organization"']);
  });
});

describe("the /search page's reading of its URL (task 56)", () => {
  const t = createTranslator("zh-CN");
  const read = (query: string) => readSearchPage(new URL(`http://x/search?${query}`));
  const text = (notice: SearchNotice) => t(notice.key, { ...notice.vars, ...(notice.filter ? { filter: t(notice.filter) } : {}) });

  it("never throws on random and hostile URLs: it always searches, and every notice is Chinese without internal names", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), fc.oneof(hostile, hostileStrings(), numbersAsStrings)), { maxLength: 8 }),
        (pairs) => {
          const url = new URL("http://x/search");
          for (const [k, v] of pairs) url.searchParams.append(k, v);
          const page = readSearchPage(url);
          expect(searchParamsSchema.safeParse(page.params).success).toBe(true);
          expect(() => buildFilter(page.params)).not.toThrow();
          for (const notice of page.notices) {
            expect(isMessageKey(notice.key)).toBe(true);
            const words = text(notice);
            expect(words).toMatch(/[\u4e00-\u9fff]/);
            expect(words).not.toMatch(/payM(in|ax)|startFrom|endBy|hitsPerPage|orgKind|industryGroup|\{\w+\}/);
            expect(names).toContain(notice.field);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("swaps a reversed pay range with a note at the pay field and keeps the 实习岗位 filter", () => {
    const page = read("payMin=5000&payMax=1000&kind=internship");
    expect(page.params).toMatchObject({ payMin: 1000, payMax: 5000, kind: ["internship"] });
    expect(page.notices.map((n) => [n.field, text(n)])).toEqual([["payMax", "最低月薪高于最高月薪，已按 1000–5000 元查找。"]]);
  });

  it("swaps a reversed period with a note instead of finding nothing without a word", () => {
    const page = read("startFrom=2027-09-01&endBy=2027-07-01&kind=internship");
    expect(page.params).toMatchObject({ startFrom: "2027-07-01", endBy: "2027-09-01", kind: ["internship"] });
    expect(page.notices.map((n) => [n.field, text(n)])).toEqual([["endBy", "开始日期晚于结束日期，已按 2027-07-01 至 2027-09-01 查找。"]]);
  });

  it("drops only the bad filter, names it in words, keeps what was typed and applies the rest", () => {
    const page = read(`q=${encodeURIComponent("电商")}&industry=not-an-industry&kind=internship&payMin=abc&payMax=4000`);
    expect(page.params).toMatchObject({ q: "电商", kind: ["internship"], industry: [], payMax: 4000 });
    expect(page.params.payMin).toBeUndefined();
    expect(page.typed).toEqual({ industry: "not-an-industry", payMin: "abc" });
    expect(page.notices.map((n) => [n.field, text(n)])).toEqual([
      ["industry", "“产业”中有无法识别的选项，已忽略这项筛选；其他条件照常生效。"],
      ["payMin", "月薪请填写 0 到 1000000 之间的整数（元）；这一项暂未用于筛选。"],
    ]);
  });

  it("explains a page past the last one with the number of pages", () => {
    const notice = pageBeyondEnd(read("page=99").params, 2);
    expect(notice && text(notice)).toBe("第 99 页超出范围，共 2 页。");
    expect(pageBeyondEnd(read("page=2").params, 2)).toBeNull();
    expect(pageBeyondEnd(read("page=3").params, 0)).toBeNull();
  });

  it("leaves the API its clear 400 for a reversed period", () => {
    const parsed = parseSearchUrl(new URL("http://x/?startFrom=2027-09-01&endBy=2027-07-01"), { strict: true });
    expect(parsed).toMatchObject({ ok: false, field: "endBy", message: "参数 endBy 有误：结束日期不能早于开始日期" });
  });
});
