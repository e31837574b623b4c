import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FileField } from "~/components/file-field.tsx";
import { type ActionFeedback, Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { messageOrText, useT } from "~/i18n/index.ts";
import { milestoneAddSchema, placementSchema, projectStatusSchema } from "~/schemas/response.ts";
import type { projectAction } from "./actions.server.ts";

/** The action's answer, for the form that sent it only. */
function useFeedbackFor(intent: string): ActionFeedback | null {
  const feedback = useActionData<typeof projectAction>() as ActionFeedback | undefined;
  // A message about the whole project (e.g. it was closed meanwhile) is shown once, above the sections.
  return feedback && !feedback.ok && feedback.values?.intent === intent ? { ...feedback, formError: undefined } : null;
}

export function StatusForm() {
  const t = useT();
  const feedback = useFeedbackFor("status");
  const form = useSchemaForm(projectStatusSchema, {
    feedback,
    defaults: { intent: "status" },
  });
  return (
    <section aria-labelledby="status-title" className="card">
      <h2 id="status-title">{t("responses.project.statusTitle")}</h2>
      <p className="muted">{t("responses.project.statusHint")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="status-title">
        <input type="hidden" defaultValue="status" {...form.register("intent")} />
        <Field
          form={form}
          name="status"
          control="select"
          label={t("responses.project.newStatus")}
          options={[
            {
              value: "completed",
              label: t("responses.projectStatus.completed"),
            },
            { value: "ended", label: t("responses.projectStatus.ended") },
          ]}
          required
        />
        <Field form={form} name="reason" control="textarea" label={t("responses.project.endReason")} hint={t("responses.project.endReasonHint")} />
        <div>
          <SubmitButton>{t("responses.project.changeStatus")}</SubmitButton>
        </div>
      </SchemaForm>
    </section>
  );
}

export function MilestoneForm() {
  const t = useT();
  const feedback = useFeedbackFor("milestone-add");
  const form = useSchemaForm(milestoneAddSchema, {
    feedback,
    defaults: { intent: "milestone-add" },
  });
  return (
    <SchemaForm form={form} feedback={feedback} aria-labelledby="milestone-add-title">
      <h3 id="milestone-add-title">{t("responses.milestone.addTitle")}</h3>
      <input type="hidden" defaultValue="milestone-add" {...form.register("intent")} />
      <Field form={form} name="title" label={t("responses.milestone.name")} hint={t("responses.milestone.nameHint")} required />
      <Field form={form} name="dueDate" label={t("responses.milestone.due")} type="date" />
      <div>
        <SubmitButton>{t("responses.milestone.add")}</SubmitButton>
      </div>
    </SchemaForm>
  );
}

function PlacementForm({ defaults }: { defaults: Record<string, unknown> }) {
  const t = useT();
  const feedback = useFeedbackFor("placement");
  const form = useSchemaForm(placementSchema, {
    feedback,
    defaults: { intent: "placement", ...defaults },
  });
  const yesNo = [
    { value: "yes", label: t("responses.yes") },
    { value: "no", label: t("responses.no") },
  ];
  return (
    <SchemaForm form={form} feedback={feedback} aria-labelledby="placement-form-title">
      <h3 id="placement-form-title">{t("responses.placement.formTitle")}</h3>
      <input type="hidden" defaultValue="placement" {...form.register("intent")} />
      <Field form={form} name="studentsPlaced" label={t("responses.placement.students")} inputMode="numeric" required />
      <Field form={form} name="startDate" label={t("responses.placement.start")} type="date" required />
      <Field form={form} name="endDate" label={t("responses.placement.end")} type="date" />
      <Field form={form} name="tripartiteAgreement" control="select" label={t("responses.placement.tripartite")} options={yesNo} required />
      <Field form={form} name="liabilityInsurance" control="select" label={t("responses.placement.insurance")} options={yesNo} required />
      <p className="field-hint">{t("responses.placement.privacy")}</p>
      <div>
        <SubmitButton>{t("responses.placement.save")}</SubmitButton>
      </div>
    </SchemaForm>
  );
}

function UploadForm({ maxMegabytes }: { maxMegabytes: number }) {
  const t = useT();
  const feedback = useFeedbackFor("upload");
  const navigation = useNavigation();
  const limit = useUploadLimit(maxMegabytes);
  const serverError = feedback?.fieldErrors?.file;
  const error = limit.error ?? (serverError ? messageOrText(t, serverError) : null);
  return (
    <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="upload-title" onSubmit={limit.onSubmit}>
      <h3 id="upload-title">{t("responses.file.uploadTitle")}</h3>
      <input type="hidden" name="intent" value="upload" />
      <FileField
        id="field-file"
        label={t("responses.file.label")}
        hint={t("responses.file.hint", { mb: maxMegabytes })}
        error={error}
        required
        onChange={limit.onChange}
      />
      <div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("responses.file.upload")}
        </button>
      </div>
    </Form>
  );
}

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

interface PlacementFacts {
  studentsCount: number | null;
  startDate: string;
  endDate: string | null;
  tripartiteAgreement: boolean | null;
  liabilityInsurance: boolean | null;
}

/** An internship project's placement record (counts only), with the form for the parties. */
export function PlacementSection({ project, party }: { project: PlacementFacts; party: boolean }) {
  const t = useT();
  const yesNo = (v: boolean | null) => (v === null ? t("responses.placement.notRecorded") : t(v ? "responses.yes" : "responses.no"));
  return (
    <section aria-labelledby="placement-title" className="card stack">
      <h2 id="placement-title">{t("responses.placement.title")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("responses.placement.students")}</dt>
          <dd>
            {project.studentsCount === null ? t("responses.placement.notRecorded") : t("responses.value.students", { n: project.studentsCount })}
          </dd>
        </div>
        <div>
          <dt>{t("responses.project.period")}</dt>
          <dd>
            {project.startDate} – {project.endDate ?? t("responses.project.openEnded")}
          </dd>
        </div>
        <div>
          <dt>{t("responses.placement.tripartite")}</dt>
          <dd>{yesNo(project.tripartiteAgreement)}</dd>
        </div>
        <div>
          <dt>{t("responses.placement.insurance")}</dt>
          <dd>{yesNo(project.liabilityInsurance)}</dd>
        </div>
      </dl>
      {party ? (
        <PlacementForm
          defaults={{
            studentsPlaced: project.studentsCount === null ? "" : String(project.studentsCount),
            startDate: project.startDate,
            endDate: project.endDate ?? "",
            tripartiteAgreement: project.tripartiteAgreement === null ? "" : project.tripartiteAgreement ? "yes" : "no",
            liabilityInsurance: project.liabilityInsurance === null ? "" : project.liabilityInsurance ? "yes" : "no",
          }}
        />
      ) : null}
    </section>
  );
}

interface StoredFileItem {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
}

/** The agreement files with their hashes, and the upload form for the parties. */
export function FilesSection({
  projectId,
  files,
  party,
  maxMegabytes,
}: {
  projectId: string;
  files: StoredFileItem[];
  party: boolean;
  maxMegabytes: number;
}) {
  const t = useT();
  return (
    <section aria-labelledby="files-title" className="card stack">
      <h2 id="files-title">{t("responses.file.title")}</h2>
      {files.length ? (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/projects/${projectId}/files/${f.id}`} download>
                {f.fileName}
              </a>{" "}
              <span className="muted">
                {kb(f.sizeBytes)} · {f.uploadedAt}
                {f.uploadedBy ? ` · ${f.uploadedBy}` : ""}
              </span>
              <br />
              <span className="muted small sha">SHA-256 {f.sha256}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("responses.file.empty")}</p>
      )}
      {party ? <UploadForm maxMegabytes={maxMegabytes} /> : null}
    </section>
  );
}
