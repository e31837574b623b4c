import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseQuery, SearchStatsBuffer, searchTotals, topZeroResultQueries } from "../../app/models/search-stats.server.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

describe.each(backends)("search statistics on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(() => database?.dispose());

  it("counts searches anonymously and ranks the most frequent zero-result queries", async () => {
    const buffer = new SearchStatsBuffer();
    for (let i = 0; i < 3; i++) buffer.record("  焊接 机器人 ", 0);
    buffer.record("焊接   机器人", 0);
    buffer.record("数控", 12);
    buffer.record("无人机植保", 0);
    buffer.record("", 0);
    expect(await buffer.flush(database.db, "2026-11-20")).toBe(4);
    buffer.record("无人机植保", 0);
    buffer.record("无人机植保", 0);
    buffer.record("焊接 机器人", 0);
    await buffer.flush(database.db, "2026-11-21");
    expect(await buffer.flush(database.db, "2026-11-21")).toBe(0);

    expect(await searchTotals(database.db)).toEqual({ searches: 10, zeroResults: 8 });
    const top = await topZeroResultQueries(database.db);
    expect(top.map((r) => [r.query, r.zeroResults])).toEqual([
      ["焊接 机器人", 5],
      ["无人机植保", 3],
    ]);
    expect(top[0].lastDay).toBe("2026-11-21");
    expect(await topZeroResultQueries(database.db, { sinceDay: "2026-11-21" })).toHaveLength(2);
    const columns = await database.db.selectFrom("search_query_stats").selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(columns).sort()).toEqual(["day", "query", "searches", "zero_results"]);
  });

  it("normalises case and spaces", () => {
    expect(normaliseQuery("  CNC   Lathe ")).toBe("cnc lathe");
  });
});
