import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { languageSchema } from "../../app/schemas/language.ts";

describe("languageSchema", () => {
  it("reads any input as one of the two languages, never refusing it", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("locale", "redirectTo", "x"), fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("en", "zh-CN", "//evil.example", "/search?q=数控", "\u0000en"), fc.array(fc.string()), fc.constant(undefined))), (input) => {
        const parsed = languageSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(["zh-CN", "en"]).toContain(parsed.data?.locale);
        expect(parsed.data?.locale === "en").toBe(input.locale === "en");
      }),
      { numRuns: 500 },
    );
  });
});
