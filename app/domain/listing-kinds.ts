import type { OrganizationKind } from "./organization-kinds.ts";

export const listingKinds = ["internship", "order_training", "training_package", "cooperation", "research_result"] as const;
export type ListingKind = (typeof listingKinds)[number];

export const listingStatuses = ["draft", "submitted", "published", "rejected", "closed", "expired"] as const;
export type ListingStatus = (typeof listingStatuses)[number];

/** Who may publish each kind (tasks 16, 17, 28, 30; research results from schools, tasks 4, 12–13). */
export const publishersOf: Record<ListingKind, readonly OrganizationKind[]> = {
  internship: ["enterprise"],
  order_training: ["enterprise"],
  training_package: ["university", "vocational_school", "training_provider"],
  cooperation: ["enterprise", "university", "vocational_school", "training_provider", "park_committee", "district_department"],
  research_result: ["university", "vocational_school"],
};

export function canPublishKind(orgKind: OrganizationKind, kind: ListingKind): boolean {
  return publishersOf[kind].includes(orgKind);
}

export const cooperationTypes = [
  "training_base",
  "joint_rnd",
  "tech_transfer",
  "apprenticeship",
  "directed_enrolment",
  "staff_exchange",
  "career_experience",
  "other",
] as const;
export type CooperationType = (typeof cooperationTypes)[number];

export const deliveryModes = ["online", "offline", "mixed"] as const;
export const maturityLevels = ["lab", "pilot", "industrial"] as const;
export const transferModes = ["licence", "assignment", "joint_development"] as const;
export const provisionLevels = ["none", "subsidised", "provided"] as const;
