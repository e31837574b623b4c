import type { ColumnType, Generated, Selectable } from "kysely";
import type { ListingKind } from "../app/domain/listing-kinds.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

export type ResponseStatus = "pending" | "accepted" | "declined" | "withdrawn";
export type ProjectStatus = "in_progress" | "completed" | "ended";
export type OrderStatus = "requested" | "confirmed" | "delivered" | "completed" | "cancelled";
export type RegistrationStatus = "registered" | "waitlisted" | "cancelled";
export type EmailStatus = "pending" | "sent" | "skipped" | "failed";

export interface NotificationsTable {
  id: Generated<number>;
  organization_id: string | null;
  user_id: string | null;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  read_at: NullableTimestamp;
  email_status: Generated<EmailStatus>;
  email_attempts: Generated<number>;
  /** Claimed by the mail job until then (one notification at a time, committed before the next). */
  email_claimed_until: NullableTimestamp;
  created_at: Timestamp;
}

export interface ListingResponsesTable {
  id: Generated<string>;
  listing_id: string;
  responder_org_id: string;
  responder_user_id: string | null;
  status: Generated<ResponseStatus>;
  message: string;
  details: Json;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CooperationProjectsTable {
  id: Generated<string>;
  response_id: string | null;
  listing_id: string | null;
  owner_org_id: string;
  partner_org_id: string;
  kind: ListingKind;
  title: string;
  status: Generated<ProjectStatus>;
  /** 'YYYY-MM-DD' */
  start_date: string;
  end_date: string | null;
  students_count: number | null;
  tripartite_agreement: boolean | null;
  liability_insurance: boolean | null;
  details: Json;
  end_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectMilestonesTable {
  id: Generated<number>;
  project_id: string;
  title: string;
  due_date: string | null;
  done_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ProjectFilesTable {
  id: Generated<string>;
  project_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface PackageOrdersTable {
  id: Generated<string>;
  listing_id: string | null;
  provider_org_id: string;
  buyer_org_id: string;
  status: Generated<OrderStatus>;
  seats: number;
  unit_price_yuan: number;
  total_yuan: number;
  package_snapshot: Json;
  note: string | null;
  cancel_reason: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchmakingEventsLogTable {
  id: Generated<number>;
  subject_type: "response" | "project" | "order";
  subject_id: string;
  status: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface MatchEventsTable {
  id: Generated<string>;
  organizer_org_id: string | null;
  created_by: string | null;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string;
  capacity: number;
  audience: Generated<string>;
  agenda: Generated<string>;
  status: Generated<"published" | "cancelled">;
  reminded_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchEventRegistrationsTable {
  id: Generated<number>;
  event_id: string;
  organization_id: string;
  status: RegistrationStatus;
  attended: boolean | null;
  registered_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchmakingTables {
  notifications: NotificationsTable;
  listing_responses: ListingResponsesTable;
  cooperation_projects: CooperationProjectsTable;
  project_milestones: ProjectMilestonesTable;
  project_files: ProjectFilesTable;
  package_orders: PackageOrdersTable;
  matchmaking_events_log: MatchmakingEventsLogTable;
  match_events: MatchEventsTable;
  match_event_registrations: MatchEventRegistrationsTable;
}

export type Notification = Selectable<NotificationsTable>;
export type ListingResponse = Selectable<ListingResponsesTable>;
export type CooperationProject = Selectable<CooperationProjectsTable>;
export type PackageOrder = Selectable<PackageOrdersTable>;
export type MatchEvent = Selectable<MatchEventsTable>;
