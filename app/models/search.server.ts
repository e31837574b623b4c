import type { SearchParams } from "../schemas/search.ts";
import { runtime } from "../runtime.server.ts";
import { searchCatalog, type SearchResult } from "../../search/query.ts";
import { SearchStatsBuffer } from "./search-stats.server.ts";
import type { BackgroundTask } from "../background.server.ts";
import type { DB } from "../db.server.ts";

export const searchStats = new SearchStatsBuffer();

export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super("search unavailable", { cause });
    this.name = "SearchUnavailableError";
  }
}

/** Runs a catalog search and counts it (anonymously) for the zero-result report. */
export async function runSearch(params: SearchParams): Promise<SearchResult> {
  const rt = runtime();
  if (!rt.searchReady) throw new SearchUnavailableError(new Error("index settings not applied yet"));
  let result: SearchResult;
  try {
    result = await searchCatalog(rt.search, params);
  } catch (error) {
    rt.log.warn({ err: (error as Error).message }, "search failed");
    throw new SearchUnavailableError(error);
  }
  if (params.page === 1) searchStats.record(params.q, result.totalHits);
  return result;
}

/** Writes the buffered counts every few seconds: a task of the background loop (and once more at stop). */
export function searchStatsTask(db: DB, everyMs = 5000): BackgroundTask {
  return {
    name: "search-stats",
    everyMs,
    run: () => searchStats.flush(db),
    stop: async () => {
      await searchStats.flush(db);
    },
  };
}
