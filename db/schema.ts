import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { CertificationTables } from "./schema-certification.ts";
import type { MatchmakingTables } from "./schema-matchmaking.ts";
import type { PlanTrackingTables } from "./schema-plan-tracking.ts";
import type { OrganizationKind, OrganizationStatus } from "../app/domain/organization-kinds.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationsTable {
  id: Generated<string>;
  kind: OrganizationKind;
  name: string;
  credit_code: string | null;
  industry: string | null;
  location: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  staff_count: number | null;
  annual_payroll: number | null;
  student_count: number | null;
  majors: ColumnType<string[], string[] | undefined, string[]>;
  description: Generated<string>;
  status: Generated<OrganizationStatus>;
  review_note: string | null;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A verified organisation's pending or decided change of identity (name, credit code, kind); see ADR 013 area tables. */
export interface OrganizationIdentityChangesTable {
  id: Generated<string>;
  organization_id: string;
  status: Generated<"pending" | "approved" | "rejected">;
  old_name: string;
  old_credit_code: string | null;
  old_kind: OrganizationKind;
  new_name: string;
  new_credit_code: string | null;
  new_kind: OrganizationKind;
  requested_by: string | null;
  decided_by: string | null;
  reason: string | null;
  created_at: Timestamp;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type OrganizationIdentityChange = Selectable<OrganizationIdentityChangesTable>;

/** db/migrations/2026_12_04_2000_create_site_settings.ts: one row; null is "not shown". */
export interface SiteSettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  sponsor: string | null;
  organizer: string | null;
  contact_address: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  icp_number: string | null;
  police_number: string | null;
  site_code: string | null;
  objection_address: string | null;
  objection_phone: string | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  attempts: Generated<number>;
  available_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
  last_run_at: Timestamp | null;
  /** When the last claimed turn of a scheduled job ended; null while one runs. */
  last_finished_at: Timestamp | null;
  /** Null when the last run succeeded. */
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  last_result: ColumnType<unknown, string | null | undefined, string | null>;
}

/** db/migrations/2026_12_04_2020_create_organization_documents.ts: the documents a registration is checked against. */
export interface OrganizationDocumentsTable {
  id: Generated<string>;
  organization_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

/** db/migrations/2026_12_04_2030_create_internship_rule_changes.ts: the latest row per rule is the rule in force. */
export interface InternshipRuleChangesTable {
  id: Generated<string>;
  rule_id: string;
  /** numeric: pg returns it as a string. */
  figure: ColumnType<string | null, number | null, number | null>;
  article: string;
  level: "refuse" | "warn";
  reason: string;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface Database extends MatchmakingTables, CertificationTables, PlanTrackingTables {
  organizations: OrganizationsTable;
  internship_rule_changes: InternshipRuleChangesTable;
  organization_documents: OrganizationDocumentsTable;
  organization_identity_changes: OrganizationIdentityChangesTable;
  site_settings: SiteSettingsTable;
  search_outbox: SearchOutboxTable;
  leases: LeasesTable;
  users: UsersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
  listings: ListingsTable;
  listing_revisions: ListingRevisionsTable;
  search_query_stats: SearchQueryStatsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;

export type OrgRole = "admin" | "member";
export type PlatformRole = "platform_admin" | "reviewer" | "plan_officer";

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  phone: string | null;
  password_hash: string;
  organization_id: string | null;
  org_role: OrgRole | null;
  platform_role: PlatformRole | null;
  /** The plan unit a plan officer follows the tasks of (plan_units.id). */
  plan_unit_id: number | null;
  status: Generated<"active" | "disabled" | "deleted">;
  failed_logins: Generated<number>;
  /** When the first of the failures counted in failed_logins happened (the lockout window's start). */
  failed_logins_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  consent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  consent_version: string | null;
  password_changed_at: Timestamp;
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  idle_timeout_seconds: number | null;
  ip: string | null;
  user_agent: string | null;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_reason: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: Generated<number>;
}

export interface InvitationsTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  role: OrgRole;
  token_hash: string;
  created_by: string | null;
  expires_at: Timestamp;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export type AuditOutcome = "success" | "failure" | "denied";

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_label: string | null;
  organization_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
  /** The actor's organisation, platform role and plan unit when the row was written. */
  actor_organization_id: string | null;
  actor_platform_role: PlatformRole | null;
  actor_plan_unit_id: number | null;
  /** What the subject was called when the row was written (a listing's or project's title, a file's name). */
  target_title: string | null;
}

export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEntry = Selectable<AuditLogTable>;

export interface ListingsTable {
  id: Generated<string>;
  organization_id: string;
  kind: import("../app/domain/listing-kinds.ts").ListingKind;
  status: Generated<import("../app/domain/listing-kinds.ts").ListingStatus>;
  title: string;
  description: Generated<string>;
  industry: string | null;
  majors: ColumnType<string[], string[] | undefined, string[]>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  location: string | null;
  /** 'YYYY-MM-DD' */
  valid_until: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  closed_reason: "filled" | "withdrawn" | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListingRevisionsTable {
  id: Generated<number>;
  listing_id: string;
  snapshot: ColumnType<Record<string, unknown>, string, never>;
  submitted_by: string | null;
  created_at: Timestamp;
}

export type Listing = Selectable<ListingsTable>;

export interface SearchQueryStatsTable {
  day: string;
  query: string;
  searches: number;
  zero_results: number;
}
