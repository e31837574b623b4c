import type { Listing, Organization } from "../../db/schema.ts";
import { industryGroupOf, isIndustryId } from "../../app/domain/industries.ts";
import { createTranslator, type MessageKey } from "../../app/i18n/translate.ts";
import { domainDictionary, domainStopWords, domainSynonyms } from "../chinese.ts";
import type { IndexDefinition } from "../settings.ts";

export const listingsIndex: IndexDefinition = {
  name: "listings",
  primaryKey: "id",
  settings: {
    searchableAttributes: ["title", "majors", "skills", "organizationName", "industryLabel", "kindLabel", "locationLabel", "description"],
    filterableAttributes: [
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
    // Among equally relevant results the newer listing comes first.
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "publishedAt:desc"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
    dictionary: domainDictionary,
    synonyms: domainSynonyms,
    stopWords: domainStopWords,
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: 10_000 },
  },
};

export interface ListingDocument {
  id: string;
  type: "listing";
  kind: Listing["kind"];
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
  validUntil: number;
  monthlyPay?: number;
  startDate?: number;
  endDate?: number;
  positions?: number;
  students?: number;
  seats?: number;
  priceYuan?: number;
  cooperationType?: string;
}

const t = createTranslator("zh-CN");
const epoch = (date: string) => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Only published listings of verified organisations, still valid, are public; contacts never enter the index. */
export function listingDocument(
  listing: Listing,
  organization: Pick<Organization, "name" | "kind" | "status">,
  options: { today: string; certified?: boolean },
): ListingDocument | null {
  if (listing.status !== "published" || organization.status !== "verified" || listing.valid_until < options.today) return null;
  const industry = listing.industry && isIndustryId(listing.industry) ? listing.industry : null;
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
    industry,
    industryGroup: industry ? industryGroupOf(industry) : null,
    industryLabel: industry ? t(`industry.${industry}` as MessageKey) : null,
    location: listing.location,
    locationLabel: listing.location ? t(`location.${listing.location}` as MessageKey) : null,
    majors: listing.majors,
    skills: listing.skills,
    publishedAt: Math.floor(new Date(listing.published_at ?? listing.created_at).getTime() / 1000),
    validUntil: epoch(listing.valid_until),
    monthlyPay: num(d.monthlyPay),
    startDate: typeof d.startDate === "string" ? epoch(d.startDate) : undefined,
    endDate: typeof d.endDate === "string" ? epoch(d.endDate) : undefined,
    positions: num(d.positions),
    students: num(d.students),
    seats: num(d.seats),
    priceYuan: num(d.priceYuan),
    cooperationType: typeof d.cooperationType === "string" ? d.cooperationType : undefined,
  };
}
