import { sql } from "kysely";
import { createTranslator } from "../i18n/translate.ts";
import type { DB } from "../db.server.ts";
import type { User } from "../../db/schema.ts";
import type { PlanReportKind, PlanReportStatus, PlanUnitCategory, PlanUnitRole } from "../../db/schema-plan-tracking.ts";
import { DEFAULT_SILENT_AFTER_DAYS, planTaskStatus, type PlanStatus } from "../domain/plan-status.ts";
import type { MessageKey } from "../i18n/translate.ts";
import type { PlanContributionInput, PlanReportInput, PlanReviewInput, PlanSettingsInput, PlanTaskInput } from "../schemas/plan-tracking.ts";
import { currentPeriod } from "../schemas/plan-tracking.ts";
import { audit } from "./audit.server.ts";
import { notify, notifyPlatformAdmins } from "./notification.server.ts";
import { deadlineYearOf } from "./plan.server.ts";
import { roleCan } from "../domain/permissions.ts";

/**
 * Plan tracking: the district plan's tasks, who leads and cooperates, progress reports and their
 * review, administrators' corrections (kept as history) and supervision reminders. A report of a
 * cooperating unit is a plan_reports row with kind 'contribution'. Statuses are computed by
 * app/domain/plan-status.ts from the reports, at the moment asked.
 */

export type PlanActor = Pick<User, "id" | "email" | "platform_role" | "plan_unit">;
export interface RequestMeta {
  ip?: string | null;
}
export type PlanRefusal = { ok: false; status: 400 | 403 | 404 | 409; message: MessageKey; field?: string };
const refuse = (status: PlanRefusal["status"], message: MessageKey, field?: string): PlanRefusal => ({
  ok: false,
  status,
  message,
  field,
});

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

/** The plan unit an officer belongs to (users.plan_unit holds its name). */
export async function planUnitOf(db: DB, actor: Pick<User, "plan_unit">): Promise<{ id: number; name: string } | null> {
  if (!actor.plan_unit) return null;
  return (await db.selectFrom("plan_units").select(["id", "name"]).where("name", "=", actor.plan_unit).executeTakeFirst()) ?? null;
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
    list.push({
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
    });
    byTask.set(r.task_id, list);
  }
  return byTask;
}

/** Every task (or those given), with units, computed status and latest progress, ordered by number. */
export async function listPlanTasks(db: DB, now: Date = new Date(), numbers?: number[]): Promise<PlanTaskView[]> {
  let query = db.selectFrom("plan_tasks").selectAll().orderBy("number");
  if (numbers) {
    if (numbers.length === 0) return [];
    query = query.where("number", "in", numbers);
  }
  const tasks = await query.execute();
  const ids = tasks.map((t) => t.id);
  const { silentAfterDays } = await planSettings(db);
  const [links, reports] = await Promise.all([
    ids.length
      ? db
          .selectFrom("plan_task_units as tu")
          .innerJoin("plan_units as u", "u.id", "tu.unit_id")
          .select(["tu.task_id", "tu.role", "u.name"])
          .where("tu.task_id", "in", ids)
          .orderBy("tu.task_id")
          .orderBy("tu.role", "desc")
          .orderBy("tu.position")
          .execute()
      : Promise.resolve([]),
    loadReports(db, numbers ? ids : undefined),
  ]);
  const unitsOf = new Map<number, { lead: string[]; cooperating: string[] }>();
  for (const l of links) {
    const entry = unitsOf.get(l.task_id) ?? { lead: [], cooperating: [] };
    (l.role === "lead" ? entry.lead : entry.cooperating).push(l.name);
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
      leadUnits: unitsOf.get(t.id)?.lead ?? [],
      cooperatingUnits: unitsOf.get(t.id)?.cooperating ?? [],
      cooperatingIncludesOthers: t.cooperating_includes_others,
      createdAt: t.created_at,
      status: planTaskStatus({ deadlineYear: t.deadline_year, trackedSince: t.created_at }, taskReports, now, { silentAfterDays }),
      latestReport: taskReports.find((r) => r.kind === "lead" && r.status !== "returned") ?? null,
      lastAcceptedAt: acceptedTimes.length ? new Date(Math.max(...acceptedTimes)) : null,
      reportCount: taskReports.length,
    };
  });
}

export function roleOf(task: Pick<PlanTaskView, "leadUnits" | "cooperatingUnits">, unit: string | null): PlanUnitRole | null {
  if (!unit) return null;
  if (task.leadUnits.includes(unit)) return "lead";
  if (task.cooperatingUnits.includes(unit)) return "cooperating";
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
): Promise<{ task: PlanTaskView; reports: PlanReportDetail[]; history: PlanHistoryEntry[] } | null> {
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) return null;
  const [task] = await listPlanTasks(db, now, [number]);
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

// ---------------------------------------------------------------------------------------------------
// Reports and contributions

/**
 * Files a lead report (kind 'lead', the officer's unit must lead the task) or a contribution (kind
 * 'contribution', the unit must cooperate on it). Anyone else is refused with 403: the task is visible to
 * every plan officer, so saying why is no leak.
 */
export async function fileReport(
  db: DB,
  actor: PlanActor,
  taskNumber: number,
  submission: { kind: "lead"; input: PlanReportInput } | { kind: "contribution"; input: PlanContributionInput },
  meta: RequestMeta = {},
): Promise<{ ok: true; reportId: string } | PlanRefusal> {
  if (!roleCan(actor.platform_role, "plan:report")) return refuse(403, "plan.refused.officersOnly");
  const task = await db.selectFrom("plan_tasks").select(["id", "number"]).where("number", "=", taskNumber).executeTakeFirst();
  if (!task) return refuse(404, "plan.error.taskNotFound");
  const unit = await planUnitOf(db, actor);
  if (!unit) return refuse(403, "plan.refused.noUnit");
  const link = await db
    .selectFrom("plan_task_units")
    .select("role")
    .where("task_id", "=", task.id)
    .where("unit_id", "=", unit.id)
    .executeTakeFirst();
  if (!link) return refuse(403, "plan.refused.notInvolved");
  if (submission.kind === "lead" && link.role !== "lead") return refuse(403, "plan.refused.notLead");
  if (submission.kind === "contribution" && link.role !== "cooperating") return refuse(403, "plan.refused.notCooperating");

  const { input } = submission;
  return db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom("plan_reports")
      .select("id")
      .where("task_id", "=", task.id)
      .where("unit_id", "=", unit.id)
      .where("kind", "=", submission.kind)
      .where("period", "=", input.period)
      .where("status", "<>", "returned")
      .executeTakeFirst();
    if (clash) return refuse(409, "plan.error.periodTaken", "period");
    const row = await trx
      .insertInto("plan_reports")
      .values({
        task_id: task.id,
        unit_id: unit.id,
        kind: submission.kind,
        author_id: actor.id,
        period: input.period,
        narrative: input.narrative,
        completion_percent: submission.kind === "lead" ? submission.input.completionPercent : null,
        milestones: input.milestones ?? "",
        evidence_links: input.evidenceLinks,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      action: submission.kind === "lead" ? "plan.report.submit" : "plan.contribution.submit",
      outcome: "success",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "plan_report",
      targetId: row.id,
      ip: meta.ip ?? null,
      detail: { task: task.number, unit: unit.name, period: input.period },
    });
    // Every platform administrator hears of a report awaiting review.
    const kindLabel = createTranslator()(submission.kind === "lead" ? "plan.notify.kind.lead" : "plan.notify.kind.contribution");
    await notifyPlatformAdmins(trx, {
      kind: `plan.${submission.kind}.filed`,
      title: "plan.notify.filedTitle",
      params: { unit: unit.name, number: task.number, period: input.period, kind: kindLabel },
      link: `/plan/tasks/${task.number}`,
    });
    return { ok: true as const, reportId: row.id };
  });
}

/**
 * An administrator accepts or returns a report awaiting review; the author is told either way. The time of
 * acceptance (`now`) is what silence is counted from.
 */
export async function reviewReport(
  db: DB,
  actor: PlanActor,
  taskNumber: number,
  input: PlanReviewInput,
  meta: RequestMeta = {},
  now: Date = new Date(),
): Promise<{ ok: true; status: "accepted" | "returned" } | PlanRefusal> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refuse(403, "plan.refused.adminsOnly");
  return db.transaction().execute(async (trx) => {
    const report = await trx
      .selectFrom("plan_reports as r")
      .innerJoin("plan_tasks as t", "t.id", "r.task_id")
      .innerJoin("plan_units as u", "u.id", "r.unit_id")
      .select(["r.id", "r.status", "r.author_id", "r.kind", "r.period", "t.number", "u.name as unit_name"])
      .where("r.id", "=", input.reportId)
      .where("t.number", "=", taskNumber)
      .forUpdate("r")
      .executeTakeFirst();
    if (!report) return refuse(404, "plan.error.reportNotFound");
    if (report.status !== "submitted") return refuse(409, "plan.error.alreadyReviewed");
    const accepted = input.decision === "accept";
    await trx
      .updateTable("plan_reports")
      .set({
        status: accepted ? "accepted" : "returned",
        admin_comment: input.comment ?? null,
        ...(accepted ? { accepted_by: actor.id, accepted_at: now } : { returned_by: actor.id, returned_at: now }),
        updated_at: now,
      })
      .where("id", "=", report.id)
      .execute();
    await audit(trx, {
      action: accepted ? "plan.report.accept" : "plan.report.return",
      outcome: "success",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "plan_report",
      targetId: report.id,
      ip: meta.ip ?? null,
      detail: { task: report.number, unit: report.unit_name, period: report.period, kind: report.kind, comment: input.comment ?? null },
    });
    if (report.author_id) {
      await notify(
        trx,
        { userId: report.author_id },
        {
          kind: accepted ? "plan.report.accepted" : "plan.report.returned",
          title: accepted ? "plan.notify.acceptedTitle" : "plan.notify.returnedTitle",
          body: accepted ? "plan.notify.acceptedBody" : "plan.notify.returnedBody",
          params: { number: report.number, period: report.period, comment: input.comment ?? "" },
          link: `/plan/tasks/${report.number}`,
        },
      );
    }
    return { ok: true as const, status: accepted ? ("accepted" as const) : ("returned" as const) };
  });
}

/** Reports awaiting an administrator's decision, oldest first. */
export async function pendingReports(db: DB) {
  return db
    .selectFrom("plan_reports as r")
    .innerJoin("plan_tasks as t", "t.id", "r.task_id")
    .innerJoin("plan_units as u", "u.id", "r.unit_id")
    .select(["r.id", "r.kind", "r.period", "r.completion_percent", "r.created_at", "t.number", "t.theme", "u.name as unit_name"])
    .where("r.status", "=", "submitted")
    .orderBy("r.created_at")
    .limit(200)
    .execute();
}

/** Reports per month (Beijing), filed and accepted, for the dashboard. */
export async function reportsPerMonth(db: DB): Promise<Array<{ month: string; filed: number; accepted: number }>> {
  const result = await sql<{ month: string; filed: number; accepted: number }>`
    select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
           count(*)::int as filed,
           count(*) filter (where status = 'accepted')::int as accepted
    from plan_reports group by 1 order by 1`.execute(db);
  return result.rows.map((r) => ({ month: r.month, filed: Number(r.filed), accepted: Number(r.accepted) }));
}

// ---------------------------------------------------------------------------------------------------
// Administrators' corrections and new tasks

async function snapshot(db: DB, taskId: number): Promise<Record<string, unknown>> {
  const task = await db
    .selectFrom("plan_tasks")
    .select(["number", "section", "theme", "content", "deadline", "deadline_year", "target_value", "target_note"])
    .where("id", "=", taskId)
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom("plan_task_units as tu")
    .innerJoin("plan_units as u", "u.id", "tu.unit_id")
    .select(["u.name", "tu.role"])
    .where("tu.task_id", "=", taskId)
    .orderBy("tu.role", "desc")
    .orderBy("tu.position")
    .execute();
  return {
    ...task,
    lead_units: units.filter((u) => u.role === "lead").map((u) => u.name),
    cooperating_units: units.filter((u) => u.role === "cooperating").map((u) => u.name),
  };
}

async function resolveUnits(db: DB, input: PlanTaskInput): Promise<{ ok: true; ids: Map<string, number> } | PlanRefusal> {
  const names = [...input.leadUnits, ...input.cooperatingUnits];
  const rows = names.length ? await db.selectFrom("plan_units").select(["id", "name"]).where("name", "in", names).execute() : [];
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  if (input.leadUnits.some((n) => !ids.has(n))) return refuse(400, "plan.validation.unknownUnit", "leadUnits");
  if (input.cooperatingUnits.some((n) => !ids.has(n))) return refuse(400, "plan.validation.unknownUnit", "cooperatingUnits");
  return { ok: true, ids };
}

async function writeUnits(db: DB, taskId: number, input: PlanTaskInput, ids: Map<string, number>) {
  await db.deleteFrom("plan_task_units").where("task_id", "=", taskId).execute();
  const rows = [
    ...input.leadUnits.map((name, position) => ({ task_id: taskId, unit_id: ids.get(name)!, role: "lead" as const, position })),
    ...input.cooperatingUnits.map((name, position) => ({
      task_id: taskId,
      unit_id: ids.get(name)!,
      role: "cooperating" as const,
      position,
    })),
  ];
  if (rows.length) await db.insertInto("plan_task_units").values(rows).execute();
}

function taskValues(input: PlanTaskInput) {
  const deadline = input.deadline ?? "";
  return {
    section: input.section,
    theme: input.theme,
    content: input.content,
    deadline,
    deadline_year: deadlineYearOf(deadline),
    target_value: input.targetValue ?? null,
    target_note: input.targetNote ?? null,
  };
}

/** Corrects a task; the state before and after goes to plan_task_history, the decision to the audit log. */
export async function updatePlanTask(
  db: DB,
  actor: PlanActor,
  number: number,
  input: PlanTaskInput,
  meta: RequestMeta = {},
): Promise<{ ok: true; changed: boolean } | PlanRefusal> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refuse(403, "plan.refused.adminsOnly");
  return db.transaction().execute(async (trx) => {
    const task = await trx.selectFrom("plan_tasks").select("id").where("number", "=", number).forUpdate().executeTakeFirst();
    if (!task) return refuse(404, "plan.error.taskNotFound");
    if (!(await trx.selectFrom("plan_sections").select("number").where("number", "=", input.section).executeTakeFirst())) {
      return refuse(400, "validation.choose", "section");
    }
    const units = await resolveUnits(trx, input);
    if (!units.ok) return units;
    const before = await snapshot(trx, task.id);
    await trx
      .updateTable("plan_tasks")
      .set({ ...taskValues(input), updated_at: sql`now()` })
      .where("id", "=", task.id)
      .execute();
    await writeUnits(trx, task.id, input, units.ids);
    const after = await snapshot(trx, task.id);
    if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true as const, changed: false };
    await trx
      .insertInto("plan_task_history")
      .values({
        task_id: task.id,
        action: "update",
        actor_user_id: actor.id,
        actor_label: actor.email,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
      })
      .execute();
    await audit(trx, {
      action: "plan.task.update",
      outcome: "success",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "plan_task",
      targetId: String(number),
      ip: meta.ip ?? null,
      detail: { before, after },
    });
    return { ok: true as const, changed: true };
  });
}

/** Adds a task after the plan's own (number = highest + 1), with history and audit. */
export async function createPlanTask(
  db: DB,
  actor: PlanActor,
  input: PlanTaskInput,
  meta: RequestMeta = {},
): Promise<{ ok: true; number: number } | PlanRefusal> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refuse(403, "plan.refused.adminsOnly");
  return db.transaction().execute(async (trx) => {
    await sql`lock table plan_tasks in share row exclusive mode`.execute(trx);
    if (!(await trx.selectFrom("plan_sections").select("number").where("number", "=", input.section).executeTakeFirst())) {
      return refuse(400, "validation.choose", "section");
    }
    const units = await resolveUnits(trx, input);
    if (!units.ok) return units;
    const { max } = await trx
      .selectFrom("plan_tasks")
      .select(sql<number | null>`max(number)`.as("max"))
      .executeTakeFirstOrThrow();
    const number = Number(max ?? 0) + 1;
    const task = await trx
      .insertInto("plan_tasks")
      .values({ number, ...taskValues(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeUnits(trx, task.id, input, units.ids);
    const after = await snapshot(trx, task.id);
    await trx
      .insertInto("plan_task_history")
      .values({ task_id: task.id, action: "create", actor_user_id: actor.id, actor_label: actor.email, before: null, after: JSON.stringify(after) })
      .execute();
    await audit(trx, {
      action: "plan.task.create",
      outcome: "success",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "plan_task",
      targetId: String(number),
      ip: meta.ip ?? null,
      detail: { after },
    });
    return { ok: true as const, number };
  });
}

// ---------------------------------------------------------------------------------------------------
// Supervision (督查)

export interface PlanSettings {
  silentAfterDays: number;
  updatedAt: Date | null;
  updatedByName: string | null;
}

export async function planSettings(db: DB): Promise<PlanSettings> {
  const row = await db
    .selectFrom("plan_settings as s")
    .leftJoin("users as u", "u.id", "s.updated_by")
    .select(["s.silent_after_days", "s.updated_at", "s.updated_by", "u.name"])
    .executeTakeFirst();
  if (!row) return { silentAfterDays: DEFAULT_SILENT_AFTER_DAYS, updatedAt: null, updatedByName: null };
  return { silentAfterDays: row.silent_after_days, updatedAt: row.updated_by ? row.updated_at : null, updatedByName: row.name };
}

/** Administrators change how long a task may go without an accepted report; audited with before and after. */
export async function updatePlanSettings(
  db: DB,
  actor: PlanActor,
  input: PlanSettingsInput,
  meta: RequestMeta = {},
): Promise<{ ok: true } | PlanRefusal> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refuse(403, "plan.refused.adminsOnly");
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("plan_settings").select("silent_after_days").forUpdate().executeTakeFirst();
    await trx
      .insertInto("plan_settings")
      .values({ id: true, silent_after_days: input.silentAfterDays, updated_by: actor.id, updated_at: new Date() })
      .onConflict((oc) => oc.column("id").doUpdateSet({ silent_after_days: input.silentAfterDays, updated_by: actor.id, updated_at: new Date() }))
      .execute();
    await audit(trx, {
      action: "plan.settings.update",
      outcome: "success",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "plan_settings",
      ip: meta.ip ?? null,
      detail: { before: { silentAfterDays: before?.silent_after_days ?? DEFAULT_SILENT_AFTER_DAYS }, after: { silentAfterDays: input.silentAfterDays } },
    });
    return { ok: true as const };
  });
}

export interface SupervisionUnit {
  unit: string;
  officers: Array<{ id: string; name: string; email: string }>;
  tasks: Array<Pick<PlanTaskView, "number" | "theme" | "deadline" | "status" | "lastAcceptedAt">>;
}

/** Overdue and silent tasks, grouped by their lead units (the units answerable for them). */
export async function supervision(db: DB, now: Date = new Date()): Promise<SupervisionUnit[]> {
  const tasks = (await listPlanTasks(db, now)).filter((t) => t.status === "overdue" || t.status === "silent");
  const officers = await db
    .selectFrom("users")
    .select(["id", "name", "email", "plan_unit"])
    .where("platform_role", "=", "plan_officer")
    .where("status", "=", "active")
    .where("plan_unit", "is not", null)
    .orderBy("email")
    .execute();
  const groups = new Map<string, SupervisionUnit>();
  for (const task of tasks) {
    for (const unit of task.leadUnits) {
      const group = groups.get(unit) ?? {
        unit,
        officers: officers.filter((o) => o.plan_unit === unit).map(({ id, name, email }) => ({ id, name, email })),
        tasks: [],
      };
      group.tasks.push({ number: task.number, theme: task.theme, deadline: task.deadline, status: task.status, lastAcceptedAt: task.lastAcceptedAt });
      groups.set(unit, group);
    }
  }
  return [...groups.values()].sort((a, b) => b.tasks.length - a.tasks.length || a.unit.localeCompare(b.unit, "zh-CN"));
}

/**
 * Reminds the officers of one unit (or of every unit on the supervision list) of their overdue and silent
 * tasks: one notification per officer, and one audit entry per unit reminded.
 */
export async function sendReminders(
  db: DB,
  actor: PlanActor,
  unit: string | undefined,
  now: Date = new Date(),
  meta: RequestMeta = {},
): Promise<{ ok: true; units: number; officers: number } | PlanRefusal> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refuse(403, "plan.refused.adminsOnly");
  const groups = (await supervision(db, now)).filter((g) => unit === undefined || g.unit === unit);
  if (unit !== undefined && groups.length === 0) return refuse(404, "plan.error.nothingToRemind");
  const t = createTranslator();
  let officers = 0;
  let units = 0;
  await db.transaction().execute(async (trx) => {
    for (const group of groups) {
      if (group.officers.length === 0) continue;
      const overdue = group.tasks.filter((t) => t.status === "overdue").map((t) => t.number);
      const silent = group.tasks.filter((t) => t.status === "silent").map((t) => t.number);
      for (const officer of group.officers) {
        await notify(
          trx,
          { userId: officer.id },
          {
            kind: "plan.reminder",
            title: "plan.notify.reminderTitle",
            body: "plan.notify.reminderBody",
            params: {
              unit: group.unit,
              overdue: overdue.length ? overdue.join("、") : t("plan.notify.none"),
              silent: silent.length ? silent.join("、") : t("plan.notify.none"),
              period: currentPeriod(now),
            },
            link: "/plan",
          },
        );
        officers++;
      }
      units++;
      await audit(trx, {
        action: "plan.remind",
        outcome: "success",
        actorUserId: actor.id,
        actorLabel: actor.email,
        targetType: "plan_unit",
        targetId: group.unit,
        ip: meta.ip ?? null,
        detail: { overdue, silent, officers: group.officers.map((o) => o.email) },
      });
    }
  });
  return { ok: true as const, units, officers };
}

/** What a unit has filed for a period, per task number: the live (not returned) report's status, else "returned". */
export async function unitPeriodReports(db: DB, unitId: number, period: string): Promise<Map<number, PlanReportStatus>> {
  const rows = await db
    .selectFrom("plan_reports as r")
    .innerJoin("plan_tasks as t", "t.id", "r.task_id")
    .select(["t.number", "r.status"])
    .where("r.unit_id", "=", unitId)
    .where("r.period", "=", period)
    .execute();
  const result = new Map<number, PlanReportStatus>();
  for (const r of rows) {
    const current = result.get(r.number);
    if (!current || current === "returned") result.set(r.number, r.status);
  }
  return result;
}
