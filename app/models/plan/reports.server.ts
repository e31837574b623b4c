import { sql } from "kysely";
import { createTranslator } from "../../i18n/translate.ts";
import type { DB } from "../../db.server.ts";
import { isReportablePeriod, type PlanContributionInput, type PlanReportInput, type PlanReviewInput } from "../../schemas/plan-tracking.ts";
import { audit } from "../audit.server.ts";
import { notify, notifyPlatformAdmins } from "../notification.server.ts";
import { roleCan } from "../../domain/permissions.ts";
import { refused } from "../../domain/refusal.ts";
import { type PlanActor, type PlanResult, type RequestMeta } from "./shared.server.ts";
import { planUnitOf } from "./tasks.server.ts";
import { inTransaction } from "../../../db/client.ts";

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
  now: Date = new Date(),
): Promise<PlanResult<{ reportId: string }>> {
  if (!roleCan(actor.platform_role, "plan:report")) return refused("officersOnly");
  const task = await db.selectFrom("plan_tasks").select(["id", "number", "theme"]).where("number", "=", taskNumber).executeTakeFirst();
  if (!task) return refused("taskNotFound");
  const unit = await planUnitOf(db, actor);
  if (!unit) return refused("noUnit");
  const link = await db
    .selectFrom("plan_task_units")
    .select("role")
    .where("task_id", "=", task.id)
    .where("unit_id", "=", unit.id)
    .executeTakeFirst();
  if (!link) return refused("notInvolved");
  if (submission.kind === "lead" && link.role !== "lead") return refused("notLead");
  if (submission.kind === "contribution" && link.role !== "cooperating") return refused("notCooperating");

  const { input } = submission;
  if (!isReportablePeriod(input.period, now)) return refused("periodOutOfRange");
  return inTransaction(db, async (trx) => {
    const clash = await trx
      .selectFrom("plan_reports")
      .select("id")
      .where("task_id", "=", task.id)
      .where("unit_id", "=", unit.id)
      .where("kind", "=", submission.kind)
      .where("period", "=", input.period)
      .where("status", "<>", "returned")
      .executeTakeFirst();
    if (clash) return refused("periodTaken");
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
      targetTitle: task.theme,
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
): Promise<PlanResult<{ status: "accepted" | "returned" }>> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refused("adminsOnly");
  return inTransaction(db, async (trx) => {
    const report = await trx
      .selectFrom("plan_reports as r")
      .innerJoin("plan_tasks as t", "t.id", "r.task_id")
      .innerJoin("plan_units as u", "u.id", "r.unit_id")
      .select(["r.id", "r.status", "r.author_id", "r.kind", "r.period", "t.number", "t.theme", "u.name as unit_name"])
      .where("r.id", "=", input.reportId)
      .where("t.number", "=", taskNumber)
      .forUpdate("r")
      .executeTakeFirst();
    if (!report) return refused("reportNotFound");
    if (report.status !== "submitted") return refused("alreadyReviewed");
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
      targetTitle: report.theme,
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
