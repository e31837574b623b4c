import { Form, useActionData } from "@remix-run/react";
import { FileField } from "~/components/file-field.tsx";
import { Field, SchemaForm, SubmitButton, useMessage, useSchemaForm } from "~/components/form.tsx";
import { PlanTaskFields } from "~/components/plan-task-fields.tsx";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { useT } from "~/i18n/index.ts";
import { planContributionSchema, planReportSchema, planTaskSchema } from "~/schemas/plan-tracking.ts";
import type { action } from "./route.tsx";
import { DataTable } from "~/components/data-table.tsx";

// The task page's forms: report or contribution, file upload, review, the administrator's edit, and history entries.

export function FeedbackAlert({ message }: { message: string }) {
  const text = useMessage();
  return (
    <div className="alert alert-error" role="alert">
      {text(message)}
    </div>
  );
}

export type Feedback = ReturnType<typeof useActionData<typeof action>>;

export function ReportForm({
  kind,
  period,
  periods,
  feedback,
}: {
  kind: "report" | "contribution";
  period: string;
  periods: string[];
  feedback: Feedback | null;
}) {
  const t = useT();
  const schema = kind === "report" ? planReportSchema : planContributionSchema;
  const form = useSchemaForm(schema, { feedback: feedback ?? null, defaults: { period } });
  const titleId = `${kind}-form-title`;
  return (
    <section aria-labelledby={titleId} className="card">
      <h2 id={titleId}>{t(kind === "report" ? "plan.form.reportTitle" : "plan.form.contributionTitle")}</h2>
      <p className="muted">{t(kind === "report" ? "plan.form.reportIntro" : "plan.form.contributionIntro")}</p>
      <SchemaForm form={form} feedback={feedback ?? null} aria-labelledby={titleId}>
        <input type="hidden" name="intent" value={kind} />
        <Field
          form={form}
          name="period"
          label={t("plan.form.period")}
          hint={t("plan.form.periodHint")}
          control="select"
          options={periods.map((p) => ({ value: p, label: t("plan.form.quarter", { year: p.slice(0, 4), quarter: p.slice(-1) }) }))}
          required
        />
        <Field form={form} name="narrative" label={t("plan.form.narrative")} hint={t("plan.form.narrativeHint")} control="textarea" required />
        {kind === "report" ? (
          <Field
            form={form}
            name="completionPercent"
            label={t("plan.form.percent")}
            hint={t("plan.form.percentHint")}
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            required
          />
        ) : null}
        <Field form={form} name="milestones" label={t("plan.form.milestones")} control="textarea" />
        <Field form={form} name="evidenceLinks" label={t("plan.form.evidence")} hint={t("plan.form.evidenceHint")} control="textarea" />
        <SubmitButton>{t(kind === "report" ? "plan.form.submitReport" : "plan.form.submitContribution")}</SubmitButton>
      </SchemaForm>
    </section>
  );
}

export function UploadForm({ reportId, label, maxMegabytes, error }: { reportId: string; label: string; maxMegabytes: number; error?: string }) {
  const t = useT();
  const message = useMessage();
  const id = `file-${reportId}`;
  const limit = useUploadLimit(maxMegabytes);
  const shown = limit.error ?? (error ? message(error) : null);
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="stack"
      aria-label={t("plan.file.uploadFor", { label })}
      onSubmit={limit.onSubmit}
    >
      <input type="hidden" name="intent" value="upload" />
      <input type="hidden" name="reportId" value={reportId} />
      <FileField id={id} label={t("plan.file.label")} hint={t("plan.file.hint")} error={shown} onChange={limit.onChange} />
      <div>
        <button type="submit" className="btn-secondary">
          {t("plan.file.upload")}
        </button>
      </div>
    </Form>
  );
}

export function ReviewForm({ reportId, label }: { reportId: string; label: string }) {
  const t = useT();
  const id = `comment-${reportId}`;
  return (
    <Form method="post" className="stack" aria-label={`${t("plan.review.title")} ${label}`}>
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="reportId" value={reportId} />
      <div className="field">
        <label htmlFor={id}>{t("plan.review.comment")}</label>
        <textarea id={id} name="comment" rows={2} maxLength={1000} aria-describedby={`${id}-hint`} />
        <p className="field-hint" id={`${id}-hint`}>
          {t("plan.review.commentHint")}
        </p>
      </div>
      <div className="actions">
        <button type="submit" name="decision" value="accept">
          {t("plan.review.accept")}
        </button>
        <button type="submit" name="decision" value="return" className="btn-secondary">
          {t("plan.review.return")}
        </button>
      </div>
    </Form>
  );
}

export function EditTask({
  task,
  sections,
  units,
  feedback,
}: {
  task: {
    section: number;
    theme: string;
    content: string;
    deadline: string;
    leadUnits: string[];
    cooperatingUnits: string[];
    targetValue: number | null;
    targetNote: string | null;
  };
  sections: Array<{ number: number; title: string }>;
  units: string[];
  feedback: Feedback | null;
}) {
  const t = useT();
  const form = useSchemaForm(planTaskSchema, {
    feedback: feedback ?? null,
    defaults: {
      section: String(task.section),
      theme: task.theme,
      content: task.content,
      deadline: task.deadline,
      leadUnits: task.leadUnits.join("、"),
      cooperatingUnits: task.cooperatingUnits.join("、"),
      targetValue: task.targetValue === null ? "" : String(task.targetValue),
      targetNote: task.targetNote ?? "",
    },
  });
  return (
    <details className="card">
      <summary>{t("plan.edit.title")}</summary>
      <p className="muted">{t("plan.edit.intro")}</p>
      <SchemaForm form={form} feedback={feedback ?? null}>
        <input type="hidden" name="intent" value="edit" />
        <PlanTaskFields form={form} sections={sections} units={units} />
        <SubmitButton>{t("plan.edit.save")}</SubmitButton>
      </SchemaForm>
    </details>
  );
}

export function HistoryEntry({
  entry,
}: {
  entry: { action: "create" | "update"; actorLabel: string | null; at: string; before: Record<string, unknown> | null; after: Record<string, unknown> };
}) {
  const t = useT();
  const show = (v: unknown) => (Array.isArray(v) ? v.join("、") : v === null || v === undefined ? "—" : String(v));
  const keys = Object.keys(entry.after).filter((k) => !entry.before || JSON.stringify(entry.before[k]) !== JSON.stringify(entry.after[k]));
  return (
    <div className="card">
      <p>{t(entry.action === "create" ? "plan.history.create" : "plan.history.update", { who: entry.actorLabel ?? "—", at: entry.at })}</p>
      <div className="table-wrap">
        <DataTable>
          <thead>
            <tr>
              <th scope="col">{t("plan.history.field")}</th>
              <th scope="col">{t("plan.history.before")}</th>
              <th scope="col">{t("plan.history.after")}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{entry.before ? show(entry.before[k]) : "—"}</td>
                <td>{show(entry.after[k])}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </div>
    </div>
  );
}
