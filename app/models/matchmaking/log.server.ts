import type { DB } from "../../db.server.ts";

export type MatchmakingSubject = "response" | "project" | "order";

/** One timeline for responses, projects and orders (matchmaking_events_log): who changed what, when, and why. */
export async function logMatchmakingEvent(
  db: DB,
  subject: MatchmakingSubject,
  subjectId: string,
  status: string,
  actor: { userId: string | null; orgId: string | null },
  note: string | null = null,
): Promise<void> {
  await db
    .insertInto("matchmaking_events_log")
    .values({ subject_type: subject, subject_id: subjectId, status, actor_user_id: actor.userId, actor_org_id: actor.orgId, note })
    .execute();
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
