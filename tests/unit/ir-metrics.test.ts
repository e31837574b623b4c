import { describe, expect, it } from "vitest";
import { dcgAtK, mean, ndcgAtK, precisionAtK, recall } from "../support/ir-metrics.ts";

// Expected values computed by hand: log2(2) = 1, log2(3) ≈ 1.5849625, log2(4) = 2, log2(5) ≈ 2.3219281.

describe("precision@k", () => {
  it("counts relevant results among the first k, partial ones included", () => {
    expect(precisionAtK([1, 0, 1, 0, 0, 1], 5)).toBe(0.4);
    expect(precisionAtK([2, 1, 0, 0, 2], 5)).toBe(0.6);
  });

  it("counts missing results as misses", () => {
    expect(precisionAtK([1, 1], 5)).toBe(0.4);
    expect(precisionAtK([], 5)).toBe(0);
  });

  it("refuses k ≤ 0", () => {
    expect(() => precisionAtK([1], 0)).toThrow(RangeError);
  });
});

describe("DCG and nDCG", () => {
  it("discounts gains by log2 of the rank + 1", () => {
    // 1/1 + 0 + 1/2 = 1.5
    expect(dcgAtK([1, 0, 1], 10)).toBeCloseTo(1.5, 10);
    // (2^2−1)/1 + 0 + (2^1−1)/2 = 3.5
    expect(dcgAtK([2, 0, 1], 10)).toBeCloseTo(3.5, 10);
    // only the first k count: 3/1 + 0 = 3
    expect(dcgAtK([2, 0, 1], 2)).toBe(3);
  });

  it("divides by the ideal ordering of the judged documents", () => {
    // ideal [1, 1]: 1 + 1/1.5849625 = 1.6309298; 1.5 / 1.6309298 = 0.9197208
    expect(ndcgAtK([1, 0, 1], [1, 1], 10)).toBeCloseTo(0.9197208, 6);
    // ideal [2, 1]: 3 + 0.6309298 = 3.6309298; 3.5 / 3.6309298 = 0.9639404
    expect(ndcgAtK([2, 0, 1], [1, 2], 10)).toBeCloseTo(0.9639404, 6);
    // a relevant document beyond the first k still raises the ideal: [0, 1] vs ideal [1, 1] at k = 2
    // 0.6309298 / 1.6309298 = 0.3868528
    expect(ndcgAtK([0, 1], [1, 1, 1], 2)).toBeCloseTo(0.3868528, 6);
  });

  it("is 1 for the ideal ranking and 0 when nothing relevant is found or exists", () => {
    expect(ndcgAtK([2, 1, 1, 0], [2, 1, 1], 10)).toBeCloseTo(1, 10);
    expect(ndcgAtK([0, 0, 0], [1, 1], 10)).toBe(0);
    expect(ndcgAtK([0, 0], [], 10)).toBe(0);
  });
});

describe("recall and mean", () => {
  it("counts each wanted key once", () => {
    expect(recall(new Set(["a", "c"]), ["a", "b", "c", "d"])).toBe(0.5);
    expect(recall(new Set(), [])).toBe(1);
  });

  it("averages, and is 0 for nothing", () => {
    expect(mean([0.5, 1, 0])).toBeCloseTo(0.5, 10);
    expect(mean([])).toBe(0);
  });
});
