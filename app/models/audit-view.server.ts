import { categoryOf, groupOf, isAuditAction, type AuditAction, type AuditCategory } from "../domain/audit-actions.ts";
import { labelFor, type Translate } from "../i18n/translate.ts";
import { formatDateTime } from "../utils/dates.ts";
import type { AuditListRow } from "./audit.server.ts";

/** An audit entry as an official reads it: every code through its label, every time in China time. */
export interface AuditRowView {
  id: number;
  /** 'YYYY-MM-DD HH:mm', China time. */
  at: string;
  action: string;
  actionLabel: string;
  category: AuditCategory | null;
  categoryLabel: string;
  outcome: AuditListRow["outcome"];
  outcomeLabel: string;
  actorEmail: string | null;
  actorName: string | null;
  /** The actor's organisation, or their platform role and plan unit; null for the system. */
  affiliation: string | null;
  affiliationOrgId: string | null;
  target: string | null;
  /** The organisation the entry concerns when it is not the actor's own. */
  concerned: { id: string; name: string } | null;
  ip: string | null;
  details: { label: string; value: string }[];
}

/**
 * How a detail's value reads. `status` depends on what was changed (an organisation's review status, a member's
 * role, a platform role); `hidden` marks internal ids an official has no use for.
 */
type ValueKind =
  | "text"
  | "bool"
  | "count"
  | "date"
  | "fen"
  | "bytes"
  | "list"
  | "fields"
  | "status"
  | "orgRole"
  | "platformRole"
  | "userStatus"
  | "orgKinds"
  | "reason"
  | "phone"
  | "via"
  | "criteria"
  | "yuan";

// In the order the details are shown (jsonb keeps its keys in an order of its own).
const fields = {
  from: "status",
  to: "status",
  title: "text",
  reason: "reason",
  changed: "fields",
  email: "text",
  role: "orgRole",
  replaced: "count",
  typeCode: "text",
  round: "count",
  noticeEnds: "date",
  number: "text",
  issuedOn: "date",
  validUntil: "date",
  reviewer: "text",
  self: "bool",
  total: "count",
  year: "count",
  investmentFen: "fen",
  payableFen: "fen",
  rubricVersion: "count",
  version: "count",
  passMark: "count",
  criteria: "criteria",
  files: "count",
  fromUnit: "text",
  toUnit: "text",
  sessionsRevoked: "count",
  revokedSessions: "count",
  wasLocked: "bool",
  failures: "count",
  platformRole: "platformRole",
  via: "via",
  fromStatus: "userStatus",
  minutes: "count",
  kind: "text",
  name: "text",
  task: "count",
  unit: "text",
  period: "text",
  comment: "text",
  overdue: "list",
  silent: "list",
  officers: "list",
  size: "bytes",
  type: "text",
  count: "count",
  orgRole: "orgRole",
  phone: "phone",
  route: "text",
  note: "text",
  status: "status",
  fileName: "text",
  milestone: "text",
  dueDate: "date",
  seats: "count",
  totalYuan: "yuan",
  rating: "count",
  studentsPlaced: "count",
  startDate: "date",
  endDate: "date",
  tripartiteAgreement: "bool",
  liabilityInsurance: "bool",
  position: "count",
  validityYears: "count",
  noticeDays: "count",
  applicantKinds: "orgKinds",
  code: "text",
  credit_code: "text",
  silentAfterDays: "count",
  section: "count",
  theme: "text",
  content: "text",
  deadline: "text",
  deadline_year: "count",
  target_value: "text",
  target_note: "text",
  lead_units: "list",
  cooperating_units: "list",
  industry: "text",
  location: "text",
  address: "text",
  contact_name: "text",
  contact_phone: "text",
  contact_email: "text",
  staff_count: "count",
  annual_payroll: "count",
  student_count: "count",
  majors: "list",
  description: "text",
  place: "text",
  capacity: "count",
  startsAt: "text",
  starts_at: "text",
  ends_at: "text",
  sponsor: "text",
  organizer: "text",
  contactAddress: "text",
  contactPhone: "phone",
  contactEmail: "text",
  icpNumber: "text",
  policeNumber: "text",
  siteCode: "text",
  objectionAddress: "text",
  objectionPhone: "phone",
} as const satisfies Record<string, ValueKind>;

/** Internal ids an official has no use for (they stay in the row for whoever traces it). */
const hiddenKeys = new Set(["applicationId", "changeId", "objectionId", "file", "fromSession", "userId"]);

export type AuditDetailField = keyof typeof fields;
/** Every detail field with a label, for the catalog test. */
export const auditDetailFields = Object.keys(fields) as AuditDetailField[];

const isField = (key: string): key is AuditDetailField => Object.hasOwn(fields, key);
const fieldOrder: string[] = auditDetailFields;

function fieldLabel(t: Translate, key: string): string {
  return isField(key) ? t(`audit.field.${key}`) : key;
}

/** A status code's label, by what the entry changed. */
function statusLabel(t: Translate, action: string, value: string): string {
  const group = isAuditAction(action) ? groupOf(action) : null;
  switch (group) {
    case "organization":
      return labelFor(t, "org.status", value);
    case "member":
      return labelFor(t, "members.role", value);
    case "user":
      return labelFor(t, "adminUsers.role", value);
    case "event":
      return labelFor(t, "events.status", value);
    case "order":
      return labelFor(t, "orders.status", value);
    case "project":
      return labelFor(t, "responses.projectStatus", value);
    case "response":
      return labelFor(t, "responses.status", value);
    default:
      return value;
  }
}

function plain(t: Translate, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("audit.value.empty");
  if (typeof value === "boolean") return t(value ? "audit.value.yes" : "audit.value.no");
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value)) return value.length ? value.map((v) => plain(t, v)).join("、") : t("audit.value.empty");
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${fieldLabel(t, k)}：${plain(t, v)}`)
    .join("；");
}

function valueOf(t: Translate, action: string, key: string, value: unknown): string {
  const kind: ValueKind = isField(key) ? fields[key] : "text";
  if ((value === null || value === undefined) && kind === "status" && action.startsWith("user.")) return t("adminUsers.role.none");
  if (value === null || value === undefined || value === "") return t("audit.value.empty");
  const text = String(value);
  switch (kind) {
    case "status":
      return statusLabel(t, action, text);
    case "orgRole":
      return labelFor(t, "members.role", text);
    case "platformRole":
      return labelFor(t, "adminUsers.role", text);
    case "userStatus":
      return labelFor(t, "adminUsers.status", text);
    case "orgKinds":
      return Array.isArray(value) ? value.map((v) => labelFor(t, "orgKind", String(v))).join("、") : labelFor(t, "orgKind", text);
    case "reason":
      return /^[a-z_]+$/.test(text) ? labelFor(t, "audit.reason", text) : text;
    case "phone":
      return labelFor(t, "audit.value.phone", text);
    case "via":
      return labelFor(t, "audit.value.via", text);
    case "fields":
      return Array.isArray(value) ? value.map((v) => fieldLabel(t, String(v))).join("、") : text;
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : formatDateTime(text) || text;
    case "yuan":
      return typeof value === "number" ? t("audit.value.yuan", { amount: value.toFixed(2) }) : text;
    case "fen":
      return typeof value === "number" ? t("audit.value.yuan", { amount: (value / 100).toFixed(2) }) : text;
    case "bytes":
      return typeof value === "number" ? bytes(value) : text;
    case "criteria":
      return Array.isArray(value)
        ? value.map((c) => (c && typeof c === "object" ? `${String((c as { key?: unknown }).key)}（${String((c as { weight?: unknown }).weight)}）` : String(c))).join("、")
        : text;
    default:
      return plain(t, value);
  }
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** The entry's details as label–value pairs; a before/after pair as one line per field that changed. */
export function auditDetails(t: Translate, action: string, detail: Record<string, unknown>): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const before = isRecord(detail.before) ? detail.before : null;
  const after = isRecord(detail.after) ? detail.after : null;
  // Organisation kind on registration, report kind on plan reports: the same key, two vocabularies.
  const kindOf = (v: unknown) =>
    action === "organization.register" ? labelFor(t, "orgKind", String(v)) : action.startsWith("plan.") ? labelFor(t, "audit.value.reportKind", String(v)) : plain(t, v);
  const show = (key: string, value: unknown) => (key === "kind" ? kindOf(value) : valueOf(t, action, key, value));
  const rank = (key: string) => (isField(key) ? fieldOrder.indexOf(key) : fieldOrder.length);
  const entries = Object.entries(detail).sort(([a], [b]) => rank(a) - rank(b));
  for (const [key, value] of entries) {
    if (key === "before" || key === "after") continue;
    if (hiddenKeys.has(key)) continue;
    out.push({ label: fieldLabel(t, key), value: show(key, value) });
  }
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    for (const key of keys) {
      const was = before?.[key];
      const now = after?.[key];
      if (before && JSON.stringify(was) === JSON.stringify(now)) continue;
      out.push({
        label: fieldLabel(t, key),
        value: before ? t("audit.value.change", { from: show(key, was), to: show(key, now) }) : show(key, now),
      });
    }
  }
  return out;
}

function affiliationOf(t: Translate, row: AuditListRow): string | null {
  const parts: string[] = [];
  if (row.actor_platform_role) {
    const role = t(`adminUsers.role.${row.actor_platform_role}`);
    parts.push(row.actor_plan_unit_name ? t("audit.value.unit", { unit: row.actor_plan_unit_name, role }) : role);
  }
  // A district department's officer is a member of the department's organisation too: its name once is enough.
  if (row.actor_org_name && row.actor_org_name !== row.actor_plan_unit_name) parts.unshift(row.actor_org_name);
  return parts.length ? parts.join(" · ") : null;
}

function targetOf(t: Translate, row: AuditListRow): string | null {
  const title = row.target_title ?? row.target_label;
  if (!row.target_type) return title;
  const type = labelFor(t, "audit.targetType", row.target_type);
  if (title) return `${type}：${title}`;
  if (!row.target_id) return type;
  return `${type} ${/^[0-9a-f-]{36}$/.test(row.target_id) ? row.target_id.slice(0, 8) : row.target_id}`;
}

export function presentAuditRow(t: Translate, row: AuditListRow): AuditRowView {
  const known: AuditAction | null = isAuditAction(row.action) ? row.action : null;
  const category = known ? categoryOf(known) : null;
  return {
    id: row.id,
    at: formatDateTime(row.at),
    action: row.action,
    actionLabel: known ? t(`audit.action.${known}`) : row.action,
    category,
    categoryLabel: category ? t(`audit.category.${category}`) : "",
    outcome: row.outcome,
    outcomeLabel: t(`audit.outcome.${row.outcome}`),
    actorEmail: row.actor_email ?? row.actor_label,
    actorName: row.actor_name,
    affiliation: affiliationOf(t, row),
    affiliationOrgId: row.actor_org_id,
    target: targetOf(t, row),
    concerned:
      row.organization_id && row.organization_name && row.organization_id !== row.actor_org_id
        ? { id: row.organization_id, name: row.organization_name }
        : null,
    ip: row.ip,
    details: auditDetails(t, row.action, row.detail),
  };
}
