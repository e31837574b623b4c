import type { MessageKey } from "../i18n/translate.ts";
import { paramsObject, searchParamsSchema, type SearchParams } from "../schemas/search.ts";

// The /search page's reading of its URL (pilot review, plan task 56): unlike the API, which answers 400, the page
// always searches. A bad filter is named in words next to its field and dropped on its own — every other filter
// stays applied —, a reversed range is swapped with a note, and what was typed is shown back in its field.

export interface SearchNotice {
  /** The URL parameter the notice is about; the page shows it next to that field. */
  field: string;
  key: MessageKey;
  vars?: Record<string, string | number>;
  /** The filter's name, filling {filter} in the message. */
  filter?: MessageKey;
}

export interface SearchPageQuery {
  params: SearchParams;
  notices: SearchNotice[];
  /** What was typed in a field that could not be used, to show back in that field. */
  typed: Record<string, string>;
}

/** Filter names as a person reads them, for the list filters' notices. */
const listFilters: Record<string, MessageKey> = {
  kind: "search.facet.kind",
  industryGroup: "search.facet.industryGroup",
  industry: "search.facet.industry",
  location: "search.facet.location",
  orgKind: "search.facet.organizationKind",
  major: "search.facet.majors",
  certified: "search.facet.certified",
};

const fieldNotices: Record<string, MessageKey> = {
  q: "search.notice.query",
  payMin: "search.notice.pay",
  payMax: "search.notice.pay",
  startFrom: "search.notice.date",
  endBy: "search.notice.date",
  sort: "search.notice.sort",
  page: "search.notice.page",
  hitsPerPage: "search.notice.page",
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const wholeNumber = (value: string | undefined) => (value !== undefined && /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : undefined);
const isDay = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

function noticeFor(field: string, zodMessage: string): SearchNotice {
  const filter = listFilters[field];
  if (filter) return { field, key: zodMessage === "search.tooMany" ? "search.notice.tooMany" : "search.notice.badOption", filter };
  return { field, key: fieldNotices[field] ?? "search.notice.ignored" };
}

export function readSearchPage(url: URL): SearchPageQuery {
  const raw: Record<string, string | string[] | undefined> = {};
  const known = new Set(Object.keys(searchParamsSchema.shape));
  for (const [key, value] of Object.entries(paramsObject(url.searchParams))) if (known.has(key)) raw[key] = value;
  const notices: SearchNotice[] = [];
  const typed: Record<string, string> = {};

  const payMin = wholeNumber(first(raw.payMin));
  const payMax = wholeNumber(first(raw.payMax));
  if (payMin !== undefined && payMax !== undefined && payMin > payMax) {
    [raw.payMin, raw.payMax] = [String(payMax), String(payMin)];
    notices.push({ field: "payMax", key: "search.notice.paySwapped", vars: { min: payMax, max: payMin } });
  }
  const startFrom = first(raw.startFrom);
  const endBy = first(raw.endBy);
  if (isDay(startFrom) && isDay(endBy) && startFrom > endBy) {
    [raw.startFrom, raw.endBy] = [endBy, startFrom];
    notices.push({ field: "endBy", key: "search.notice.periodSwapped", vars: { from: endBy, to: startFrom } });
  }
  const q = first(raw.q);
  if (typeof q === "string" && q.trim().length > 100) {
    raw.q = q.trim().slice(0, 100);
    notices.push({ field: "q", key: "search.notice.query" });
  }

  // Each bad field is dropped on its own; the schema is read again until what remains is valid.
  for (let round = 0; round < known.size + 1; round++) {
    const result = searchParamsSchema.safeParse(raw);
    if (result.success) return { params: result.data, notices, typed };
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (!(field in raw) || field in typed) continue;
      const value = raw[field];
      typed[field] = Array.isArray(value) ? value.join(",") : (value ?? "");
      delete raw[field];
      notices.push(noticeFor(field, issue.message));
    }
  }
  return { params: searchParamsSchema.parse({}), notices, typed };
}

/** A page past the last one is explained with the number of pages, never as "nothing found". */
export function pageBeyondEnd(params: SearchParams, totalPages: number): SearchNotice | null {
  return totalPages > 0 && params.page > totalPages
    ? { field: "page", key: "search.notice.pageBeyond", vars: { page: params.page, pages: totalPages } }
    : null;
}
