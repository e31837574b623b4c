import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { PlanUnitCategory } from "../../../db/schema-plan-tracking.ts";
import { allPlanUnits, planTable, type PlanDeadline } from "../../../seeds/plan.ts";

export async function planSummary(): Promise<{ tasks: number; sections: string[] }> {
  const table = planTable();
  return { tasks: table.tasks.length, sections: table.sections.map((s) => s.title) };
}

/** A unit's category, read from its name: 区…/市… departments, parks and their committees, sub-districts. */
export function unitCategory(name: string): PlanUnitCategory {
  if (/街办|街道/.test(name)) return "sub_district";
  if (/工业园|高新区|园区/.test(name)) return "park";
  if (/^(区|市)/.test(name)) return "district_department";
  return "other";
}

/** The 完成时限 cell as written in the plan. */
export function deadlineText(deadline: PlanDeadline): string {
  if (deadline.kind === "year") return `${deadline.year}年`;
  if (deadline.kind === "ongoing") return "持续推进";
  return "";
}

/** The year a deadline names ("2023年底前" → 2023); none ("持续推进", "长期坚持", blank) means ongoing. */
export function deadlineYearOf(text: string): number | null {
  const match = /(20\d{2})\s*年/.exec(text);
  return match ? Number(match[1]) : null;
}

/** Countable targets the plan names, for the live indicators (task 11: 1 integration enterprise, ...). */
const PLAN_TARGETS: Record<number, { value: number; note: string }> = {
  11: { value: 1, note: "产教融合型企业 1 个" },
  15: { value: 1, note: "示范高校 1 家" },
  18: { value: 1, note: "产教融合实训基地 1 个" },
  25: { value: 1, note: "职业体验中心 1 个" },
};

/**
 * Loads the plan (sections, units, the 63 tasks and who leads and cooperates) from seeds/plan-tasks.json
 * when plan_tasks is empty. Reference data, not demo data: it runs at every start, in production too, and
 * does nothing once the tasks are there (administrators' later edits are never overwritten).
 */
export async function ensurePlanReference(db: DB): Promise<{ loaded: boolean }> {
  return db.transaction().execute(async (trx) => {
    // Two instances starting at once: the second waits here and then finds the tasks.
    await sql`lock table plan_tasks in share row exclusive mode`.execute(trx);
    const existing = await trx.selectFrom("plan_tasks").select("id").limit(1).executeTakeFirst();
    if (existing) return { loaded: false };
    const table = planTable();
    await trx
      .insertInto("plan_sections")
      .values(table.sections.map((s) => ({ number: s.number, title: s.title })))
      .onConflict((oc) => oc.column("number").doNothing())
      .execute();
    await trx
      .insertInto("plan_units")
      .values(allPlanUnits(table).map((name) => ({ name, category: unitCategory(name) })))
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    const units = new Map((await trx.selectFrom("plan_units").select(["id", "name"]).execute()).map((u) => [u.name, u.id]));
    const inserted = await trx
      .insertInto("plan_tasks")
      .values(
        table.tasks.map((task) => {
          const text = deadlineText(task.deadline);
          return {
            number: task.number,
            section: task.section,
            theme: task.theme,
            content: task.content,
            deadline: text,
            deadline_year: task.deadline.kind === "year" ? task.deadline.year : null,
            target_value: PLAN_TARGETS[task.number]?.value ?? null,
            target_note: PLAN_TARGETS[task.number]?.note ?? null,
            cooperating_includes_others: task.cooperatingIncludesOthers,
          };
        }),
      )
      .returning(["id", "number"])
      .execute();
    const taskId = new Map(inserted.map((t) => [t.number, t.id]));
    const links = table.tasks.flatMap((task) => {
      const lead = task.leadUnits.map((name, position) => ({ name, role: "lead" as const, position }));
      const cooperating = task.cooperatingUnits
        .filter((name) => !task.leadUnits.includes(name))
        .map((name, position) => ({ name, role: "cooperating" as const, position }));
      const seen = new Set<string>();
      return [...lead, ...cooperating]
        .filter((l) => (seen.has(l.name) ? false : (seen.add(l.name), true)))
        .map((l) => ({ task_id: taskId.get(task.number)!, unit_id: units.get(l.name)!, role: l.role, position: l.position }));
    });
    await trx.insertInto("plan_task_units").values(links).execute();
    return { loaded: true };
  });
}
