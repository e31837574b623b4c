import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditActionList, auditCategories } from "../../app/domain/audit-actions.ts";
import { AUDIT_MAX_PAGE, auditFilterSchema, auditOutcomes, auditQueryOf, parseAuditFilter } from "../../app/schemas/audit.ts";
import { hostileInput, hostileStrings } from "../support/hostile-input.ts";

const fields = ["action", "category", "outcome", "actor", "org", "from", "to", "page"] as const;
const extras = [...auditActionList, ...auditCategories, ...auditOutcomes, "2026-12-05", "2026-02-30", "0", "10000", "10001", "00000000-0000-4000-8000-000000000000"];

describe("the audit log's filters from the address bar", () => {
  it("never fail: every input gives a known action, category and outcome or none, a real day or none and a page in range", () => {
    fc.assert(
      fc.property(hostileInput(fields, extras), (input) => {
        const result = auditFilterSchema.safeParse(input);
        expect(result.success).toBe(true);
        if (!result.success) return;
        const f = result.data;
        if (f.action !== undefined) expect(auditActionList).toContain(f.action);
        if (f.category !== undefined) expect(auditCategories).toContain(f.category);
        if (f.outcome !== undefined) expect(auditOutcomes).toContain(f.outcome);
        for (const day of [f.from, f.to]) if (day !== undefined) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (f.actor !== undefined) expect(Array.from(f.actor).length).toBeLessThanOrEqual(254);
        expect(Number.isInteger(f.page) && f.page >= 1 && f.page <= AUDIT_MAX_PAGE).toBe(true);
        const query = auditQueryOf(f);
        for (const bound of [query.from, query.to]) if (bound) expect(Number.isNaN(bound.getTime())).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("from a URL, say which dropped filters the page should point out", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...fields, "extra"), hostileStrings(extras)), { maxLength: 10 }), (pairs) => {
        const params = new URLSearchParams(pairs);
        const { filter, badAction, badDate } = parseAuditFilter(params);
        const action = params.get("action")?.trim();
        expect(badAction).toBe(!!action && !filter.action);
        if (badDate) expect(filter.from === undefined || filter.to === undefined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps what makes sense and drops what does not", () => {
    const ok = parseAuditFilter(new URLSearchParams("action=plan.report.accept&category=decision&from=2026-12-01&to=2026-12-05&page=3"));
    expect(ok).toMatchObject({ badAction: false, badDate: false, filter: { action: "plan.report.accept", category: "decision", from: "2026-12-01", to: "2026-12-05", page: 3 } });
    // The end day is included: the bound is the next day's start in China.
    expect(auditQueryOf(ok.filter).to?.toISOString()).toBe("2026-12-05T16:00:00.000Z");
    const bad = parseAuditFilter(new URLSearchParams("action=plan.report.delete&from=2026-02-30&page=99999999"));
    expect(bad).toMatchObject({ badAction: true, badDate: true, filter: { action: undefined, from: undefined, page: 1 } });
  });
});
