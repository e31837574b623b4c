import { MeilisearchError } from "meilisearch";
import type { DB } from "../db.server.ts";
import { runtime } from "../runtime.server.ts";
import { recommendForOrganization, similarListings, type Recommendation } from "../../search/recommend.ts";
import { SearchUnavailableError } from "./search.server.ts";

export type { Recommendation };

/** What the pages show of a recommendation (the publication time as an ISO string). */
export interface RecommendationView extends Omit<Recommendation, "publishedAt"> {
  publishedAt: string;
}

/** Either the list, or "unavailable" when search cannot answer; pages show a note instead of an error. */
export type RecommendationsState = { status: "ok"; items: RecommendationView[] } | { status: "unavailable" };

const view = (r: Recommendation): RecommendationView => ({ ...r, publishedAt: new Date(r.publishedAt * 1000).toISOString() });

export async function findOrganization(db: DB, id: string): Promise<{ id: string; name: string } | null> {
  return (await db.selectFrom("organizations").select(["id", "name"]).where("id", "=", id).executeTakeFirst()) ?? null;
}

/** Ranked recommendations for an organisation; throws SearchUnavailableError when search cannot answer. */
export async function recommendationsFor(organizationId: string, limit = 10): Promise<RecommendationView[]> {
  const rt = runtime();
  if (!rt.searchReady) throw new SearchUnavailableError(new Error("index settings not applied yet"));
  try {
    return (await recommendForOrganization(rt.db, rt.search, organizationId, { limit })).map(view);
  } catch (error) {
    // A database error is a real error; only search failing makes recommendations "unavailable".
    if (!(error instanceof MeilisearchError)) throw error;
    rt.log.warn({ err: error.message }, "recommendations failed");
    throw new SearchUnavailableError(error);
  }
}

/** For the dashboard: never throws for a search problem. */
export async function dashboardRecommendations(organizationId: string, limit = 6): Promise<RecommendationsState> {
  try {
    return { status: "ok", items: await recommendationsFor(organizationId, limit) };
  } catch (error) {
    if (error instanceof SearchUnavailableError) return { status: "unavailable" };
    throw error;
  }
}

/** Listings like a published one, for its public page; "unavailable" when search cannot answer. */
export async function similarToListing(id: string, limit = 6): Promise<RecommendationsState> {
  const rt = runtime();
  if (!rt.searchReady) return { status: "unavailable" };
  try {
    return { status: "ok", items: (await similarListings(rt.search, id, { limit })).map(view) };
  } catch (error) {
    if (!(error instanceof MeilisearchError)) throw error;
    rt.log.warn({ err: error.message }, "similar listings failed");
    return { status: "unavailable" };
  }
}
