import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCreditHistory, creditOf, formatFen, parseYuanToFen } from "../../app/domain/surcharge-credit.ts";

const yuan = (n: number) => n * 100;

describe("education-surcharge credit (task 48)", () => {
  it("credits 30% of the year's investment, rounded half up to the fen", () => {
    expect(creditOf(yuan(1_000_000))).toBe(yuan(300_000));
    expect(creditOf(1)).toBe(0); // 0.3 fen
    expect(creditOf(2)).toBe(1); // 0.6 fen
    expect(creditOf(5)).toBe(2); // 1.5 fen → 2
    expect(creditOf(15)).toBe(5); // 4.5 fen → 5
    expect(() => creditOf(-1)).toThrow(RangeError);
    expect(() => creditOf(1.5)).toThrow(RangeError);
  });

  it("caps the credit at the year's payable and carries the rest forward", () => {
    const [y] = computeCreditHistory([{ year: 2026, investmentFen: yuan(1_000_000), payableFen: yuan(120_000) }]);
    expect(y.newCreditFen).toBe(yuan(300_000));
    expect(y.creditedFen).toBe(yuan(120_000));
    expect(y.payableAfterFen).toBe(0);
    expect(y.carriedOutFen).toBe(yuan(180_000));
    expect(y.uses).toEqual([{ fromYear: 2026, amountFen: yuan(120_000) }]);
  });

  it("uses carried credit first, oldest year first (FIFO), across several years", () => {
    const history = computeCreditHistory([
      { year: 2026, investmentFen: yuan(1_000_000), payableFen: yuan(100_000) }, // +300k, use 100k of 2026, carry 200k
      { year: 2027, investmentFen: yuan(500_000), payableFen: yuan(150_000) }, // +150k, use 150k of 2026, carry 50k(2026)+150k(2027)
      { year: 2028, investmentFen: 0, payableFen: yuan(120_000) }, // use 50k(2026) then 70k(2027), carry 80k(2027)
      { year: 2029, investmentFen: yuan(100_000), payableFen: yuan(200_000) }, // +30k, use 80k(2027) + 30k(2029), carry 0
    ]);
    expect(history.map((h) => [h.year, h.carriedInFen, h.creditedFen, h.carriedOutFen])).toEqual([
      [2026, 0, yuan(100_000), yuan(200_000)],
      [2027, yuan(200_000), yuan(150_000), yuan(200_000)],
      [2028, yuan(200_000), yuan(120_000), yuan(80_000)],
      [2029, yuan(80_000), yuan(110_000), 0],
    ]);
    expect(history[1].uses).toEqual([{ fromYear: 2026, amountFen: yuan(150_000) }]);
    expect(history[1].creditedFromCarryFen).toBe(yuan(150_000));
    expect(history[2].uses).toEqual([
      { fromYear: 2026, amountFen: yuan(50_000) },
      { fromYear: 2027, amountFen: yuan(70_000) },
    ]);
    expect(history[3].uses).toEqual([
      { fromYear: 2027, amountFen: yuan(80_000) },
      { fromYear: 2029, amountFen: yuan(30_000) },
    ]);
    expect(history[3].payableAfterFen).toBe(yuan(90_000));
  });

  it("sorts years and refuses a year given twice", () => {
    const history = computeCreditHistory([
      { year: 2028, investmentFen: 0, payableFen: 100 },
      { year: 2026, investmentFen: 1000, payableFen: 0 },
    ]);
    expect(history.map((h) => h.year)).toEqual([2026, 2028]);
    expect(history[1].creditedFen).toBe(100);
    expect(history[1].carriedOutFen).toBe(200);
    expect(() =>
      computeCreditHistory([
        { year: 2026, investmentFen: 0, payableFen: 0 },
        { year: 2026, investmentFen: 0, payableFen: 0 },
      ]),
    ).toThrow(RangeError);
  });

  const yearInputs = fc
    .uniqueArray(fc.integer({ min: 2000, max: 2100 }), { minLength: 1, maxLength: 12 })
    .chain((years) =>
      fc.tuple(
        ...years.map((year) =>
          fc.record({ year: fc.constant(year), investmentFen: fc.integer({ min: 0, max: 10_000_000_000 }), payableFen: fc.integer({ min: 0, max: 5_000_000_000 }) }),
        ),
      ),
    );

  it("property: everything credited plus what is still carried equals 30% of all investment", () => {
    fc.assert(
      fc.property(yearInputs, (inputs) => {
        const history = computeCreditHistory(inputs);
        const credited = history.reduce((s, h) => s + h.creditedFen, 0);
        const carried = history[history.length - 1].carriedOutFen;
        const granted = inputs.reduce((s, i) => s + creditOf(i.investmentFen), 0);
        expect(credited + carried).toBe(granted);
      }),
    );
  });

  it("property: each year credits no more than its payable and no more than is available; carry chains up", () => {
    fc.assert(
      fc.property(yearInputs, (inputs) => {
        const history = computeCreditHistory(inputs);
        let carried = 0;
        for (const h of history) {
          expect(h.carriedInFen).toBe(carried);
          expect(h.creditedFen).toBeLessThanOrEqual(h.payableFen);
          expect(h.creditedFen).toBe(Math.min(h.payableFen, h.carriedInFen + h.newCreditFen));
          expect(h.creditedFen + h.payableAfterFen).toBe(h.payableFen);
          expect(h.carriedOutFen).toBe(h.carriedInFen + h.newCreditFen - h.creditedFen);
          expect(h.uses.reduce((s, u) => s + u.amountFen, 0)).toBe(h.creditedFen);
          // FIFO: this year's own credit is touched only once the carried credit is used up.
          if (h.uses.some((u) => u.fromYear === h.year)) expect(h.creditedFromCarryFen).toBe(h.carriedInFen);
          for (const v of [h.creditedFen, h.carriedOutFen, h.newCreditFen]) expect(Number.isInteger(v)).toBe(true);
          carried = h.carriedOutFen;
        }
      }),
    );
  });

  it("reads and writes yuan amounts exactly in fen", () => {
    expect(parseYuanToFen("1,234.5")).toBe(123_450);
    expect(parseYuanToFen("0.01")).toBe(1);
    expect(parseYuanToFen("125000")).toBe(12_500_000);
    expect(parseYuanToFen("1.234")).toBeNull();
    expect(parseYuanToFen("-5")).toBeNull();
    expect(parseYuanToFen("abc")).toBeNull();
    expect(formatFen(123_450)).toBe("1,234.50");
    expect(formatFen(5)).toBe("0.05");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999_999 }), (fen) => {
        expect(parseYuanToFen(formatFen(fen))).toBe(fen);
      }),
    );
  });
});
