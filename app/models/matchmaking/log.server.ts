import type { DB } from "../../db.server.ts";
import type { AuditAction } from "../../domain/audit-actions.ts";
import { audit } from "../audit.server.ts";
import type { Actor } from "../policy.server.ts";

export type MatchmakingSubject = "response" | "project" | "order";

/** Each step of the timeline is also one audit entry: the action each subject's status is recorded as. */
const auditActionOf = {
  response: { pending: "response.submit", accepted: "response.accept", declined: "response.decline", withdrawn: "response.withdraw" },
  project: {
    in_progress: "project.start",
    completed: "project.complete",
    ended: "project.end",
    milestone_added: "project.milestone.add",
    milestone_done: "project.milestone.done",
    placement_recorded: "project.placement",
    file_uploaded: "project.file.upload",
  },
  order: {
    requested: "order.place",
    confirmed: "order.confirm",
    delivered: "order.deliver",
    completed: "order.complete",
    cancelled: "order.cancel",
    rated: "order.rate",
  },
} as const satisfies { [S in MatchmakingSubject]: Record<string, AuditAction> };

export type MatchmakingStep<S extends MatchmakingSubject> = keyof (typeof auditActionOf)[S] & string;

export interface AuditedStep {
  /** The subject's title (the listing's, the project's, the package's as ordered). */
  title: string;
  /** The organisation on the other side from the actor's. */
  otherOrgId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * One timeline for responses, projects and orders (matchmaking_events_log): who changed what, when, and why;
 * the same step goes to the audit log, in the caller's transaction.
 */
export async function logMatchmakingEvent<S extends MatchmakingSubject>(
  db: DB,
  subject: S,
  subjectId: string,
  status: MatchmakingStep<S>,
  actor: Actor,
  note: string | null,
  step: AuditedStep,
): Promise<void> {
  await db
    .insertInto("matchmaking_events_log")
    .values({ subject_type: subject, subject_id: subjectId, status, actor_user_id: actor.user.id, actor_org_id: actor.user.organization_id, note })
    .execute();
  const actions: Record<string, AuditAction> = auditActionOf[subject];
  await audit(db, {
    action: actions[status],
    outcome: "success",
    actorUserId: actor.user.id,
    actorLabel: actor.user.email,
    organizationId: step.otherOrgId,
    targetType: subject,
    targetId: subjectId,
    targetTitle: step.title,
    detail: step.detail,
  });
}

export interface TimelineEntry {
  id: number;
  status: string;
  note: string | null;
  at: Date;
  actorName: string | null;
  actorOrgName: string | null;
}

/** Every status change of a response or project, oldest first. */
export async function timelineOf(db: DB, subject: MatchmakingSubject, id: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom("matchmaking_events_log as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .leftJoin("organizations as o", "o.id", "e.actor_org_id")
    .select(["e.id", "e.status", "e.note", "e.created_at", "u.name as actor_name", "o.name as actor_org_name"])
    .where("e.subject_type", "=", subject)
    .where("e.subject_id", "=", id)
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, note: r.note, at: r.created_at, actorName: r.actor_name, actorOrgName: r.actor_org_name }));
}
