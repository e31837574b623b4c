// Information-retrieval measures for the labelled search and recommendation set
// (tests/fixtures/search-quality.json). A ranking is given as the graded relevance of each result, best
// first: 0 = not relevant, 1 = partly relevant, 2 = relevant.

/** Share of the first k results that are relevant at all (grade > 0); a short list counts its gaps as misses. */
export function precisionAtK(relevances: readonly number[], k: number): number {
  if (k <= 0) throw new RangeError("k must be positive");
  return relevances.slice(0, k).filter((r) => r > 0).length / k;
}

/** Discounted cumulative gain with gain 2^grade − 1 and discount log2(rank + 1). */
export function dcgAtK(relevances: readonly number[], k: number): number {
  return relevances.slice(0, k).reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
}

/**
 * DCG of the ranking divided by the DCG of the best possible ranking of the collection's judged documents
 * (`judged`: the grade of every relevant document in the collection, in any order). 0 when nothing is relevant.
 */
export function ndcgAtK(relevances: readonly number[], judged: readonly number[], k: number): number {
  const ideal = dcgAtK([...judged].sort((a, b) => b - a), k);
  return ideal === 0 ? 0 : dcgAtK(relevances, k) / ideal;
}

/** Share of the wanted keys found among the results (each key once). */
export function recall(found: ReadonlySet<string>, wanted: readonly string[]): number {
  return wanted.length === 0 ? 1 : wanted.filter((w) => found.has(w)).length / wanted.length;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
