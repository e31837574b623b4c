import type { DB } from "../../db.server.ts";
import type { User } from "../../../db/schema.ts";
import type { PlanReportKind, PlanReportStatus, PlanUnitCategory, PlanUnitRole } from "../../../db/schema-plan-tracking.ts";
import { indicatorMet, type PlanStatus, planTaskStatus } from "../../domain/plan-status.ts";
import { planIndicators, type PlanIndicator } from "./indicators.server.ts";
import { planSettings } from "./supervision.server.ts";

export interface PlanSection {
  number: number;
  title: string;
}

export interface PlanReportSummary {
  id: string;
  kind: PlanReportKind;
  unitId: number;
  unitName: string;
  period: string;
  narrative: string;
  completionPercent: number | null;
  status: PlanReportStatus;
  acceptedAt: Date | null;
  createdAt: Date;
}

export interface PlanTaskView {
  id: number;
  number: number;
  section: number;
  theme: string;
  content: string;
  deadline: string;
  deadlineYear: number | null;
  targetValue: number | null;
  targetNote: string | null;
  leadUnits: string[];
  cooperatingUnits: string[];
  /** The ids of leadUnits and cooperatingUnits, in the same order. */
  leadUnitIds: number[];
  cooperatingUnitIds: number[];
  cooperatingIncludesOthers: boolean;
  createdAt: Date;
  status: PlanStatus;
  /** The newest lead report that was not returned (accepted or awaiting review). */
  latestReport: PlanReportSummary | null;
  lastAcceptedAt: Date | null;
  reportCount: number;
}

export async function listPlanSections(db: DB): Promise<PlanSection[]> {
  return db.selectFrom("plan_sections").select(["number", "title"]).orderBy("number").execute();
}

export async function listPlanUnits(db: DB): Promise<Array<{ id: number; name: string; category: PlanUnitCategory }>> {
  return db.selectFrom("plan_units").select(["id", "name", "category"]).orderBy("name").execute();
}

/** The plan unit an officer belongs to. */
export async function planUnitOf(db: DB, actor: Pick<User, "plan_unit_id">): Promise<{ id: number; name: string } | null> {
  if (actor.plan_unit_id === null) return null;
  return (await db.selectFrom("plan_units").select(["id", "name"]).where("id", "=", actor.plan_unit_id).executeTakeFirst()) ?? null;
}

/** The columns of a report every view shows. */
function reportSummaryOf(r: {
  id: string;
  kind: PlanReportSummary["kind"];
  unit_id: number;
  unit_name: string;
  period: string;
  narrative: string;
  completion_percent: number | null;
  status: PlanReportSummary["status"];
  accepted_at: Date | null;
  created_at: Date;
}): PlanReportSummary {
  return {
    id: r.id,
    kind: r.kind,
    unitId: r.unit_id,
    unitName: r.unit_name,
    period: r.period,
    narrative: r.narrative,
    completionPercent: r.completion_percent,
    status: r.status,
    acceptedAt: r.accepted_at,
    createdAt: r.created_at,
  };
}

async function loadReports(db: DB, taskIds?: number[]): Promise<Map<number, PlanReportSummary[]>> {
  let query = db
    .selectFrom("plan_reports as r")
    .innerJoin("plan_units as u", "u.id", "r.unit_id")
    .select([
      "r.id",
      "r.task_id",
      "r.kind",
      "r.unit_id",
      "u.name as unit_name",
      "r.period",
      "r.narrative",
      "r.completion_percent",
      "r.status",
      "r.accepted_at",
      "r.created_at",
    ])
    .orderBy("r.created_at", "desc");
  if (taskIds) {
    if (taskIds.length === 0) return new Map();
    query = query.where("r.task_id", "in", taskIds);
  }
  const rows = await query.execute();
  const byTask = new Map<number, PlanReportSummary[]>();
  for (const r of rows) {
    const list = byTask.get(r.task_id) ?? [];
    list.push(reportSummaryOf(r));
    byTask.set(r.task_id, list);
  }
  return byTask;
}

/**
 * Every task (or those given), with units, computed status and latest progress, ordered by number. A caller that
 * has already read the live indicators passes them, so one request reads them once.
 */
export async function listPlanTasks(db: DB, now: Date = new Date(), numbers?: number[], indicators?: PlanIndicator[]): Promise<PlanTaskView[]> {
  let query = db.selectFrom("plan_tasks").selectAll().orderBy("number");
  if (numbers) {
    if (numbers.length === 0) return [];
    query = query.where("number", "in", numbers);
  }
  const tasks = await query.execute();
  const ids = tasks.map((t) => t.id);
  const { silentAfterDays } = await planSettings(db);
  const [links, reports, live] = await Promise.all([
    ids.length
      ? db
          .selectFrom("plan_task_units as tu")
          .innerJoin("plan_units as u", "u.id", "tu.unit_id")
          .select(["tu.task_id", "tu.role", "u.id", "u.name"])
          .where("tu.task_id", "in", ids)
          .orderBy("tu.task_id")
          .orderBy("tu.role", "desc")
          .orderBy("tu.position")
          .execute()
      : Promise.resolve([]),
    loadReports(db, numbers ? ids : undefined),
    indicators ?? planIndicators(db, now),
  ]);
  const metTargets = new Set(live.filter(indicatorMet).map((i) => i.task));
  type Units = { names: string[]; ids: number[] };
  const unitsOf = new Map<number, { lead: Units; cooperating: Units }>();
  for (const l of links) {
    const entry = unitsOf.get(l.task_id) ?? { lead: { names: [], ids: [] }, cooperating: { names: [], ids: [] } };
    const units = l.role === "lead" ? entry.lead : entry.cooperating;
    units.names.push(l.name);
    units.ids.push(l.id);
    unitsOf.set(l.task_id, entry);
  }
  return tasks.map((t) => {
    const taskReports = reports.get(t.id) ?? [];
    const acceptedTimes = taskReports.filter((r) => r.acceptedAt).map((r) => r.acceptedAt!.getTime());
    return {
      id: t.id,
      number: t.number,
      section: t.section,
      theme: t.theme,
      content: t.content,
      deadline: t.deadline,
      deadlineYear: t.deadline_year,
      targetValue: t.target_value,
      targetNote: t.target_note,
      leadUnits: unitsOf.get(t.id)?.lead.names ?? [],
      cooperatingUnits: unitsOf.get(t.id)?.cooperating.names ?? [],
      leadUnitIds: unitsOf.get(t.id)?.lead.ids ?? [],
      cooperatingUnitIds: unitsOf.get(t.id)?.cooperating.ids ?? [],
      cooperatingIncludesOthers: t.cooperating_includes_others,
      createdAt: t.created_at,
      status: planTaskStatus({ deadlineYear: t.deadline_year, trackedSince: t.created_at }, taskReports, now, {
        silentAfterDays,
        targetMet: metTargets.has(t.number),
      }),
      latestReport: taskReports.find((r) => r.kind === "lead" && r.status !== "returned") ?? null,
      lastAcceptedAt: acceptedTimes.length ? new Date(Math.max(...acceptedTimes)) : null,
      reportCount: taskReports.length,
    };
  });
}

export function roleOf(task: Pick<PlanTaskView, "leadUnitIds" | "cooperatingUnitIds">, unitId: number | null): PlanUnitRole | null {
  if (unitId === null) return null;
  if (task.leadUnitIds.includes(unitId)) return "lead";
  if (task.cooperatingUnitIds.includes(unitId)) return "cooperating";
  return null;
}

export interface PlanReportDetail extends PlanReportSummary {
  authorName: string | null;
  milestones: string;
  evidenceLinks: string[];
  adminComment: string | null;
  acceptedByName: string | null;
  returnedAt: Date | null;
}

export interface PlanHistoryEntry {
  id: number;
  action: "create" | "update";
  actorLabel: string | null;
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export async function getPlanTask(
  db: DB,
  number: number,
  now: Date = new Date(),
  indicators?: PlanIndicator[],
): Promise<{ task: PlanTaskView; reports: PlanReportDetail[]; history: PlanHistoryEntry[] } | null> {
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) return null;
  const [task] = await listPlanTasks(db, now, [number], indicators);
  if (!task) return null;
  const [reports, history] = await Promise.all([
    db
      .selectFrom("plan_reports as r")
      .innerJoin("plan_units as u", "u.id", "r.unit_id")
      .leftJoin("users as author", "author.id", "r.author_id")
      .leftJoin("users as acceptor", "acceptor.id", "r.accepted_by")
      .select([
        "r.id",
        "r.kind",
        "r.unit_id",
        "u.name as unit_name",
        "r.period",
        "r.narrative",
        "r.completion_percent",
        "r.milestones",
        "r.evidence_links",
        "r.status",
        "r.admin_comment",
        "r.accepted_at",
        "r.returned_at",
        "r.created_at",
        "author.name as author_name",
        "acceptor.name as acceptor_name",
      ])
      .where("r.task_id", "=", task.id)
      .orderBy("r.created_at", "desc")
      .execute(),
    db
      .selectFrom("plan_task_history")
      .select(["id", "action", "actor_label", "at", "before", "after"])
      .where("task_id", "=", task.id)
      .orderBy("id", "desc")
      .execute(),
  ]);
  const json = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>));
  return {
    task,
    reports: reports.map((r) => ({
      ...reportSummaryOf(r),
      authorName: r.author_name,
      milestones: r.milestones,
      evidenceLinks: r.evidence_links,
      adminComment: r.admin_comment,
      acceptedByName: r.acceptor_name,
      returnedAt: r.returned_at,
    })),
    history: history.map((h) => ({
      id: Number(h.id),
      action: h.action,
      actorLabel: h.actor_label,
      at: h.at,
      before: h.before === null ? null : json(h.before),
      after: json(h.after),
    })),
  };
}
