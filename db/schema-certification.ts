import type { ColumnType, Generated, Selectable } from "kysely";

// Tables of the certification module: see db/migrations/2026_11_26_2210_create_certification.ts.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type ApplicationStatus = "draft" | "submitted" | "under_review" | "returned" | "rejected" | "approved" | "certified";
export type DecisionKind = "submit" | "approve" | "reject" | "return" | "issue" | "revoke";

/** One criterion of a rubric version. `figures` names the platform figures shown beside it. */
export interface RubricCriterion {
  key: string;
  title: string;
  weight: number;
  evidence: string;
  figures: string[];
}

/** What the applicant wrote for one criterion. */
export interface CriterionEvidence {
  value: number | null;
  statement: string;
}

export interface CertificationTypesTable {
  code: string;
  name: string;
  description: Generated<string>;
  applicant_kinds: ColumnType<string[], string[] | undefined, string[]>;
  validity_years: Generated<number>;
  notice_days: Generated<number>;
  sort: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificationRubricsTable {
  id: Generated<string>;
  type_code: string;
  version: number;
  pass_mark: number;
  criteria: Json<RubricCriterion[]>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CertificationApplicationsTable {
  id: Generated<string>;
  organization_id: string;
  type_code: string;
  rubric_id: string;
  status: Generated<ApplicationStatus>;
  round: Generated<number>;
  evidence: Json<Record<string, CriterionEvidence>>;
  frozen_evidence: NullableJson<Record<string, unknown>>;
  submitted_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificationFilesTable {
  id: Generated<string>;
  application_id: string;
  criterion_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface CertificationReviewsTable {
  id: Generated<string>;
  application_id: string;
  round: number;
  reviewer_id: string;
  assigned_by: string | null;
  scores: NullableJson<Record<string, { score: number; comment: string }>>;
  total: number | null;
  submitted_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CertificationDecisionsTable {
  id: Generated<number>;
  application_id: string;
  decision: DecisionKind;
  reason: string | null;
  decided_by: string | null;
  created_at: Timestamp;
}

export interface CertificationNoticesTable {
  id: Generated<string>;
  application_id: string;
  organization_id: string;
  type_code: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_at: Timestamp;
}

export type ObjectionStatus = "open" | "dismissed" | "upheld";

/** db/migrations/2026_11_27_0100_create_certification_objections.ts */
export interface CertificationObjectionsTable {
  id: Generated<string>;
  application_id: string;
  objector_name: string;
  objector_organization: string | null;
  objector_contact: string;
  content: string;
  status: ColumnType<ObjectionStatus, ObjectionStatus | undefined, ObjectionStatus>;
  handling_note: string | null;
  handled_by: string | null;
  handled_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CertificateNumberCountersTable {
  year: number;
  last: number;
}

export interface CertificatesTable {
  id: Generated<string>;
  organization_id: string;
  /** 'enterprise' 产教融合型企业, 'school' 产教融合型学校, 'major' 专业, 'training_base' 实训基地, or a type made later. */
  type_code: string;
  application_id: string | null;
  /** HYCJ-2026-0001 */
  number: string;
  /** 'YYYY-MM-DD' */
  issued_on: string;
  valid_until: string;
  revoked_at: NullableTimestamp;
  revoke_reason: string | null;
  revoked_by: string | null;
  expiry_notified_at: NullableTimestamp;
  expiry_indexed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SurchargeCreditYearsTable {
  id: Generated<number>;
  organization_id: string;
  year: number;
  investment_fen: number;
  payable_fen: number;
  new_credit_fen: Generated<number>;
  carried_in_fen: Generated<number>;
  credited_fen: Generated<number>;
  carried_out_fen: Generated<number>;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificationTables {
  certification_types: CertificationTypesTable;
  certification_rubrics: CertificationRubricsTable;
  certification_applications: CertificationApplicationsTable;
  certification_files: CertificationFilesTable;
  certification_reviews: CertificationReviewsTable;
  certification_decisions: CertificationDecisionsTable;
  certification_notices: CertificationNoticesTable;
  certification_objections: CertificationObjectionsTable;
  certificate_number_counters: CertificateNumberCountersTable;
  certificates: CertificatesTable;
  surcharge_credit_years: SurchargeCreditYearsTable;
}

export type CertificationType = Selectable<CertificationTypesTable>;
export type CertificationRubric = Selectable<CertificationRubricsTable>;
export type CertificationApplication = Selectable<CertificationApplicationsTable>;
export type Certificate = Selectable<CertificatesTable>;
export type CertificationObjection = Selectable<CertificationObjectionsTable>;
