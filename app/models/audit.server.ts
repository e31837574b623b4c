import type { DB } from "../db.server.ts";
import type { AuditOutcome } from "../../db/schema.ts";

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
