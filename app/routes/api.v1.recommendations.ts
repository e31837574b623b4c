import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { createTranslator, messageOrText } from "~/i18n/index.ts";
import { canSeeRecommendations, getActor } from "~/models/policy.server.ts";
import { findOrganization, recommendationsFor } from "~/models/recommendations.server.ts";
import { SearchUnavailableError } from "~/models/search.server.ts";
import { recommendationParamNames, recommendationParamsSchema } from "~/schemas/recommendations.ts";
import { paramsObject } from "~/schemas/search.ts";

// GET /api/v1/recommendations?organization=<uuid>&limit=<1..50> — explained recommendations (task 56) for
// members of that organisation and platform staff. Another organisation's id answers 404, like an unknown one.

const headers = { "Cache-Control": "private, no-store", Vary: "Cookie" };

const error = (status: number, code: string, message: string, field?: string) =>
  Response.json({ error: { code, ...(field ? { field } : {}), message } }, { status, headers });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const t = createTranslator();
  if (!actor) return error(401, "unauthorized", t("recommend.api.loginRequired"));

  const url = new URL(request.url);
  for (const name of url.searchParams.keys()) {
    if (!recommendationParamNames.includes(name)) return error(400, "bad_request", t("recommend.api.unknownParam", { name }), name);
  }
  const parsed = recommendationParamsSchema.safeParse(paramsObject(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "?");
    const message = messageOrText(t, issue.message);
    return error(400, "bad_request", t("recommend.api.badParam", { name: field, message }), field);
  }
  const { organization: organizationId, limit } = parsed.data;

  if (!canSeeRecommendations(actor, organizationId)) return error(404, "not_found", t("recommend.api.notFound"));
  const organization = await findOrganization(appDb(), organizationId);
  if (!organization) return error(404, "not_found", t("recommend.api.notFound"));

  try {
    const items = await recommendationsFor(organization.id, limit);
    return Response.json(
      { organization, items: items.map((item) => ({ ...item, url: new URL(item.url, url.origin).toString() })) },
      { headers },
    );
  } catch (caught) {
    if (!(caught instanceof SearchUnavailableError)) throw caught;
    return Response.json(
      { error: { code: "search_unavailable", message: t("search.unavailable") } },
      { status: 503, headers: { ...headers, "Retry-After": "5" } },
    );
  }
}
