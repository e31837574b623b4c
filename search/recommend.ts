import type { MultiSearchQuery } from "meilisearch";
import type { DB } from "../db/client.ts";
import { industriesForMajor, majorCrosswalk } from "../app/domain/majors.ts";
import { isIndustryId, type IndustryId } from "../app/domain/industries.ts";
import type { ListingKind } from "../app/domain/listing-kinds.ts";
import { isLocationId, isPark } from "../app/domain/locations.ts";
import { educationKinds, type OrganizationKind } from "../app/domain/organization-kinds.ts";
import { createTranslator, type MessageKey } from "../app/i18n/translate.ts";
import type { SearchHandle } from "./client.ts";
import type { CatalogDocument } from "./indexes/catalog.ts";
import { indexUid } from "./indexes/index.ts";
import { meiliErrorCode } from "./errors.ts";
import { urlOf } from "./query.ts";

/*
 * Explained recommendations (plan task 56), both ways between the industry side (enterprises) and the
 * education side (universities, vocational schools, training providers).
 *
 * Retrieval: Meilisearch finds candidates of the other side (several requests in one multi-search, merged
 * and deduplicated). Ranking: a transparent score, the plain sum of the points of the reasons that hold,
 * capped at 100. Every reason that adds points is shown to the user, so the score explains itself:
 *
 *   industry   25  产业对口 — the candidate's industry is among the profile's industries (its own industry
 *                  if it names one, otherwise its majors' industries through the major→industry crosswalk),
 *                  or the candidate's majors map to the profile's industry. For similar listings: the same
 *                  industry.
 *   majors     20  专业匹配 — at least one major in common (exact tag), +5 for each further shared major,
 *                  at most 30 in all; the reason names the shared majors. The most specific signal, so
 *                  it weighs most.
 *   skills     10  技能相同 — at least one skill in common (exact tag); only listings carry skills, so an
 *                  organisation's are those of its published listings.
 *   location   15  同在… — the same park or sub-district.
 *   nearby      5  地点相近 — otherwise, both in one of the four industrial parks, or both in a sub-district
 *                  or town. That is all "nearby" means: parks form the industrial belt, sub-districts the
 *                  rest of the district; no distances are computed.
 *   recent     10  a listing published in the last 30 days; 5 within 90 days (organisations: no recency,
 *                  when one joined the platform says nothing about how well it fits).
 *   certified   5  a certified 产教融合型企业.
 *   capacity    5  sizes fit: a school can fill an internship when its positions are ≤ 5 % of the school's
 *                  students, and an order-training cohort when its size is ≤ 2 % of them (one class of a
 *                  year's intake); between a school and an enterprise, the enterprise's internship quota
 *                  (2 % of its staff, task 16) is ≤ 5 % of the school's students.
 *
 * The profile's majors are the organisation's own plus those its published listings ask for (see
 * loadOrganizationProfile). A candidate needs at least one of industry, majors, skills, location or nearby
 * to be recommended: recency, certification and size alone are no reason. Sorted by score, ties by recency;
 * a list takes at most three listings of one organisation while others are left (selectDiverse). An
 * organisation's own listings and the organisation itself are never recommended (excluded in the filter
 * and again when scoring). The maximum, 25 + 30 + 10 + 15 + 10 + 5 + 5, is exactly 100.
 */
export const RECOMMENDATION_WEIGHTS = {
  industry: 25,
  majorsFirst: 20,
  majorsEach: 5,
  majorsMax: 30,
  skills: 10,
  sameLocation: 15,
  nearby: 5,
  recent30: 10,
  recent90: 5,
  certified: 5,
  capacity: 5,
} as const;

/** Capacity rules (see above). */
export const CAPACITY_RULES = {
  /** Internship positions a school can fill: this share of its students. */
  positionsShareOfStudents: 0.05,
  /** Order-training cohort a school can fill: this share of its students. */
  cohortShareOfStudents: 0.02,
  /** Task 16: enterprises host interns at 2 % of their staff. */
  internQuotaOfStaff: 0.02,
} as const;

const DAY = 86_400;
export const CANDIDATES_PER_REQUEST = 100;

export type ReasonCode = "industry" | "majors" | "skills" | "location" | "nearby" | "recent" | "certified" | "capacity";

export interface Reason {
  code: ReasonCode;
  text: string;
  /** What the reason adds to the score. */
  points: number;
}

export interface Recommendation {
  id: string;
  type: CatalogDocument["type"];
  kind: CatalogDocument["kind"];
  title: string;
  organization: { id: string; name: string };
  url: string;
  score: number;
  reasons: Reason[];
  publishedAt: number;
}

/** The organisation recommendations are made for (read from the organizations table). */
export interface OrganizationProfile {
  id: string;
  name: string;
  kind: OrganizationKind;
  industry: string | null;
  location: string | null;
  majors: string[];
  /** The skills its published listings name (organisations themselves have none). */
  skills: string[];
  studentCount: number | null;
  staffCount: number | null;
}

/** What scoring reads of an index document. */
export type Candidate = Pick<
  CatalogDocument,
  "id" | "type" | "kind" | "title" | "organizationId" | "organizationName" | "organizationKind" | "certified" | "industry" | "location" | "majors" | "skills" | "publishedAt"
> &
  Partial<Pick<CatalogDocument, "positions" | "students" | "studentCount" | "staffCount">>;

const candidateFields: Array<keyof CatalogDocument> = [
  "id",
  "type",
  "kind",
  "title",
  "organizationId",
  "organizationName",
  "organizationKind",
  "certified",
  "industry",
  "location",
  "majors",
  "skills",
  "publishedAt",
  "positions",
  "students",
  "studentCount",
  "staffCount",
];

// ---------------------------------------------------------------------------------------------------
// Sides

export type Side = "industry" | "education";

/** What each side is offered: the other side's listings of these kinds, and its organisations. */
export const targetsOf: Record<Side, { listingKinds: readonly ListingKind[]; organizationKinds: readonly OrganizationKind[] }> = {
  // Enterprises look for schools' training packages, research results and cooperation offers, and schools.
  industry: { listingKinds: ["training_package", "research_result", "cooperation"], organizationKinds: educationKinds },
  // Schools look for enterprises' internships, order training and cooperation needs, and enterprises.
  education: { listingKinds: ["internship", "order_training", "cooperation"], organizationKinds: ["enterprise"] },
};

/** Enterprises are the industry side, schools the education side; parks and district departments broker both. */
export function sidesOf(kind: OrganizationKind): Side[] {
  if (kind === "enterprise") return ["industry"];
  if (educationKinds.includes(kind)) return ["education"];
  return ["industry", "education"];
}

/** Whether a document is on the other side for this profile (and not the profile's own). */
export function isTarget(profile: Pick<OrganizationProfile, "id" | "kind">, candidate: Pick<Candidate, "type" | "kind" | "organizationId" | "organizationKind">): boolean {
  if (candidate.organizationId === profile.id) return false;
  return sidesOf(profile.kind).some((side) => {
    const targets = targetsOf[side];
    if (!targets.organizationKinds.includes(candidate.organizationKind)) return false;
    return candidate.type === "organization" || (targets.listingKinds as readonly string[]).includes(candidate.kind);
  });
}

const quote = (value: string) => JSON.stringify(value);
const inList = (field: string, values: readonly string[]) => `${field} IN [${values.map(quote).join(", ")}]`;

/** The Meilisearch filter for the other side of a profile, without its own items. */
export function targetFilter(profile: Pick<OrganizationProfile, "id" | "kind">): string {
  const parts = sidesOf(profile.kind).flatMap((side) => {
    const t = targetsOf[side];
    return [
      `(type = "listing" AND ${inList("kind", t.listingKinds)} AND ${inList("organizationKind", t.organizationKinds)})`,
      `(type = "organization" AND ${inList("organizationKind", t.organizationKinds)})`,
    ];
  });
  return `(${parts.join(" OR ")}) AND organizationId != ${quote(profile.id)}`;
}

// ---------------------------------------------------------------------------------------------------
// Scoring

const t = createTranslator("zh-CN");
const industryLabel = (id: string) => t(`industry.${id}` as MessageKey);
const locationLabel = (id: string) => t(`location.${id}` as MessageKey);

/**
 * The profile's industries: an organisation that names its industry is matched on that one; one that does
 * not (schools, parks, departments) on its majors' industries, through the crosswalk.
 */
export function profileIndustries(profile: Pick<OrganizationProfile, "industry" | "majors">): Set<IndustryId> {
  if (profile.industry && isIndustryId(profile.industry)) return new Set([profile.industry]);
  return new Set(profile.majors.flatMap((major) => industriesForMajor(major)));
}

/** Majors whose graduates serve an industry (the crosswalk read backwards). */
export function majorsForIndustry(industry: string): string[] {
  return Object.entries(majorCrosswalk)
    .filter(([, industries]) => (industries as string[]).includes(industry))
    .map(([major]) => major);
}

const shared = (a: readonly string[], b: readonly string[]) => {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => other.has(x));
};

function industryReason(profile: Pick<OrganizationProfile, "industry" | "majors">, candidate: Pick<Candidate, "industry" | "majors">): Reason | null {
  const industries = profileIndustries(profile);
  let matched: string | null = null;
  if (candidate.industry && industries.has(candidate.industry as IndustryId)) matched = candidate.industry;
  else if (profile.industry && candidate.majors.some((m) => (industriesForMajor(m) as string[]).includes(profile.industry!))) matched = profile.industry;
  return matched ? { code: "industry", text: t("recommend.reason.industry", { industry: industryLabel(matched) }), points: RECOMMENDATION_WEIGHTS.industry } : null;
}

function majorsReason(ours: readonly string[], theirs: readonly string[]): Reason | null {
  const common = shared(theirs, ours);
  if (common.length === 0) return null;
  const w = RECOMMENDATION_WEIGHTS;
  return {
    code: "majors",
    text: t("recommend.reason.majors", { majors: common.join("、") }),
    points: Math.min(w.majorsMax, w.majorsFirst + w.majorsEach * (common.length - 1)),
  };
}

function skillsReason(ours: readonly string[], theirs: readonly string[]): Reason | null {
  const common = shared(theirs, ours);
  if (common.length === 0) return null;
  return { code: "skills", text: t("recommend.reason.skills", { skills: common.join("、") }), points: RECOMMENDATION_WEIGHTS.skills };
}

/** Same place; or "nearby": both in a park, or both in a sub-district/town. */
function locationReason(ours: string | null, theirs: string | null): Reason | null {
  if (!ours || !theirs || !isLocationId(ours) || !isLocationId(theirs)) return null;
  if (ours === theirs) {
    return { code: "location", text: t("recommend.reason.sameLocation", { location: locationLabel(theirs) }), points: RECOMMENDATION_WEIGHTS.sameLocation };
  }
  if (isPark(ours) !== isPark(theirs)) return null;
  return {
    code: "nearby",
    text: t(isPark(theirs) ? "recommend.reason.nearbyPark" : "recommend.reason.nearbyTown", { location: locationLabel(theirs) }),
    points: RECOMMENDATION_WEIGHTS.nearby,
  };
}

function recencyReason(candidate: Pick<Candidate, "type" | "publishedAt">, nowSeconds: number): Reason | null {
  if (candidate.type !== "listing") return null;
  const age = nowSeconds - candidate.publishedAt;
  if (!(age <= 90 * DAY)) return null;
  return age <= 30 * DAY
    ? { code: "recent", text: t("recommend.reason.recent30"), points: RECOMMENDATION_WEIGHTS.recent30 }
    : { code: "recent", text: t("recommend.reason.recent90"), points: RECOMMENDATION_WEIGHTS.recent90 };
}

function certifiedReason(candidate: Pick<Candidate, "certified">): Reason | null {
  return candidate.certified ? { code: "certified", text: t("recommend.reason.certified"), points: RECOMMENDATION_WEIGHTS.certified } : null;
}

const isEducation = (kind: OrganizationKind) => educationKinds.includes(kind);
const positive = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n) && n > 0;

/** Sizes that fit (see CAPACITY_RULES), between a school's students and an enterprise's needs. */
export function capacityReason(profile: Pick<OrganizationProfile, "kind" | "studentCount" | "staffCount">, candidate: Candidate): Reason | null {
  const rules = CAPACITY_RULES;
  const points = RECOMMENDATION_WEIGHTS.capacity;
  const students = isEducation(profile.kind) ? profile.studentCount : candidate.type === "organization" && isEducation(candidate.organizationKind) ? candidate.studentCount : null;
  if (!positive(students)) return null;
  if (isEducation(profile.kind)) {
    if (candidate.kind === "internship" && positive(candidate.positions) && candidate.positions <= students * rules.positionsShareOfStudents) {
      return { code: "capacity", text: t("recommend.reason.capacityPositions"), points };
    }
    if (candidate.kind === "order_training" && positive(candidate.students) && candidate.students <= students * rules.cohortShareOfStudents) {
      return { code: "capacity", text: t("recommend.reason.capacityCohort"), points };
    }
    if (candidate.type === "organization" && candidate.organizationKind === "enterprise" && positive(candidate.staffCount)) {
      if (candidate.staffCount * rules.internQuotaOfStaff <= students * rules.positionsShareOfStudents) {
        return { code: "capacity", text: t("recommend.reason.capacityStudents"), points };
      }
    }
    return null;
  }
  if (profile.kind === "enterprise" && positive(profile.staffCount) && profile.staffCount * rules.internQuotaOfStaff <= students * rules.positionsShareOfStudents) {
    return { code: "capacity", text: t("recommend.reason.capacityStudents"), points };
  }
  return null;
}

function toRecommendation(candidate: Candidate, reasons: Reason[]): Recommendation {
  return {
    id: candidate.id,
    type: candidate.type,
    kind: candidate.kind,
    title: candidate.title,
    organization: { id: candidate.organizationId, name: candidate.organizationName },
    url: urlOf(candidate),
    score: Math.min(100, reasons.reduce((sum, r) => sum + r.points, 0)),
    reasons,
    publishedAt: candidate.publishedAt,
  };
}

/** Scores one candidate for an organisation; null when it is not on the other side or is its own. */
export function scoreForOrganization(profile: OrganizationProfile, candidate: Candidate, now = new Date()): Recommendation | null {
  if (!isTarget(profile, candidate)) return null;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const reasons = [
    industryReason(profile, candidate),
    majorsReason(profile.majors, candidate.majors ?? []),
    skillsReason(profile.skills, candidate.skills ?? []),
    locationReason(profile.location, candidate.location),
    capacityReason(profile, candidate),
    certifiedReason(candidate),
    recencyReason(candidate, nowSeconds),
  ].filter((r): r is Reason => r !== null);
  return toRecommendation(candidate, reasons);
}

/** Highest score first; equal scores: the newer first (then by title and id, so the order is stable). */
export function byScore(a: Recommendation, b: Recommendation): number {
  return b.score - a.score || b.publishedAt - a.publishedAt || a.title.localeCompare(b.title, "zh-CN") || a.id.localeCompare(b.id);
}

const dedupe = (candidates: Candidate[]) => [...new Map(candidates.map((c) => [c.id, c])).values()];

/** Reasons that say a candidate fits; recency, certification and size alone do not make a recommendation. */
export const relevanceCodes: ReadonlySet<ReasonCode> = new Set(["industry", "majors", "skills", "location", "nearby"]);

/** How many listings of one organisation a list may take before others get their turn. */
export const MAX_PER_ORGANIZATION = 3;

/**
 * The best `limit`, at most MAX_PER_ORGANIZATION listings from any one organisation while others are left
 * (an enterprise's dozen similar internships should not fill the list; the organisation itself, as a
 * partner, does not count); the selection stays sorted by score.
 */
export function selectDiverse(sorted: Recommendation[], limit: number): Recommendation[] {
  const taken: Recommendation[] = [];
  const skipped: Recommendation[] = [];
  const perOrganization = new Map<string, number>();
  for (const item of sorted) {
    if (taken.length >= limit) break;
    if (item.type === "listing") {
      const count = perOrganization.get(item.organization.id) ?? 0;
      if (count >= MAX_PER_ORGANIZATION) {
        skipped.push(item);
        continue;
      }
      perOrganization.set(item.organization.id, count + 1);
    }
    taken.push(item);
  }
  return [...taken, ...skipped.slice(0, limit - taken.length)].sort(byScore);
}

/** Scores, drops what is not eligible or has no reason to fit, sorts and cuts. */
export function rankForOrganization(profile: OrganizationProfile, candidates: Candidate[], options: { limit?: number; now?: Date } = {}): Recommendation[] {
  const scored = dedupe(candidates)
    .map((c) => scoreForOrganization(profile, c, options.now))
    .filter((r): r is Recommendation => r !== null && r.reasons.some((reason) => relevanceCodes.has(reason.code)))
    .sort(byScore);
  return selectDiverse(scored, options.limit ?? 10);
}

// ---------------------------------------------------------------------------------------------------
// Retrieval

/** The text query for a profile: its majors and its industry's name. */
export function profileQueryText(profile: Pick<OrganizationProfile, "industry" | "majors">): string {
  // Meilisearch reads only the first ten words of a query: the first majors (the organisation's own) lead.
  const words = profile.majors.slice(0, 6);
  if (profile.industry && isIndustryId(profile.industry)) words.push(industryLabel(profile.industry));
  return words.join(" ").slice(0, 200);
}

async function retrieve(search: SearchHandle, queries: MultiSearchQuery[]): Promise<Candidate[]> {
  const { results } = await search.client.multiSearch({ queries });
  return dedupe(results.flatMap((r) => r.hits as unknown as Candidate[]));
}

/**
 * Candidates of the other side: (1) a text query from the profile's majors and industry ("frequency":
 * rare words count most), (2) no text, filtered by the profile's industries (so majors-less profiles still
 * get candidates), (3) no text, filtered by majors: the profile's own and those serving its industry, which
 * finds schools for an enterprise, (4) no text, the profile's own location.
 */
export function candidateQueries(search: Pick<SearchHandle, "prefix">, profile: OrganizationProfile): MultiSearchQuery[] {
  const filter = targetFilter(profile);
  const base = { indexUid: indexUid(search), limit: CANDIDATES_PER_REQUEST, attributesToRetrieve: candidateFields as string[] };
  const queries: MultiSearchQuery[] = [];
  const text = profileQueryText(profile);
  queries.push(text ? { ...base, q: text, filter, matchingStrategy: "frequency" } : { ...base, q: "", filter, sort: ["publishedAt:desc"] });
  const industries = [...profileIndustries(profile)];
  if (industries.length) queries.push({ ...base, q: "", filter: `(${filter}) AND ${inList("industry", industries)}` });
  const majors = [...new Set([...profile.majors, ...(profile.industry ? majorsForIndustry(profile.industry) : [])])];
  if (majors.length) queries.push({ ...base, q: "", filter: `(${filter}) AND ${inList("majors", majors)}` });
  if (profile.location && isLocationId(profile.location)) queries.push({ ...base, q: "", filter: `(${filter}) AND location = ${quote(profile.location)}` });
  return queries;
}

/** How many majors and skills of its own published listings a profile takes on (most frequent first). */
export const LISTING_MAJORS_MAX = 8;
export const LISTING_SKILLS_MAX = 16;

function mostFrequent(lists: string[][], max: number): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const item of new Set(list)) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([item]) => item);
}

/**
 * The profile from the organizations table. Its majors are the organisation's own and, after them, the
 * majors its published listings ask for (most frequent first): an enterprise rarely lists majors, but its
 * internships say which ones it needs, and a park's or department's cooperation needs say what it brokers.
 * Its skills are those its published listings name.
 */
export async function loadOrganizationProfile(db: DB, organizationId: string): Promise<OrganizationProfile | null> {
  const row = await db
    .selectFrom("organizations")
    .select(["id", "name", "kind", "industry", "location", "majors", "student_count", "staff_count"])
    .where("id", "=", organizationId)
    .executeTakeFirst();
  if (!row) return null;
  const listings = await db
    .selectFrom("listings")
    .select(["majors", "skills"])
    .where("organization_id", "=", organizationId)
    .where("status", "=", "published")
    .execute();
  const demanded = mostFrequent(listings.map((l) => l.majors ?? []), LISTING_MAJORS_MAX);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    industry: row.industry,
    location: row.location,
    majors: [...new Set([...(row.majors ?? []), ...demanded])],
    skills: mostFrequent(listings.map((l) => l.skills ?? []), LISTING_SKILLS_MAX),
    studentCount: row.student_count,
    staffCount: row.staff_count,
  };
}

/** Ranked recommendations for an organisation (an empty list for an unknown one). */
export async function recommendForOrganization(
  db: DB,
  search: SearchHandle,
  organizationId: string,
  options: { limit?: number; now?: Date } = {},
): Promise<Recommendation[]> {
  const profile = await loadOrganizationProfile(db, organizationId);
  if (!profile) return [];
  const candidates = await retrieve(search, candidateQueries(search, profile));
  return rankForOrganization(profile, candidates, options);
}

// ---------------------------------------------------------------------------------------------------
// Similar listings

/**
 * Kind families for "similar": demand for students (internships, order training), training offers,
 * and innovation (research results and cooperation needs, which answer each other).
 */
export const kindFamilies: ReadonlyArray<readonly ListingKind[]> = [["internship", "order_training"], ["training_package"], ["research_result", "cooperation"]];

export function familyOf(kind: ListingKind): readonly ListingKind[] {
  return kindFamilies.find((f) => f.includes(kind)) ?? [kind];
}

/** Scores a listing against the one being viewed: shared majors, skills, industry, location, and recency. */
export function scoreSimilar(source: Candidate, candidate: Candidate, now = new Date()): Recommendation | null {
  if (candidate.id === source.id || candidate.type !== "listing" || source.type !== "listing") return null;
  if (!familyOf(source.kind as ListingKind).includes(candidate.kind as ListingKind)) return null;
  const reasons: Array<Reason | null> = [
    source.industry && source.industry === candidate.industry
      ? { code: "industry", text: t("recommend.reason.sameIndustry", { industry: industryLabel(source.industry) }), points: RECOMMENDATION_WEIGHTS.industry }
      : null,
    majorsReason(source.majors ?? [], candidate.majors ?? []),
    skillsReason(source.skills ?? [], candidate.skills ?? []),
    locationReason(source.location, candidate.location),
    certifiedReason(candidate),
    recencyReason(candidate, Math.floor(now.getTime() / 1000)),
  ];
  const kept = reasons.filter((r): r is Reason => r !== null);
  if (!kept.some((r) => relevanceCodes.has(r.code))) return null;
  return toRecommendation(candidate, kept);
}

export function rankSimilar(source: Candidate, candidates: Candidate[], options: { limit?: number; now?: Date } = {}): Recommendation[] {
  const scored = dedupe(candidates)
    .map((c) => scoreSimilar(source, c, options.now))
    .filter((r): r is Recommendation => r !== null)
    .sort(byScore);
  return selectDiverse(scored, options.limit ?? 6);
}

async function loadDocument(search: SearchHandle, id: string): Promise<Candidate | null> {
  try {
    const doc = await search.client.index(indexUid(search)).getDocument(id, { fields: candidateFields as string[] });
    return doc as unknown as Candidate;
  } catch (error) {
    if (meiliErrorCode(error) === "document_not_found") return null;
    throw error;
  }
}

/** Listings like this one (same kind family), itself excluded; empty when it is not in the index. */
export async function similarListings(
  search: SearchHandle,
  listing: Candidate | string,
  options: { limit?: number; now?: Date } = {},
): Promise<Recommendation[]> {
  const source = typeof listing === "string" ? await loadDocument(search, listing) : listing;
  if (!source || source.type !== "listing") return [];
  // The listing itself is dropped when scoring (the primary key is not a filterable attribute).
  const filter = `type = "listing" AND ${inList("kind", familyOf(source.kind as ListingKind))}`;
  const base = { indexUid: indexUid(search), limit: CANDIDATES_PER_REQUEST, attributesToRetrieve: candidateFields as string[] };
  const queries: MultiSearchQuery[] = [];
  const text = [...(source.majors ?? []), ...(source.skills ?? [])].join(" ").slice(0, 200);
  if (text) queries.push({ ...base, q: text, filter, matchingStrategy: "frequency" });
  if (source.industry) queries.push({ ...base, q: "", filter: `${filter} AND industry = ${quote(source.industry)}` });
  if (source.majors?.length) queries.push({ ...base, q: "", filter: `${filter} AND ${inList("majors", source.majors)}` });
  if (queries.length === 0) return [];
  return rankSimilar(source, await retrieve(search, queries), options);
}
