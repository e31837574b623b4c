import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanControls, filterText, optionalText, requiredText, tagList } from "../../app/schemas/fields.ts";
import { eventFilterSchema } from "../../app/schemas/event.ts";
import { listingQueueFilterSchema } from "../../app/schemas/listing-review.ts";
import { overviewFilterSchema } from "../../app/schemas/matchmaking-overview.ts";
import { reviewQueueFilterSchema } from "../../app/schemas/organization-review.ts";
import { directoryFilterSchema } from "../../app/schemas/certification.ts";
import { planFilterSchema } from "../../app/schemas/plan-tracking.ts";
import { searchParamsSchema } from "../../app/schemas/search.ts";

// NUL reached PostgreSQL through text fields and list filters and gave a 500. No text that leaves
// a schema carries a control character; only multi-line text keeps its line breaks and tabs.
// eslint-disable-next-line no-control-regex -- control characters are what this checks for
const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- control characters are what this checks for
const anyControlInLine = /[\u0000-\u001f\u007f-\u009f]/;
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.constantFrom("\u0000", "驳回\u0000原因", "a\r\nb\tc", "\u001b[31m红\u0085"));

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe(cleanControls.name, () => {
  it("drops NUL, escape and C1 characters and folds line breaks in single-line text", () => {
    expect(cleanControls("秦岭\u0000精工\u001b[0m\u0085")).toBe("秦岭精工[0m");
    expect(cleanControls("第一行\r\n第二行\t完")).toBe("第一行 第二行 完");
  });

  it("keeps line breaks (as \\n) and tabs in multi-line text", () => {
    expect(cleanControls("第一行\r\n第二行\r第三行\t完\u0000", { multiline: true })).toBe("第一行\n第二行\n第三行\t完");
  });
});

describe("text helpers and list filters with control characters", () => {
  it("single-line text helpers never let a control character through", () => {
    fc.assert(
      fc.property(text, (v) => {
        for (const schema of [requiredText(200), optionalText(200), filterText(100), tagList(10)]) {
          const result = schema.safeParse(v);
          if (result.success) for (const s of strings(result.data)) expect(s).not.toMatch(anyControlInLine);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("multi-line text helpers keep only line feeds and tabs", () => {
    fc.assert(
      fc.property(text, (v) => {
        for (const schema of [requiredText(200, 1, { multiline: true }), optionalText(200, { multiline: true })]) {
          const result = schema.safeParse(v);
          if (result.success) for (const s of strings(result.data)) expect(s).not.toMatch(control);
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["events", eventFilterSchema, ["q"]],
    ["listing review queue", listingQueueFilterSchema, ["q", "kind"]],
    ["matchmaking overview", overviewFilterSchema, ["q", "status", "view"]],
    ["organization review queue", reviewQueueFilterSchema, ["q", "kind"]],
    ["certification directory", directoryFilterSchema, ["q", "type"]],
    ["plan", planFilterSchema, ["unit", "status"]],
    ["search", searchParamsSchema, ["q", "major"]],
  ] as const)("the %s filter answers clean text or nothing, never an error", (_name, schema, keys) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), text), { maxLength: 4 }), (pairs) => {
        const result = schema.safeParse(Object.fromEntries(pairs));
        if (schema !== searchParamsSchema) expect(result.success).toBe(true);
        if (result.success) for (const s of strings(result.data)) expect(s).not.toMatch(anyControlInLine);
      }),
      { numRuns: 300 },
    );
  });
});
