import type { ReactNode } from "react";
import { eventSchema } from "../schemas/event.ts";
import { useT } from "../i18n/index.ts";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "./form.tsx";

/** The organiser's event form (new and edit), over the same schema as the action. */
export function EventForm({
  feedback,
  defaults,
  submitLabel,
  labelledBy,
  children,
}: {
  feedback?: ActionFeedback | null;
  defaults?: Record<string, unknown>;
  submitLabel: string;
  labelledBy: string;
  children?: ReactNode;
}) {
  const t = useT();
  const form = useSchemaForm(eventSchema, { feedback, defaults });
  return (
    <SchemaForm form={form} feedback={feedback} aria-labelledby={labelledBy}>
      <input type="hidden" name="intent" value="save" />
      <Field form={form} name="title" label={t("events.form.title")} maxLength={100} required />
      <Field form={form} name="startsAt" label={t("events.form.startsAt")} type="datetime-local" hint={t("events.beijingTime")} required />
      <Field form={form} name="endsAt" label={t("events.form.endsAt")} type="datetime-local" hint={t("events.beijingTime")} required />
      <Field form={form} name="place" label={t("events.form.place")} maxLength={200} required />
      <Field
        form={form}
        name="capacity"
        label={t("events.form.capacity")}
        type="number"
        inputMode="numeric"
        min={1}
        hint={t("events.form.capacityHint")}
        required
      />
      <Field form={form} name="audience" label={t("events.form.audience")} hint={t("events.form.audienceHint")} maxLength={300} />
      <Field form={form} name="agenda" label={t("events.form.agenda")} control="textarea" hint={t("events.form.agendaHint")} />
      {children}
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </SchemaForm>
  );
}
