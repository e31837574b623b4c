import type { SearchParams as MeiliSearchParams } from "meilisearch";
import type { SearchParams } from "../app/schemas/search.ts";
import type { SearchHandle } from "./client.ts";
import type { CatalogDocument } from "./indexes/catalog.ts";
import { indexUid } from "./indexes/index.ts";
import { chinaDayOf, chinaDayStart, todayInChina } from "../app/utils/dates.ts";

// Highlight markers that cannot occur in text typed by users; the page turns them into <mark> elements and
// the API into escaped HTML, so highlighting never becomes an injection path.
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

export const facetNames = ["kind", "industryGroup", "industry", "majors", "location", "organizationKind", "certified"] as const;
export type FacetName = (typeof facetNames)[number];

const quote = (value: string) => JSON.stringify(value);
const inList = (field: string, values: readonly string[]) => `${field} IN [${values.map(quote).join(", ")}]`;

export function buildFilter(params: SearchParams, now = new Date()): string[] {
  const filter: string[] = [];
  if (params.kind.length) filter.push(inList("kind", params.kind));
  if (params.industryGroup.length) filter.push(inList("industryGroup", params.industryGroup));
  if (params.industry.length) filter.push(inList("industry", params.industry));
  if (params.location.length) filter.push(inList("location", params.location));
  if (params.orgKind.length) filter.push(inList("organizationKind", params.orgKind));
  // What one organisation published: its listings, not its own profile entry.
  if (params.org) filter.push(`organizationId = ${quote(params.org)}`, `type = "listing"`);
  for (const major of params.major) filter.push(`majors = ${quote(major)}`);
  if (params.certified) filter.push(`certified = ${params.certified}`);
  if (params.payMin !== undefined) filter.push(`monthlyPay >= ${params.payMin}`);
  if (params.payMax !== undefined) filter.push(`monthlyPay <= ${params.payMax}`);
  if (params.startFrom) filter.push(`startDate >= ${chinaDayStart(params.startFrom)}`);
  if (params.endBy) filter.push(`endDate <= ${chinaDayStart(params.endBy)}`);
  // "Closing soonest" only makes sense for listings that are still open.
  if (params.sort === "closing") filter.push(`validUntil >= ${chinaDayStart(todayInChina(now))}`);
  return filter;
}

export function buildSearchRequest(params: SearchParams, now = new Date()): MeiliSearchParams {
  const sorted = params.sort !== "relevance";
  return {
    filter: buildFilter(params, now),
    facets: [...facetNames],
    page: params.page,
    hitsPerPage: params.hitsPerPage,
    sort: params.sort === "newest" ? ["publishedAt:desc"] : params.sort === "closing" ? ["validUntil:asc"] : undefined,
    attributesToRetrieve: [
      "id",
      "type",
      "kind",
      "kindLabel",
      "title",
      "organizationId",
      "organizationName",
      "industry",
      "industryLabel",
      "location",
      "locationLabel",
      "majors",
      "publishedAt",
      "validUntil",
      "monthlyPay",
      "certified",
    ],
    attributesToHighlight: ["title", "description"],
    attributesToCrop: ["description"],
    cropLength: 40,
    cropMarker: "…",
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
    // Meilisearch ranks by matched words before any rule (even "sort"), so under an explicit sort every hit
    // must match every word, or the partial matches would trail the list out of order.
    matchingStrategy: sorted ? "all" : "last",
  };
}

export interface SearchHit {
  id: string;
  kind: CatalogDocument["kind"];
  kindLabel: string;
  title: string;
  /** Title with highlight markers. */
  titleMarked: string;
  organization: { id: string; name: string };
  industry: string | null;
  industryLabel: string | null;
  location: string | null;
  locationLabel: string | null;
  majors: string[];
  certified: boolean;
  monthlyPay?: number;
  /** Cropped description with highlight markers. */
  snippetMarked: string;
  url: string;
  publishedAt: string;
  validUntil?: string;
}

export interface SearchResult {
  hits: SearchHit[];
  facets: Partial<Record<FacetName, Record<string, number>>>;
  totalHits: number;
  page: number;
  totalPages: number;
  processingTimeMs: number;
}

interface PagedResponse {
  hits: Array<CatalogDocument & { _formatted?: Record<string, unknown> }>;
  facetDistribution?: Record<string, Record<string, number>>;
  totalHits: number;
  page: number;
  totalPages: number;
  processingTimeMs: number;
}

export function urlOf(doc: Pick<CatalogDocument, "type" | "id">): string {
  return doc.type === "organization" ? `/orgs/${doc.id}` : `/l/${doc.id}`;
}

export async function searchCatalog(search: SearchHandle, params: SearchParams, now = new Date()): Promise<SearchResult> {
  // With page/hitsPerPage Meilisearch answers with exact totals (totalHits, totalPages).
  const response = (await search.client
    .index<CatalogDocument>(indexUid(search))
    .search(params.q, buildSearchRequest(params, now))) as unknown as PagedResponse;
  const hits = response.hits.map((hit): SearchHit => {
    const formatted = (hit._formatted ?? {}) as Partial<Record<keyof CatalogDocument, string>>;
    return {
      id: hit.id,
      kind: hit.kind,
      kindLabel: hit.kindLabel,
      title: hit.title,
      titleMarked: formatted.title ?? hit.title,
      organization: { id: hit.organizationId, name: hit.organizationName },
      industry: hit.industry,
      industryLabel: hit.industryLabel,
      location: hit.location,
      locationLabel: hit.locationLabel,
      majors: hit.majors ?? [],
      certified: hit.certified,
      monthlyPay: hit.monthlyPay,
      snippetMarked: formatted.description ?? "",
      url: urlOf(hit),
      publishedAt: new Date(hit.publishedAt * 1000).toISOString(),
      validUntil: hit.validUntil ? chinaDayOf(hit.validUntil) : undefined,
    };
  });
  return {
    hits,
    facets: (response.facetDistribution ?? {}) as SearchResult["facets"],
    totalHits: response.totalHits,
    page: response.page,
    totalPages: response.totalPages,
    processingTimeMs: response.processingTimeMs,
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Escaped HTML with <mark> around matches, for API clients. */
export function markedToHtml(marked: string): string {
  return escapeHtml(marked).replaceAll(MARK_START, "<mark>").replaceAll(MARK_END, "</mark>");
}

export function stripMarks(marked: string): string {
  return marked.replaceAll(MARK_START, "").replaceAll(MARK_END, "");
}
