import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { AuditOutcome } from "../../db/schema.ts";
import { containsPattern } from "../utils/like-pattern.ts";
import { isUuid } from "../schemas/ids.ts";

export interface AuditEvent {
  action: string;
  outcome: AuditOutcome;
  actorUserId?: string | null;
  actorLabel?: string | null;
  organizationId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit trail; call inside the transaction of the decision it records. */
export async function audit(db: DB, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      action: event.action,
      outcome: event.outcome,
      actor_user_id: event.actorUserId ?? null,
      actor_label: event.actorLabel ?? null,
      organization_id: event.organizationId ?? null,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      ip: event.ip ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  action?: string;
  outcome?: AuditOutcome;
  /** Part of the actor's e-mail (current address or the label recorded at the time). */
  actor?: string;
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
  organization_id: string | null;
  organization_name: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** The audit trail, newest first, one page at a time (no total count: the table is large). */
export async function listAuditLog(db: DB, filter: AuditFilter = {}): Promise<{ rows: AuditListRow[]; page: number; pageSize: number; hasNext: boolean }> {
  const page = Math.max(1, Math.min(100_000, Math.floor(filter.page ?? 1) || 1));
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users as actor", "actor.id", "audit_log.actor_user_id")
    .leftJoin("organizations as org", "org.id", "audit_log.organization_id")
    .leftJoin("users as target_user", (join) =>
      join.on(sql<boolean>`audit_log.target_type = 'user' and target_user.id::text = audit_log.target_id`),
    )
    .leftJoin("organizations as target_org", (join) =>
      join.on(sql<boolean>`audit_log.target_type = 'organization' and target_org.id::text = audit_log.target_id`),
    );
  if (filter.action) query = query.where("audit_log.action", "=", filter.action);
  if (filter.outcome) query = query.where("audit_log.outcome", "=", filter.outcome);
  const actor = filter.actor?.trim().toLowerCase().slice(0, 254);
  if (actor) {
    const pattern = containsPattern(actor);
    query = query.where((eb) =>
      eb.or([eb(sql`lower(audit_log.actor_label)`, "like", pattern), eb(sql`lower(actor.email)`, "like", pattern)]),
    );
  }
  if (filter.organizationId) {
    if (!isUuid(filter.organizationId)) return { rows: [], page, pageSize: AUDIT_PAGE_SIZE, hasNext: false };
    query = query.where("audit_log.organization_id", "=", filter.organizationId);
  }
  if (filter.from) query = query.where("audit_log.at", ">=", filter.from);
  if (filter.to) query = query.where("audit_log.at", "<", filter.to);
  const rows = await query
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.outcome",
      "audit_log.actor_user_id",
      "audit_log.actor_label",
      "actor.email as actor_email",
      "actor.name as actor_name",
      "audit_log.organization_id",
      "org.name as organization_name",
      "audit_log.target_type",
      "audit_log.target_id",
      "audit_log.ip",
      "audit_log.detail",
    ])
    .select(sql<string | null>`coalesce(target_user.email, target_org.name)`.as("target_label"))
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  const detailOf = (d: unknown): Record<string, unknown> =>
    typeof d === "string" ? (JSON.parse(d) as Record<string, unknown>) : ((d ?? {}) as Record<string, unknown>);
  return {
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: Number(r.id), detail: detailOf(r.detail) })),
    page,
    pageSize: AUDIT_PAGE_SIZE,
    hasNext: rows.length > AUDIT_PAGE_SIZE,
  };
}

/** Every action name present in the log, read as a loose index scan over (action, at). */
export async function auditActionsInLog(db: DB): Promise<string[]> {
  const result = await sql<{ action: string }>`
    with recursive a(action) as (
      (select action from audit_log order by action limit 1)
      union all
      select (select l.action from audit_log l where l.action > a.action order by l.action limit 1) from a where a.action is not null
    )
    select action from a where action is not null`.execute(db);
  return result.rows.map((r) => r.action);
}
