import type { Migration } from "kysely/migration";
import * as createFoundation from "./2026_11_26_1900_create_foundation.ts";
import * as createAccounts from "./2026_11_26_1910_create_accounts.ts";
import * as createListings from "./2026_11_26_1930_create_listings.ts";
import * as createSearchStats from "./2026_11_26_1950_create_search_stats.ts";
import * as createMatchmaking from "./2026_11_26_2200_create_matchmaking.ts";
import * as createCertification from "./2026_11_26_2210_create_certification.ts";
import * as createPlanTracking from "./2026_11_26_2220_create_plan_tracking.ts";
import * as createCertificationObjections from "./2026_11_27_0100_create_certification_objections.ts";
import * as createPlanSettings from "./2026_11_27_0110_create_plan_settings.ts";
import * as addLoginFailureWindow from "./2026_12_03_0700_add_login_failure_window.ts";
import * as addJobStatus from "./2026_12_03_0700_add_job_status.ts";
import * as planUnitId from "./2026_12_03_1700_plan_unit_id.ts";
import * as createIdentityChanges from "./2026_12_04_0300_create_identity_changes.ts";
import * as mergePlanUnitAliases from "./2026_12_04_1900_merge_plan_unit_aliases.ts";
import * as createSiteSettings from "./2026_12_04_2000_create_site_settings.ts";
import * as addAuditActorContext from "./2026_12_04_2010_add_audit_actor_context.ts";
import * as createOrganizationDocuments from "./2026_12_04_2020_create_organization_documents.ts";
import * as createInternshipRuleChanges from "./2026_12_04_2030_create_internship_rule_changes.ts";

// Listed here rather than read from disk so the same list works under tsx, vitest and the Vite build.
export const migrations: Record<string, Migration> = {
  "2026_11_26_1900_create_foundation": createFoundation,
  "2026_11_26_1910_create_accounts": createAccounts,
  "2026_11_26_1930_create_listings": createListings,
  "2026_11_26_1950_create_search_stats": createSearchStats,
  "2026_11_26_2200_create_matchmaking": createMatchmaking,
  "2026_11_26_2210_create_certification": createCertification,
  "2026_11_26_2220_create_plan_tracking": createPlanTracking,
  "2026_11_27_0100_create_certification_objections": createCertificationObjections,
  "2026_11_27_0110_create_plan_settings": createPlanSettings,
  "2026_12_03_0700_add_login_failure_window": addLoginFailureWindow,
  "2026_12_03_0700_add_job_status": addJobStatus,
  "2026_12_03_1700_plan_unit_id": planUnitId,
  "2026_12_04_0300_create_identity_changes": createIdentityChanges,
  "2026_12_04_1900_merge_plan_unit_aliases": mergePlanUnitAliases,
  "2026_12_04_2000_create_site_settings": createSiteSettings,
  "2026_12_04_2010_add_audit_actor_context": addAuditActorContext,
  "2026_12_04_2020_create_organization_documents": createOrganizationDocuments,
  "2026_12_04_2030_create_internship_rule_changes": createInternshipRuleChanges,
};
