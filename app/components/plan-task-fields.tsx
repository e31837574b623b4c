import type { FieldValues, UseFormReturn } from "react-hook-form";
import { Field } from "~/components/form.tsx";
import { useT } from "~/i18n/index.ts";

/** The fields of a plan task, for an administrator's correction or a new task. */
export function PlanTaskFields({
  form,
  sections,
  units,
}: {
  form: UseFormReturn<FieldValues>;
  sections: Array<{ number: number; title: string }>;
  units: string[];
}) {
  const t = useT();
  const unitsHint = t("plan.edit.unitsHint", { units: units.join("、") });
  return (
    <>
      <Field
        form={form}
        name="section"
        label={t("plan.edit.section")}
        control="select"
        options={sections.map((s) => ({ value: String(s.number), label: `${s.number}. ${s.title}` }))}
        required
      />
      <Field form={form} name="theme" label={t("plan.edit.theme")} required maxLength={200} />
      <Field form={form} name="content" label={t("plan.edit.content")} control="textarea" required />
      <Field form={form} name="deadline" label={t("plan.edit.deadline")} hint={t("plan.edit.deadlineHint")} maxLength={50} />
      <Field form={form} name="leadUnits" label={t("plan.edit.lead")} hint={unitsHint} required />
      <Field form={form} name="cooperatingUnits" label={t("plan.edit.cooperating")} control="textarea" />
      <Field form={form} name="targetValue" label={t("plan.edit.targetValue")} type="number" min={0} step={1} inputMode="numeric" />
      <Field form={form} name="targetNote" label={t("plan.edit.targetNote")} maxLength={200} />
    </>
  );
}
