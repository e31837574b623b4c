import type { PlanIndicator } from "./indicators.server.ts";
import { createTranslator } from "../../i18n/translate.ts";
import type { DB } from "../../db.server.ts";
import type { PlanReportStatus } from "../../../db/schema-plan-tracking.ts";
import { DEFAULT_SILENT_AFTER_DAYS } from "../../domain/plan-status.ts";
import { currentPeriod, type PlanSettingsInput } from "../../schemas/plan-tracking.ts";
import { audit } from "../audit.server.ts";
import { notify } from "../notification.server.ts";
import { roleCan } from "../../domain/permissions.ts";
import { refused } from "../../domain/refusal.ts";
import { type PlanActor, type PlanResult, type RequestMeta } from "./shared.server.ts";
import { listPlanTasks, type PlanTaskView } from "./tasks.server.ts";
import { inTransaction } from "../../../db/client.ts";

// Supervision (督查): the silence threshold setting, overdue and silent tasks by lead unit, and reminders.

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
): Promise<PlanResult<object>> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refused("adminsOnly");
  return inTransaction(db, async (trx) => {
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
export async function supervision(db: DB, now: Date = new Date(), indicators?: PlanIndicator[]): Promise<SupervisionUnit[]> {
  const tasks = (await listPlanTasks(db, now, undefined, indicators)).filter((t) => t.status === "overdue" || t.status === "silent");
  const officers = await db
    .selectFrom("users")
    .select(["id", "name", "email", "plan_unit_id"])
    .where("platform_role", "=", "plan_officer")
    .where("status", "=", "active")
    .where("plan_unit_id", "is not", null)
    .orderBy("email")
    .execute();
  const groups = new Map<string, SupervisionUnit>();
  for (const task of tasks) {
    for (const [i, unit] of task.leadUnits.entries()) {
      const unitId = task.leadUnitIds[i];
      const group = groups.get(unit) ?? {
        unit,
        officers: officers.filter((o) => o.plan_unit_id === unitId).map(({ id, name, email }) => ({ id, name, email })),
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
): Promise<PlanResult<{ units: number; officers: number }>> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refused("adminsOnly");
  const groups = (await supervision(db, now)).filter((g) => unit === undefined || g.unit === unit);
  if (unit !== undefined && groups.length === 0) return refused("nothingToRemind");
  const t = createTranslator();
  let officers = 0;
  let units = 0;
  await inTransaction(db, async (trx) => {
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
