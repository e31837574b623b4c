import type { PlanStatus } from "~/domain/plan-status.ts";
import { useT } from "~/i18n/index.ts";

/** A task's computed status as a coloured label (text, not colour alone, carries the meaning). */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const t = useT();
  return <span className={`status status-plan-${status}`}>{t(`plan.status.${status}`)}</span>;
}

export function cooperatingText(units: string[], includesOthers: boolean, others: string): string {
  return units.join("、") + (includesOthers ? others : "");
}

/** The first characters of a long text, cut at a character (not a UTF-16 unit). */
export function excerpt(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}
