import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaDayOf, chinaDayStart, todayInChina } from "../../app/utils/dates.ts";
import { buildFilter } from "../../search/query.ts";
import { searchParamsSchema } from "../../app/schemas/search.ts";

const day = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe("China days in the search index", () => {
  it("reads back every day it stores, at any second of that day", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 86_399 }), (date, second) => {
        expect(chinaDayOf(chinaDayStart(date))).toBe(date);
        expect(chinaDayOf(chinaDayStart(date) + second)).toBe(date);
      }),
    );
  });

  it("keeps a listing closing today in 'closing soonest' at 23:30 and drops yesterday's at 00:30, China time", () => {
    const params = searchParamsSchema.parse({ sort: "closing" });
    const lateEvening = new Date("2026-12-03T23:30:00+08:00");
    const justAfterMidnight = new Date("2026-12-04T00:30:00+08:00");
    expect(todayInChina(lateEvening)).toBe("2026-12-03");
    expect(buildFilter(params, lateEvening)).toContain(`validUntil >= ${chinaDayStart("2026-12-03")}`);
    expect(buildFilter(params, justAfterMidnight)).toContain(`validUntil >= ${chinaDayStart("2026-12-04")}`);
  });
});
