import type { IndexDefinition } from "../settings.ts";
import { domainDictionary, domainStopWords, domainSynonyms } from "../chinese.ts";
import type { Organization } from "../../db/schema.ts";
import { industryGroupOf, isIndustryId } from "../../app/domain/industries.ts";
import { createTranslator } from "../../app/i18n/translate.ts";
import type { MessageKey } from "../../app/i18n/zh-CN.ts";
export const organizationsIndex: IndexDefinition = {
  name: "organizations",
  primaryKey: "id",
  settings: {
    searchableAttributes: ["name", "majors", "industryLabel", "locationLabel", "description"],
    filterableAttributes: ["kind", "industry", "industryGroup", "location", "certified", "majors"],
    sortableAttributes: ["verifiedAt", "name"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
    dictionary: domainDictionary,
    synonyms: domainSynonyms,
    stopWords: domainStopWords,
  },
};


export interface OrganizationDocument {
  id: string;
  type: "organization";
  kind: Organization["kind"];
  name: string;
  description: string;
  industry: string | null;
  industryGroup: string | null;
  industryLabel: string | null;
  location: string | null;
  locationLabel: string | null;
  majors: string[];
  certified: boolean;
  verifiedAt: number;
}

const t = createTranslator("zh-CN");

/** Only verified organisations are public; contact details never enter the index. */
export function organizationDocument(row: Organization, certified = false): OrganizationDocument | null {
  if (row.status !== "verified") return null;
  const industry = row.industry && isIndustryId(row.industry) ? row.industry : null;
  return {
    id: row.id,
    type: "organization",
    kind: row.kind,
    name: row.name,
    description: row.description.slice(0, 2000),
    industry,
    industryGroup: industry ? industryGroupOf(industry) : null,
    industryLabel: industry ? t(`industry.${industry}` as MessageKey) : null,
    location: row.location,
    locationLabel: row.location ? t(`location.${row.location}` as MessageKey) : null,
    majors: row.majors,
    certified,
    verifiedAt: Math.floor(new Date(row.reviewed_at ?? row.created_at).getTime() / 1000),
  };
}
