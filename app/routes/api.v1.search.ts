import type { LoaderFunctionArgs } from "@remix-run/node";
import { createTranslator } from "~/i18n/index.ts";
import { apiResponse, parseSearchUrl } from "~/models/search-api.server.ts";
import { runSearch, SearchUnavailableError } from "~/models/search.server.ts";

const headers = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearchUrl(url, { strict: true });
  if (!parsed.ok) {
    return Response.json({ error: { code: "bad_request", field: parsed.field, message: parsed.message } }, { status: 400, headers });
  }
  try {
    return Response.json(apiResponse(await runSearch(parsed.params), url.origin), { headers });
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    const message = createTranslator()("search.unavailable");
    return Response.json({ error: { code: "search_unavailable", message } }, { status: 503, headers: { ...headers, "Retry-After": "5" } });
  }
}
