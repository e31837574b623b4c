import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchParamsSchema } from "../../app/schemas/search.ts";
import { seedDemo } from "../../seeds/demo.ts";
import { ensureAllIndexes, indexUid } from "../../search/indexes/index.ts";
import { drainOutboxOnce } from "../../search/outbox.ts";
import { searchCatalog } from "../../search/query.ts";
import { recommendForOrganization } from "../../search/recommend.ts";
import { openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { mean, ndcgAtK, precisionAtK, recall } from "../support/ir-metrics.ts";
import { openTestSearch } from "../support/search.ts";
import labels from "../fixtures/search-quality.json" with { type: "json" };

// Search and recommendation quality on the deterministic demo data, against the labelled set in
// tests/fixtures/search-quality.json. The figures are printed; the test fails when they drop below the
// thresholds, which sit a little under the values measured when they were set (see THRESHOLDS).

/**
 * Measured with the demo seed (DEMO_SEED 20261126) when the thresholds were set (task 56):
 *   search           precision@5 0.960  nDCG@10 0.976  (40 queries; before the search/chinese.ts tuning
 *                    0.885 / 0.901, with 学徒制, 师带徒 and 可编程控制器 finding nothing relevant)
 *   recommendations  precision@5 0.947  nDCG@10 0.785  expected in top 10 0.944  (30 organisations)
 *   hard queries (pilot review, task 56), before → after words as words and "sort" first:
 *                    words  precision over all hits 0.958 → 1.000 (数控 found 中药提取车间实习生 through 参数控制)
 *                    sorted share of neighbouring hits in order 0.856 → 1.000 (5 keyword + sort queries)
 */
const THRESHOLDS = {
  searchPrecisionAt5: 0.94,
  searchNdcgAt10: 0.95,
  recommendPrecisionAt5: 0.92,
  recommendNdcgAt10: 0.76,
  recommendExpectedAt10: 0.92,
  hardWordsPrecision: 0.97,
};

interface HardWordQuery {
  q: string;
  relevant: string[];
  partial?: string[];
  wrong: string[];
}

/** Share of neighbouring pairs that are in order (1 when the list is sorted). */
function inOrderShare(keys: readonly string[], direction: "asc" | "desc"): number {
  if (keys.length < 2) return 1;
  let good = 0;
  for (let i = 1; i < keys.length; i++) {
    const [a, b] = direction === "asc" ? [keys[i - 1], keys[i]] : [keys[i], keys[i - 1]];
    if (a <= b) good++;
  }
  return good / (keys.length - 1);
}

interface Judgement {
  relevant?: string[];
  expected?: string[];
  partial?: string[];
}

/** Grade of a title: 2 when it contains a relevant/expected key, 1 for a partial key, otherwise 0. */
function grader(judgement: Judgement) {
  const strong = [...(judgement.relevant ?? []), ...(judgement.expected ?? [])];
  const partial = judgement.partial ?? [];
  return (title: string) => (strong.some((k) => title.includes(k)) ? 2 : partial.some((k) => title.includes(k)) ? 1 : 0);
}

const f3 = (n: number) => n.toFixed(3);
const print = (line: string) => process.stdout.write(`${line}\n`);

describe("search and recommendation quality on the demo data", () => {
  let database: TestDatabase;
  const search = openTestSearch();
  let dataDir: string;
  let documents: Array<{ id: string; title: string; organizationId: string }> = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-quality-"));
    database = await openTestDatabase("pglite");
    await seedDemo(database.db, { dataDir });
    await ensureAllIndexes(search);
    for (;;) {
      const drained = await drainOutboxOnce(database.db, search);
      expect(drained.failed).toBe(0);
      if (drained.claimed === 0) break;
    }
    const all = await search.client
      .index(indexUid(search))
      .getDocuments({ limit: 10_000, fields: ["id", "title", "organizationId"] });
    documents = all.results as unknown as typeof documents;
  }, 600_000);

  afterAll(async () => {
    await database?.dispose();
    await search.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("indexes the whole demo set", () => {
    expect(documents.length).toBeGreaterThan(200);
  });

  it("ranks the labelled queries' relevant results first (precision@5, nDCG@10)", async () => {
    expect(labels.queries.length).toBeGreaterThanOrEqual(30);
    const precision: number[] = [];
    const ndcg: number[] = [];
    const missed: string[] = [];
    print("\n搜索质量 / search quality (precision@5, nDCG@10):");
    for (const query of labels.queries) {
      const grade = grader(query);
      const result = await searchCatalog(search, searchParamsSchema.parse({ q: query.q }));
      const grades = result.hits.map((hit) => grade(hit.title));
      const judged = documents.map((d) => grade(d.title)).filter((g) => g > 0);
      expect(judged.length, `nothing in the index matches the labels of “${query.q}”`).toBeGreaterThan(0);
      const p = precisionAtK(grades, 5);
      const n = ndcgAtK(grades, judged, 10);
      precision.push(p);
      ndcg.push(n);
      if (!grades.slice(0, 5).some((g) => g > 0)) missed.push(query.q);
      print(`  ${f3(p)}  ${f3(n)}  ${query.q}  (${result.totalHits} hits)`);
    }
    const p5 = mean(precision);
    const n10 = mean(ndcg);
    print(`  mean precision@5 ${f3(p5)}  mean nDCG@10 ${f3(n10)}  over ${labels.queries.length} queries`);
    expect(missed, "queries with nothing relevant in their top 5").toEqual([]);
    expect(p5).toBeGreaterThanOrEqual(THRESHOLDS.searchPrecisionAt5);
    expect(n10).toBeGreaterThanOrEqual(THRESHOLDS.searchNdcgAt10);
  });

  it("matches the hard queries' words as words: nothing found through a word inside another word", async () => {
    const words = labels.hardQueries.words as HardWordQuery[];
    const precision: number[] = [];
    const wrongFound: string[] = [];
    print("\n难查询·按词匹配 / hard queries, words as words (precision over all hits, wrong hits):");
    for (const query of words) {
      const grade = grader(query);
      const result = await searchCatalog(search, searchParamsSchema.parse({ q: query.q, hitsPerPage: 50 }));
      expect(result.hits.length, `“${query.q}” finds something`).toBeGreaterThan(0);
      const p = result.hits.filter((hit) => grade(hit.title) > 0).length / result.hits.length;
      const wrong = result.hits.filter((hit) => query.wrong.some((w) => hit.title.includes(w))).map((hit) => hit.title);
      precision.push(p);
      wrongFound.push(...wrong.map((title) => `${query.q} → ${title}`));
      print(`  ${f3(p)}  ${query.q}  (${result.totalHits} hits${wrong.length ? `; wrong: ${wrong.join("、")}` : ""})`);
    }
    print(`  mean precision ${f3(mean(precision))}  over ${words.length} queries`);
    expect(wrongFound).toEqual([]);
    expect(mean(precision)).toBeGreaterThanOrEqual(THRESHOLDS.hardWordsPrecision);
  });

  it("orders a keyword search by the chosen sort, not by relevance first", async () => {
    const sorted = labels.hardQueries.sorted as Array<{ q: string; sort: "closing" | "newest" }>;
    const shares: number[] = [];
    print("\n难查询·关键词加排序 / hard queries, keyword with a sort (share of neighbouring hits in order):");
    for (const query of sorted) {
      const result = await searchCatalog(search, searchParamsSchema.parse({ q: query.q, sort: query.sort, hitsPerPage: 50 }));
      expect(result.hits.length, `“${query.q}” finds something`).toBeGreaterThan(1);
      const share =
        query.sort === "closing"
          ? inOrderShare(result.hits.map((hit) => hit.validUntil ?? "9999-12-31"), "asc")
          : inOrderShare(result.hits.map((hit) => hit.publishedAt), "desc");
      shares.push(share);
      print(`  ${f3(share)}  ${query.q}  sort=${query.sort}  (${result.hits.length} hits)`);
    }
    print(`  mean in-order share ${f3(mean(shares))}  over ${sorted.length} queries`);
    expect(shares.every((s) => s === 1), "every sorted list is in order").toBe(true);
  });

  it("recommends each labelled organisation its expected counterparts (precision@5, nDCG@10, expected in top 10)", async () => {
    expect(labels.organizations.length).toBeGreaterThanOrEqual(20);
    const organizations = await database.db.selectFrom("organizations").select(["id", "name"]).execute();
    const idOf = new Map(organizations.map((o) => [o.name, o.id]));
    const precision: number[] = [];
    const ndcg: number[] = [];
    const expectedFound: number[] = [];
    print("\n推荐质量 / recommendation quality (precision@5, nDCG@10, expected found in top 10):");
    for (const label of labels.organizations) {
      const id = idOf.get(label.name);
      expect(id, `demo organisation ${label.name}`).toBeDefined();
      const grade = grader(label);
      const items = await recommendForOrganization(database.db, search, id!, { limit: 10 });
      expect(items.every((item) => item.organization.id !== id && item.id !== id), `${label.name} is recommended its own items`).toBe(true);
      const grades = items.map((item) => grade(item.title));
      const judged = documents.filter((d) => d.organizationId !== id).map((d) => grade(d.title)).filter((g) => g > 0);
      const found = new Set(label.expected.filter((key) => items.some((item) => item.title.includes(key))));
      const p = precisionAtK(grades, 5);
      const n = ndcgAtK(grades, judged, 10);
      const r = recall(found, label.expected);
      precision.push(p);
      ndcg.push(n);
      expectedFound.push(r);
      const missing = label.expected.filter((key) => !found.has(key));
      print(`  ${f3(p)}  ${f3(n)}  ${f3(r)}  ${label.name}${missing.length ? `  (missing: ${missing.join("、")})` : ""}`);
    }
    const p5 = mean(precision);
    const n10 = mean(ndcg);
    const e10 = mean(expectedFound);
    print(`  mean precision@5 ${f3(p5)}  mean nDCG@10 ${f3(n10)}  mean expected@10 ${f3(e10)}  over ${labels.organizations.length} organisations`);
    expect(p5).toBeGreaterThanOrEqual(THRESHOLDS.recommendPrecisionAt5);
    expect(n10).toBeGreaterThanOrEqual(THRESHOLDS.recommendNdcgAt10);
    expect(e10).toBeGreaterThanOrEqual(THRESHOLDS.recommendExpectedAt10);
  });
});
