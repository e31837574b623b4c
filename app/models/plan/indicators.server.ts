import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { MessageKey } from "../../i18n/translate.ts";
import { todayInChina } from "../../utils/dates.ts";

/**
 * Live indicators: where a plan task names a target the platform can measure, the target against the
 * live figure from the platform's own tables. Each figure is a plain count, computed when asked.
 */

export interface PlanIndicator {
  task: number;
  label: MessageKey;
  /** The plan's target, when it names a number (task 11: 1 integration enterprise). */
  target: number | null;
  /** The platform's figure; null when the platform holds no data for it. */
  live: number | null;
  /** Further figures shown beside the main one (e.g. orders completed). */
  details: Array<{ label: MessageKey; value: number }>;
  /** For task 25: the latest figure reported in an accepted report, when the platform has none. */
  reported: { period: string; completionPercent: number | null } | null;
}

const count = (value: unknown) => Number(value ?? 0);

/**
 * Current certificates of a certification type (table of the certification module): issued by
 * today, valid until today or later (Beijing dates), and not revoked.
 */
export async function currentCertificates(db: DB, typeCode: string, now: Date = new Date()): Promise<number> {
  const today = todayInChina(now);
  const row = await db
    .selectFrom("certificates")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("type_code", "=", typeCode)
    .where("revoked_at", "is", null)
    .where("issued_on", "<=", today)
    .where("valid_until", ">=", today)
    .executeTakeFirstOrThrow();
  return count(row.n);
}

/** Task 16: interns placed by enterprises against 2 % of the staff of verified enterprises. */
export async function internsIndicator(db: DB): Promise<{ target: number; hosted: number }> {
  const [target, hosted] = await Promise.all([
    db
      .selectFrom("organizations")
      .select(sql<number>`coalesce(sum(ceil(coalesce(staff_count, 0) * 0.02)), 0)::int`.as("n"))
      .where("kind", "=", "enterprise")
      .where("status", "=", "verified")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("cooperation_projects as p")
      .innerJoin("organizations as o", "o.id", "p.owner_org_id")
      .select(sql<number>`coalesce(sum(p.students_count), 0)::int`.as("n"))
      .where("p.kind", "=", "internship")
      .where("o.kind", "=", "enterprise")
      .executeTakeFirstOrThrow(),
  ]);
  return { target: count(target.n), hosted: count(hosted.n) };
}

async function targetsOf(db: DB): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom("plan_tasks").select(["number", "target_value"]).where("number", "in", [11, 15, 18, 25]).execute();
  return new Map(rows.map((r) => [r.number, r.target_value]));
}

async function latestAcceptedReport(db: DB, taskNumber: number) {
  return (
    (await db
      .selectFrom("plan_reports as r")
      .innerJoin("plan_tasks as t", "t.id", "r.task_id")
      .select(["r.period", "r.completion_percent"])
      .where("t.number", "=", taskNumber)
      .where("r.status", "=", "accepted")
      .where("r.kind", "=", "lead")
      .orderBy("r.accepted_at", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

export async function planIndicators(db: DB, now: Date = new Date()): Promise<PlanIndicator[]> {
  const [targets, enterprises, schools, bases, interns, orders, events, platform, centre] = await Promise.all([
    targetsOf(db),
    currentCertificates(db, "enterprise", now),
    currentCertificates(db, "school", now),
    currentCertificates(db, "training_base", now),
    internsIndicator(db),
    db
      .selectFrom("package_orders")
      .select([sql<number>`count(*)::int`.as("total"), sql<number>`count(*) filter (where status = 'completed')::int`.as("completed")])
      .executeTakeFirstOrThrow(),
    sql<{ held: number; organizations: number }>`
      select count(distinct e.id)::int as held,
             count(distinct r.organization_id) filter (where r.status = 'registered' or r.attended)::int as organizations
      from match_events e
      left join match_event_registrations r on r.event_id = e.id
      where e.status = 'published' and e.ends_at < ${now}`.execute(db),
    sql<{ organizations: number; listings: number; searches: number; matches: number }>`
      select (select count(*) from organizations where status = 'verified')::int as organizations,
             (select count(*) from listings where status = 'published')::int as listings,
             (select coalesce(sum(searches), 0) from search_query_stats)::int as searches,
             (select count(*) from cooperation_projects)::int as matches`.execute(db),
    latestAcceptedReport(db, 25),
  ]);
  const held = events.rows[0];
  const site = platform.rows[0];
  return [
    { task: 11, label: "plan.indicator.11", target: targets.get(11) ?? 1, live: enterprises, details: [], reported: null },
    { task: 15, label: "plan.indicator.15", target: targets.get(15) ?? 1, live: schools, details: [], reported: null },
    { task: 16, label: "plan.indicator.16", target: interns.target, live: interns.hosted, details: [], reported: null },
    { task: 18, label: "plan.indicator.18", target: targets.get(18) ?? 1, live: bases, details: [], reported: null },
    {
      task: 25,
      label: "plan.indicator.25",
      target: targets.get(25) ?? 1,
      live: null,
      details: [],
      reported: centre ? { period: centre.period, completionPercent: centre.completion_percent } : null,
    },
    {
      task: 30,
      label: "plan.indicator.30",
      target: null,
      live: count(orders.total),
      details: [{ label: "plan.indicator.30.completed", value: count(orders.completed) }],
      reported: null,
    },
    {
      task: 56,
      label: "plan.indicator.56",
      target: null,
      live: count(site?.organizations),
      details: [
        { label: "plan.indicator.56.listings", value: count(site?.listings) },
        { label: "plan.indicator.56.searches", value: count(site?.searches) },
        { label: "plan.indicator.56.matches", value: count(site?.matches) },
      ],
      reported: null,
    },
    {
      task: 57,
      label: "plan.indicator.57",
      target: null,
      live: count(held?.held),
      details: [{ label: "plan.indicator.57.organizations", value: count(held?.organizations) }],
      reported: null,
    },
  ];
}
