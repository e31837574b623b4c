import { sql } from "kysely";
import type { DB } from "../../../db.server.ts";
import type { MatchEvent, RegistrationStatus } from "../../../../db/schema-matchmaking.ts";
import { canManageEvent, type Actor } from "../../policy.server.ts";
import { containsPattern } from "../../../utils/like-pattern.ts";
import { isUuid } from "../../../schemas/ids.ts";

export interface EventSummary {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  place: string;
  capacity: number;
  audience: string;
  status: "published" | "cancelled";
  registered: number;
  waitlisted: number;
  organizer_name: string | null;
}

function summaries(db: DB) {
  return db
    .selectFrom("match_events as e")
    .leftJoin("organizations as o", "o.id", "e.organizer_org_id")
    .select([
      "e.id",
      "e.title",
      "e.starts_at",
      "e.ends_at",
      "e.place",
      "e.capacity",
      "e.audience",
      "e.status",
      "o.name as organizer_name",
      sql<number>`(select count(*) from match_event_registrations r where r.event_id = e.id and r.status = 'registered')`.as("registered"),
      sql<number>`(select count(*) from match_event_registrations r where r.event_id = e.id and r.status = 'waitlisted')`.as("waitlisted"),
    ]);
}

/** The public list: upcoming (not yet ended, soonest first) and past (latest first), optionally filtered by text. */
export async function listEvents(
  db: DB,
  options: { q?: string; now?: Date; limit?: number } = {},
): Promise<{ upcoming: EventSummary[]; past: EventSummary[] }> {
  const now = options.now ?? new Date();
  const q = options.q?.trim();
  const filtered = () => {
    let query = summaries(db);
    if (q) {
      const pattern = containsPattern(q);
      query = query.where((eb) =>
        eb.or([
          eb("e.title", "ilike", pattern),
          eb("e.place", "ilike", pattern),
          eb("e.agenda", "ilike", pattern),
          eb("e.audience", "ilike", pattern),
        ]),
      );
    }
    return query;
  };
  const limit = options.limit ?? 100;
  const [upcoming, past] = await Promise.all([
    filtered().where("e.ends_at", ">=", now).orderBy("e.starts_at").orderBy("e.id").limit(limit).execute(),
    filtered().where("e.ends_at", "<", now).orderBy("e.starts_at", "desc").orderBy("e.id").limit(limit).execute(),
  ]);
  const norm = (rows: EventSummary[]) => rows.map((r) => ({ ...r, registered: Number(r.registered), waitlisted: Number(r.waitlisted) }));
  return { upcoming: norm(upcoming), past: norm(past) };
}

/** The next few published events, for the home page. */
export async function upcomingEvents(db: DB, limit = 3, now = new Date()): Promise<EventSummary[]> {
  const rows = await summaries(db)
    .where("e.status", "=", "published")
    .where("e.starts_at", ">", now)
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, registered: Number(r.registered), waitlisted: Number(r.waitlisted) }));
}

export interface RegistrationRow {
  organization_id: string;
  organization_name: string;
  status: RegistrationStatus;
  attended: boolean | null;
  created_at: Date;
}

export interface EventView {
  event: MatchEvent;
  organizerName: string | null;
  registered: number;
  waitlisted: number;
  /** The viewer's organisation's registration, if any (cancelled ones count as none). */
  own: { status: "registered" | "waitlisted"; position: number | null; attended: boolean | null } | null;
  /** Registrations, for the organiser and platform staff only. */
  registrations: RegistrationRow[] | null;
}

export async function getEvent(db: DB, id: string, viewer: Actor | null, options: { staff?: boolean } = {}): Promise<EventView | null> {
  if (!isUuid(id)) return null;
  const event = await db.selectFrom("match_events").selectAll().where("id", "=", id).executeTakeFirst();
  if (!event) return null;
  const rows = await db
    .selectFrom("match_event_registrations as r")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .select(["r.organization_id", "o.name as organization_name", "r.status", "r.attended", "r.created_at"])
    .where("r.event_id", "=", id)
    .orderBy("r.id")
    .execute();
  const organizer = event.organizer_org_id
    ? await db.selectFrom("organizations").select("name").where("id", "=", event.organizer_org_id).executeTakeFirst()
    : undefined;
  const waiting = rows.filter((r) => r.status === "waitlisted");
  const mine = viewer?.user.organization_id ? rows.find((r) => r.organization_id === viewer.user.organization_id) : undefined;
  return {
    event,
    organizerName: organizer?.name ?? null,
    registered: rows.filter((r) => r.status === "registered").length,
    waitlisted: waiting.length,
    own:
      mine && mine.status !== "cancelled"
        ? {
            status: mine.status,
            position: mine.status === "waitlisted" ? waiting.findIndex((r) => r.organization_id === mine.organization_id) + 1 : null,
            attended: mine.attended,
          }
        : null,
    registrations: canManageEvent(viewer, event) || options.staff ? rows.filter((r) => r.status !== "cancelled") : null,
  };
}

/** Counts for the dashboard: upcoming published events, and the organisation's active registrations among them. */
export async function eventCounts(db: DB, organizationId: string | null, now = new Date()): Promise<{ upcoming: number; mine: number }> {
  const row = await db
    .selectFrom("match_events as e")
    .select([
      sql<number>`count(*)`.as("upcoming"),
      organizationId
        ? sql<number>`count(*) filter (where exists (select 1 from match_event_registrations r where r.event_id = e.id and r.organization_id = ${organizationId} and r.status in ('registered','waitlisted')))`.as("mine")
        : sql<number>`0`.as("mine"),
    ])
    .where("e.status", "=", "published")
    .where("e.ends_at", ">=", now)
    .executeTakeFirstOrThrow();
  return { upcoming: Number(row.upcoming), mine: Number(row.mine) };
}
