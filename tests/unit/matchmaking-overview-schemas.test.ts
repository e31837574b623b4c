import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overviewFilterSchema, overviewStatuses, overviewViews } from "../../app/schemas/matchmaking-overview.ts";
import { hostileInput } from "../support/hostile-input.ts";

describe("the matchmaking overview's filters from the address bar", () => {
  it("never fail: every input gives a known view, a status of that view or none, a short NUL-free query and a page", () => {
    const extras = [...overviewViews, ...Object.values(overviewStatuses).flat(), "2", "10001"];
    fc.assert(
      fc.property(hostileInput(["view", "status", "q", "page"], extras), (input) => {
        const result = overviewFilterSchema.safeParse(input);
        expect(result.success).toBe(true);
        if (!result.success) return;
        const f = result.data;
        expect(overviewViews).toContain(f.view);
        if (f.status !== undefined) expect(overviewStatuses[f.view] as readonly string[]).toContain(f.status);
        if (f.q !== undefined) {
          expect(Array.from(f.q).length).toBeLessThanOrEqual(100);
          expect(f.q).not.toContain("\u0000");
          expect(f.q.trim()).toBe(f.q);
          expect(f.q).not.toBe("");
        }
        expect(Number.isInteger(f.page) && f.page >= 1 && f.page <= 10_000).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps what makes sense", () => {
    expect(overviewFilterSchema.parse({ view: "orders", status: "completed", q: " 秦岭 ", page: "3" })).toEqual({ view: "orders", status: "completed", q: "秦岭", page: 3 });
    expect(overviewFilterSchema.parse({})).toEqual({ view: "responses", status: undefined, q: undefined, page: 1 });
  });
});
