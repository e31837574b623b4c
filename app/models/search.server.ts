import type { SearchParams } from "../schemas/search.ts";
import { runtime } from "../runtime.server.ts";
import { searchCatalog, type SearchResult } from "../../search/query.ts";
import { SearchStatsBuffer } from "./search-stats.server.ts";

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

/** Writes the buffered counts every few seconds (started with the server). */
export function startSearchStatsFlusher(intervalMs = 5000): () => Promise<void> {
  const rt = runtime();
  const flush = () => searchStats.flush(rt.db).catch((e) => rt.log.warn({ err: (e as Error).message }, "search stats flush failed"));
  const timer = setInterval(flush, intervalMs);
  return async () => {
    clearInterval(timer);
    await flush();
  };
}
