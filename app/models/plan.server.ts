import { planTable } from "../../seeds/plan.ts";

export async function planSummary(): Promise<{ tasks: number; sections: string[] }> {
  const table = planTable();
  return { tasks: table.tasks.length, sections: table.sections.map((s) => s.title) };
}
