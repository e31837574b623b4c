export const organizationKinds = [
  "enterprise",
  "university",
  "vocational_school",
  "training_provider",
  "park_committee",
  "district_department",
] as const;

export type OrganizationKind = (typeof organizationKinds)[number];

/** Schools are the "education" side of matching; enterprises the "industry" side. */
export const educationKinds: readonly OrganizationKind[] = ["university", "vocational_school", "training_provider"];

/** GB 32100-2015 unified social credit code is required for these kinds. */
export const kindsRequiringCreditCode: readonly OrganizationKind[] = [
  "enterprise",
  "university",
  "vocational_school",
  "training_provider",
];

export const organizationStatuses = ["pending", "verified", "rejected", "suspended"] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];
