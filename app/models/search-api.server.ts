import { createTranslator, messageOrText } from "../i18n/translate.ts";
import { paramsObject, searchParamsSchema, type SearchParams } from "../schemas/search.ts";
import { markedToHtml, stripMarks, type SearchResult } from "../../search/query.ts";
import { runSearch, SearchUnavailableError } from "./search.server.ts";

const t = createTranslator();
const allowed = Object.keys(searchParamsSchema.shape);

export type ParsedSearch = { ok: true; params: SearchParams } | { ok: false; field: string; message: string };

/** Reads search parameters from a URL; `strict` (the API) refuses names it does not know. */
export function parseSearchUrl(url: URL, options: { strict: boolean }): ParsedSearch {
  if (options.strict) {
    for (const name of url.searchParams.keys()) {
      if (!allowed.includes(name)) return { ok: false, field: name, message: t("search.unknownParam", { name, allowed: allowed.join(", ") }) };
    }
  }
  const result = searchParamsSchema.safeParse(paramsObject(url.searchParams));
  if (result.success) return { ok: true, params: result.data };
  const issue = result.error.issues[0];
  const field = String(issue.path[0] ?? "?");
  const message = messageOrText(t, issue.message);
  return { ok: false, field, message: t("search.badParam", { name: field, message }) };
}

/** The public API's shape of a result (documented in /api/v1/openapi.json). */
export function apiResponse(result: SearchResult, origin: string) {
  return {
    hits: result.hits.map((hit) => ({
      id: hit.id,
      kind: hit.kind,
      title: stripMarks(hit.titleMarked),
      organization: hit.organization,
      industry: hit.industry ? { id: hit.industry, label: hit.industryLabel } : null,
      location: hit.location ? { id: hit.location, label: hit.locationLabel } : null,
      snippet: markedToHtml(hit.snippetMarked),
      url: new URL(hit.url, origin).toString(),
      publishedAt: hit.publishedAt,
      // The China day the listing closes, as on its page and its search card (task 56).
      ...(hit.validUntil ? { validUntil: hit.validUntil } : {}),
    })),
    facets: result.facets,
    totalHits: result.totalHits,
    page: result.page,
    totalPages: result.totalPages,
    processingTimeMs: result.processingTimeMs,
  };
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const apiHeaders = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };

/** GET /api/v1/search: 200 with results, 400 naming the bad parameter, 503 while search is unavailable. */
export async function answerSearchApi(url: URL): Promise<ApiAnswer> {
  const parsed = parseSearchUrl(url, { strict: true });
  if (!parsed.ok) {
    return { status: 400, headers: apiHeaders, body: { error: { code: "bad_request", field: parsed.field, message: parsed.message } } };
  }
  try {
    return { status: 200, headers: apiHeaders, body: apiResponse(await runSearch(parsed.params), url.origin) };
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return {
      status: 503,
      headers: { ...apiHeaders, "Retry-After": "5" },
      body: { error: { code: "search_unavailable", message: t("search.unavailable") } },
    };
  }
}
