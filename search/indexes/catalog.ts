import type { Listing, Organization } from "../../db/schema.ts";
import { industryGroupOf, isIndustryId } from "../../app/domain/industries.ts";
import { createTranslator, type MessageKey } from "../../app/i18n/translate.ts";
import { domainDictionary, domainStopWords, domainSynonyms } from "../chinese.ts";
import type { IndexDefinition } from "../settings.ts";
import { chinaDayStart } from "../../app/utils/dates.ts";

/**
 * One index for everything the search box covers — the five kinds of listing and verified organisations —
 * so one query ranks, facets and paginates them together with exact totals.
 */
export const catalogIndex: IndexDefinition = {
  name: "catalog",
  primaryKey: "id",
  settings: {
    searchableAttributes: ["title", "majors", "skills", "organizationName", "industryLabel", "kindLabel", "locationLabel", "description"],
    filterableAttributes: [
      "type",
      "kind",
      "industry",
      "industryGroup",
      "location",
      "majors",
      "skills",
      "organizationId",
      "organizationKind",
      "certified",
      "monthlyPay",
      "startDate",
      "endDate",
      "validUntil",
      "publishedAt",
    ],
    sortableAttributes: ["publishedAt", "validUntil", "monthlyPay"],
    // An explicit sort (closing, newest) comes before relevance, so /search?q=数控&sort=closing is in closing
    // order; without one the "sort" rule does nothing and relevance ranks. Among equally relevant results the
    // newer one comes first.
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness", "publishedAt:desc"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
    dictionary: domainDictionary,
    synonyms: domainSynonyms,
    stopWords: domainStopWords,
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: 10_000 },
  },
};

export type CatalogKind = Listing["kind"] | "organization";

export interface CatalogDocument {
  id: string;
  type: "listing" | "organization";
  kind: CatalogKind;
  kindLabel: string;
  title: string;
  description: string;
  organizationId: string;
  organizationName: string;
  organizationKind: Organization["kind"];
  certified: boolean;
  industry: string | null;
  industryGroup: string | null;
  industryLabel: string | null;
  location: string | null;
  locationLabel: string | null;
  majors: string[];
  skills: string[];
  publishedAt: number;
  validUntil?: number;
  monthlyPay?: number;
  startDate?: number;
  endDate?: number;
  positions?: number;
  students?: number;
  seats?: number;
  priceYuan?: number;
  cooperationType?: string;
  studentCount?: number;
  staffCount?: number;
}

const t = createTranslator("zh-CN");
const seconds = (value: Date | string) => Math.floor(new Date(value).getTime() / 1000);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function industryFields(value: string | null) {
  const industry = value && isIndustryId(value) ? value : null;
  return {
    industry,
    industryGroup: industry ? industryGroupOf(industry) : null,
    industryLabel: industry ? t(`industry.${industry}` as MessageKey) : null,
  };
}

function locationFields(location: string | null) {
  return { location, locationLabel: location ? t(`location.${location}` as MessageKey) : null };
}

/** Only verified organisations are public; contact details never enter the index. */
export function organizationDocument(row: Organization, options: { certified?: boolean } = {}): CatalogDocument | null {
  if (row.status !== "verified") return null;
  return {
    id: row.id,
    type: "organization",
    kind: "organization",
    kindLabel: t(`orgKind.${row.kind}` as MessageKey),
    title: row.name,
    description: row.description.slice(0, 1500),
    organizationId: row.id,
    organizationName: row.name,
    organizationKind: row.kind,
    certified: options.certified ?? false,
    ...industryFields(row.industry),
    ...locationFields(row.location),
    majors: row.majors,
    skills: [],
    publishedAt: seconds(row.reviewed_at ?? row.created_at),
    studentCount: row.student_count ?? undefined,
    staffCount: row.staff_count ?? undefined,
  };
}

/** Only published listings of verified organisations, still valid, are public; contacts never enter the index. */
export function listingDocument(
  listing: Listing,
  organization: Pick<Organization, "name" | "kind" | "status">,
  options: { today: string; certified?: boolean },
): CatalogDocument | null {
  if (listing.status !== "published" || organization.status !== "verified" || listing.valid_until < options.today) return null;
  const d = listing.details;
  return {
    id: listing.id,
    type: "listing",
    kind: listing.kind,
    kindLabel: t(`listingKind.${listing.kind}` as MessageKey),
    title: listing.title,
    description: listing.description.slice(0, 1500),
    organizationId: listing.organization_id,
    organizationName: organization.name,
    organizationKind: organization.kind,
    certified: options.certified ?? false,
    ...industryFields(listing.industry),
    ...locationFields(listing.location),
    majors: listing.majors,
    skills: listing.skills,
    publishedAt: seconds(listing.published_at ?? listing.created_at),
    validUntil: chinaDayStart(listing.valid_until),
    monthlyPay: num(d.monthlyPay),
    startDate: typeof d.startDate === "string" ? chinaDayStart(d.startDate) : undefined,
    endDate: typeof d.endDate === "string" ? chinaDayStart(d.endDate) : undefined,
    positions: num(d.positions),
    students: num(d.students),
    seats: num(d.seats),
    priceYuan: num(d.priceYuan),
    cooperationType: typeof d.cooperationType === "string" ? d.cooperationType : undefined,
  };
}
