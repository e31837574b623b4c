import type { DB } from "../../db.server.ts";

/** What the home page says of the plan: how many tasks are tracked, under which sections. */
export async function planSummary(db: DB): Promise<{ tasks: number; sections: string[] }> {
  const [tasks, sections] = await Promise.all([
    db.selectFrom("plan_tasks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    db.selectFrom("plan_sections").select("title").orderBy("number").execute(),
  ]);
  return { tasks: Number(tasks.n), sections: sections.map((s) => s.title) };
}

/** The year a deadline names ("2023年底前" → 2023); none ("持续推进", "长期坚持", blank) means ongoing. */
export function deadlineYearOf(text: string): number | null {
  const match = /(20\d{2})\s*年/.exec(text);
  return match ? Number(match[1]) : null;
}

