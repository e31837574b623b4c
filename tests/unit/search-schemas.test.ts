import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSearchUrl } from "../../app/models/search-api.server.ts";
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
