import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
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
}

export interface Database {
  organizations: OrganizationsTable;
  search_outbox: SearchOutboxTable;
  leases: LeasesTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
