import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { PlanTaskInput } from "../../schemas/plan-tracking.ts";
import { audit } from "../audit.server.ts";
import { deadlineYearOf } from "./reference.server.ts";
import { roleCan } from "../../domain/permissions.ts";
import { refused } from "../../domain/refusal.ts";
import { type PlanActor, type PlanResult, type RequestMeta } from "./shared.server.ts";
import { inTransaction } from "../../../db/client.ts";

// Administrators' corrections of tasks and new tasks, each kept as history and audited.

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

async function resolveUnits(db: DB, input: PlanTaskInput): Promise<PlanResult<{ ids: Map<string, number> }>> {
  const names = [...input.leadUnits, ...input.cooperatingUnits];
  const rows = names.length ? await db.selectFrom("plan_units").select(["id", "name"]).where("name", "in", names).execute() : [];
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  if (input.leadUnits.some((n) => !ids.has(n))) return refused("unknownUnit", { field: "leadUnits" });
  if (input.cooperatingUnits.some((n) => !ids.has(n))) return refused("unknownUnit", { field: "cooperatingUnits" });
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
): Promise<PlanResult<{ changed: boolean }>> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refused("adminsOnly");
  return inTransaction(db, async (trx) => {
    const task = await trx.selectFrom("plan_tasks").select("id").where("number", "=", number).forUpdate().executeTakeFirst();
    if (!task) return refused("taskNotFound");
    if (!(await trx.selectFrom("plan_sections").select("number").where("number", "=", input.section).executeTakeFirst())) {
      return refused("unknownSection");
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
): Promise<PlanResult<{ number: number }>> {
  if (!roleCan(actor.platform_role, "plan:administer")) return refused("adminsOnly");
  return inTransaction(db, async (trx) => {
    await sql`lock table plan_tasks in share row exclusive mode`.execute(trx);
    if (!(await trx.selectFrom("plan_sections").select("number").where("number", "=", input.section).executeTakeFirst())) {
      return refused("unknownSection");
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
