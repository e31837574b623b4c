import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { AuditOutcome, PlatformRole } from "../../db/schema.ts";
import { actionsIn, type AuditAction, type AuditCategory, type AuditTargetType } from "../domain/audit-actions.ts";
import { containsPattern } from "../utils/like-pattern.ts";
import { isUuid } from "../schemas/ids.ts";
import { AUDIT_MAX_PAGE } from "../schemas/audit.ts";

export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId?: string | null;
  actorLabel?: string | null;
  /** The organisation the entry concerns (the reviewed organisation, the other party), for the organisation filter. */
  organizationId?: string | null;
  /**
   * The actor's organisation when it is no longer on their account by the time the entry is written (an account
   * deleted in the same transaction); otherwise read from the account.
   */
  actorOrganizationId?: string | null;
  targetType?: AuditTargetType | null;
  targetId?: string | null;
  /** What the subject is called now: a listing's or project's title, a file's name. */
  targetTitle?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends to the audit trail; call inside the transaction of the change it records. The actor's organisation,
 * platform role and plan unit are copied from their account in the same statement, so the entry keeps who they
 * were when they acted.
 */
export async function audit(db: DB, event: AuditEvent): Promise<void> {
  const actorId = event.actorUserId && isUuid(event.actorUserId) ? event.actorUserId : null;
  const fromActor = <T>(column: "organization_id" | "platform_role" | "plan_unit_id") =>
    actorId ? sql<T>`(select ${sql.ref(column)} from users where id = ${actorId})` : null;
  await db
    .insertInto("audit_log")
    .values({
      action: event.action,
      outcome: event.outcome,
      actor_user_id: event.actorUserId ?? null,
      actor_label: event.actorLabel ?? null,
      organization_id: event.organizationId ?? null,
      actor_organization_id:
        event.actorOrganizationId !== undefined ? event.actorOrganizationId : fromActor<string | null>("organization_id"),
      actor_platform_role: fromActor<PlatformRole | null>("platform_role"),
      actor_plan_unit_id: fromActor<number | null>("plan_unit_id"),
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      target_title: event.targetTitle ? event.targetTitle.slice(0, 300) : null,
      ip: event.ip ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;
/** The most entries one export holds: a month of a busy district, still a workbook a laptop opens. */
export const AUDIT_EXPORT_MAX = 10_000;

export interface AuditFilter {
  action?: AuditAction;
  category?: AuditCategory;
  outcome?: AuditOutcome;
  /** Part of the actor's e-mail (current address or the label recorded at the time). */
  actor?: string;
  /** The organisation concerned or the actor's organisation. */
  organizationId?: string;
  /** Inclusive lower and exclusive upper bound of `at`. */
  from?: Date;
  to?: Date;
  page?: number;
}

export interface AuditListRow {
  id: number;
  at: Date;
  action: string;
  outcome: AuditOutcome;
  actor_user_id: string | null;
  actor_label: string | null;
  actor_email: string | null;
  actor_name: string | null;
  /** The actor's organisation, platform role and plan unit when they acted (their current ones for older rows). */
  actor_org_id: string | null;
  actor_org_name: string | null;
  actor_platform_role: PlatformRole | null;
  actor_plan_unit_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  target_type: string | null;
  target_id: string | null;
  target_title: string | null;
  target_label: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

function filteredLog(db: DB, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users as actor", "actor.id", "audit_log.actor_user_id")
    .leftJoin("organizations as org", "org.id", "audit_log.organization_id")
    .leftJoin("organizations as actor_org", (join) =>
      join.on(sql<boolean>`actor_org.id = coalesce(audit_log.actor_organization_id, actor.organization_id)`),
    )
    .leftJoin("plan_units as actor_unit", (join) =>
      join.on(sql<boolean>`actor_unit.id = coalesce(audit_log.actor_plan_unit_id, actor.plan_unit_id)`),
    )
    .leftJoin("users as target_user", (join) =>
      join.on(sql<boolean>`audit_log.target_type = 'user' and target_user.id::text = audit_log.target_id`),
    )
    .leftJoin("organizations as target_org", (join) =>
      join.on(sql<boolean>`audit_log.target_type = 'organization' and target_org.id::text = audit_log.target_id`),
    );
  if (filter.action) query = query.where("audit_log.action", "=", filter.action);
  if (filter.category) query = query.where("audit_log.action", "in", actionsIn(filter.category));
  if (filter.outcome) query = query.where("audit_log.outcome", "=", filter.outcome);
  const actor = filter.actor?.trim().toLowerCase().slice(0, 254);
  if (actor) {
    const pattern = containsPattern(actor);
    query = query.where((eb) =>
      eb.or([eb(sql`lower(audit_log.actor_label)`, "like", pattern), eb(sql`lower(actor.email)`, "like", pattern)]),
    );
  }
  if (filter.organizationId) {
    const orgId = isUuid(filter.organizationId) ? filter.organizationId : null;
    query = orgId
      ? query.where((eb) => eb.or([eb("audit_log.organization_id", "=", orgId), eb("actor_org.id", "=", orgId)]))
      : query.where(sql<boolean>`false`);
  }
  if (filter.from) query = query.where("audit_log.at", ">=", filter.from);
  if (filter.to) query = query.where("audit_log.at", "<", filter.to);
  return query
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.outcome",
      "audit_log.actor_user_id",
      "audit_log.actor_label",
      "actor.email as actor_email",
      "actor.name as actor_name",
      "actor_org.id as actor_org_id",
      "actor_org.name as actor_org_name",
      "actor_unit.name as actor_plan_unit_name",
      "audit_log.organization_id",
      "org.name as organization_name",
      "audit_log.target_type",
      "audit_log.target_id",
      "audit_log.target_title",
      "audit_log.ip",
      "audit_log.detail",
    ])
    .select(sql<PlatformRole | null>`coalesce(audit_log.actor_platform_role, actor.platform_role)`.as("actor_platform_role"))
    .select(sql<string | null>`coalesce(target_user.email, target_org.name)`.as("target_label"))
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc");
}

const detailOf = (d: unknown): Record<string, unknown> =>
  typeof d === "string" ? (JSON.parse(d) as Record<string, unknown>) : ((d ?? {}) as Record<string, unknown>);

/** The audit trail, newest first, one page at a time (no total count: the table is large). */
export async function listAuditLog(db: DB, filter: AuditFilter = {}): Promise<{ rows: AuditListRow[]; page: number; pageSize: number; hasNext: boolean }> {
  const page = Math.max(1, Math.min(AUDIT_MAX_PAGE, Math.floor(filter.page ?? 1) || 1));
  const rows = await filteredLog(db, filter)
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return {
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: Number(r.id), detail: detailOf(r.detail) })),
    page,
    pageSize: AUDIT_PAGE_SIZE,
    hasNext: rows.length > AUDIT_PAGE_SIZE,
  };
}

/** Every entry the filter matches, newest first, up to `max` (and whether there were more). */
export async function auditLogForExport(db: DB, filter: AuditFilter, max = AUDIT_EXPORT_MAX): Promise<{ rows: AuditListRow[]; truncated: boolean }> {
  const rows = await filteredLog(db, filter).limit(max + 1).execute();
  return { rows: rows.slice(0, max).map((r) => ({ ...r, id: Number(r.id), detail: detailOf(r.detail) })), truncated: rows.length > max };
}
