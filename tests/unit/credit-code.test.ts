import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidCreditCode, withCheckChar } from "../../app/domain/credit-code.ts";

const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts published codes and rejects a changed check character", () => {
    // The standard's own example, 深圳市腾讯计算机系统有限公司 and 阿里巴巴（中国）有限公司, as published.
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("91440300708461136T")).toBe(true);
    expect(isValidCreditCode("91330100799655058B")).toBe(true);
    expect(isValidCreditCode("91330100799655058C")).toBe(false);
  });

  it("rejects wrong lengths and letters outside the charset", () => {
    expect(isValidCreditCode("9133010079965505")).toBe(false);
    expect(isValidCreditCode("91330100799655058BX")).toBe(false);
    expect(isValidCreditCode("9133010079965505IB")).toBe(false);
  });

  it("detects any single changed character", () => {
    const body = fc.tuple(
      fc.constantFrom(..."159Y"),
      fc.constantFrom(..."123"),
      fc.stringMatching(/^\d{6}$/),
      fc.array(fc.constantFrom(...charset), { minLength: 9, maxLength: 9 }),
    );
    fc.assert(
      fc.property(body, fc.nat(16), fc.constantFrom(...charset), ([a, b, area, rest], pos, replacement) => {
        const code = withCheckChar(`${a}${b}${area}${rest.join("")}`);
        expect(isValidCreditCode(code)).toBe(true);
        const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
        fc.pre(changed !== code && /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(changed));
        expect(isValidCreditCode(changed)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
