import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inboxActionSchema, inboxFilterSchema } from "../../app/schemas/notification.ts";

const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom("", "0", "-1", "1.5", "1e308", "NaN", "__proto__", "constructor", "read", "read-all", "1", "9".repeat(40)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.integer(),
);

describe("notification inbox input", () => {
  it("filters from the address bar always parse to a usable page", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("unread", "page", "__proto__", "x"), hostile), (query) => {
        const filter = inboxFilterSchema.parse(query);
        expect(Number.isInteger(filter.page) && filter.page >= 1 && filter.page <= 100_000).toBe(true);
        expect([undefined, "1"]).toContain(filter.unread);
      }),
      { numRuns: 500 },
    );
  });

  it("actions either parse to a known intent with a positive id or fail without throwing", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("intent", "id", "__proto__", "constructor"), hostile), (form) => {
        const result = inboxActionSchema.safeParse(form);
        if (result.success && result.data.intent === "read") expect(result.data.id).toBeGreaterThan(0);
        if (result.success) expect(["read", "read-all"]).toContain(result.data.intent);
      }),
      { numRuns: 500 },
    );
    expect(inboxActionSchema.safeParse({ intent: "read", id: "-3" }).success).toBe(false);
    expect(inboxActionSchema.safeParse({ intent: "read", id: "12" })).toMatchObject({ success: true, data: { id: 12 } });
  });
});
