import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type ActionFeedback, Field, FormAlert, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { kindLabel } from "~/components/listing-details.tsx";
import { Timeline } from "~/components/matchmaking.tsx";
import { appDb } from "~/db.server.ts";
import { isMultipart, readUpload } from "~/utils/uploads.server.ts";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { createTranslator, messageOrText, useT, type MessageKey } from "~/i18n/index.ts";
import { forbidden, notFound, requireActor } from "~/models/policy.server.ts";
import {
  addMilestone,
  addProjectFile,
  changeProjectStatus,
  completeMilestone,
  getProjectForViewer,
  listMilestones,
  listProjectFiles,
  recordPlacement,
} from "~/models/project.server.ts";
import { timelineOf } from "~/models/matchmaking-log.server.ts";
import { AGREEMENT_MAX_BYTES, milestoneAddSchema, placementSchema, projectActionSchema, projectStatusSchema } from "~/schemas/response.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.project.title} · ` : ""}${createTranslator()("responses.project.title")} · 产教通` },
];

const notices = ["status", "milestone-add", "milestone-done", "placement", "upload"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const view = await getProjectForViewer(db, actor, uuidParam(params));
  if (!view) throw notFound();
  const p = view.project;
  const [milestones, files, timeline] = await Promise.all([listMilestones(db, p.id), listProjectFiles(db, p.id), timelineOf(db, "project", p.id)]);
  const notice = notices.find((n) => n === new URL(request.url).searchParams.get("notice")) ?? null;
  const details = p.details as { major?: string; cohort?: number };
  return {
    role: view.role,
    notice,
    project: {
      id: p.id,
      title: p.title,
      kind: p.kind,
      status: p.status,
      startDate: p.start_date,
      endDate: p.end_date,
      studentsCount: p.students_count,
      tripartiteAgreement: p.tripartite_agreement,
      liabilityInsurance: p.liability_insurance,
      endReason: p.end_reason,
      responseId: p.response_id,
      listingId: p.listing_id,
      major: details.major ?? null,
      cohort: details.cohort ?? null,
    },
    owner: view.owner,
    partner: view.partner,
    milestones: milestones.map((m) => ({ ...m, doneAt: formatDateTime(m.doneAt) })),
    files: files.map((f) => ({ ...f, uploadedAt: formatDateTime(f.uploadedAt) })),
    timeline: timeline.map((e) => ({ ...e, at: formatDateTime(e.at) })),
    maxMegabytes: AGREEMENT_MAX_BYTES / 1024 / 1024,
  };
}

const uploadFailure = (message: MessageKey, status = 400) =>
  data({ ok: false as const, fieldErrors: { file: message } as Record<string, string>, values: { intent: "upload" } as Record<string, string> }, { status });

async function upload(request: Request, actor: Awaited<ReturnType<typeof requireActor>>, id: string) {
  const read = await readUpload(request, { maxBytes: AGREEMENT_MAX_BYTES, fields: ["file", "intent"] });
  if (!read.ok) return uploadFailure(read.error === "tooLarge" ? "responses.file.tooLarge" : "responses.file.unreadable", 400);
  const { formData } = read;
  const file = formData.get("file");
  if (!file || typeof file === "string" || file.size === 0) return uploadFailure("responses.file.required");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await addProjectFile(appDb(), actor, id, { name: file.name, bytes });
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    if (result.error === "notAllowed") throw forbidden(createTranslator()("responses.error.staffReadOnly"));
    if (result.error === "type") return uploadFailure("responses.file.wrongType", 415);
    if (result.error === "tooLarge") return uploadFailure("responses.file.tooLarge", 400);
    if (result.error === "empty") return uploadFailure("responses.file.required");
    return uploadFailure("responses.error.wrongStatus", 409);
  }
  return redirect(`/projects/${id}?notice=upload`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const id = uuidParam(params);
  // Who may change the project is settled before the body is read: others learn nothing, staff only read.
  const view = await getProjectForViewer(db, actor, id);
  if (!view) throw notFound();
  if (view.role === "staff") throw forbidden(createTranslator()("responses.error.staffReadOnly"));

  if (isMultipart(request)) return upload(request, actor, id);

  const formData = await request.formData();
  const parsed = parseForm(projectActionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const input = parsed.data;
  const result =
    input.intent === "status"
      ? await changeProjectStatus(db, actor, id, input)
      : input.intent === "milestone-add"
        ? await addMilestone(db, actor, id, input)
        : input.intent === "milestone-done"
          ? await completeMilestone(db, actor, id, input.milestoneId)
          : await recordPlacement(db, actor, id, input);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    if (result.error === "notAllowed") throw forbidden(createTranslator()("responses.error.staffReadOnly"));
    const message: MessageKey =
      result.error === "notInternship"
        ? "responses.error.notInternship"
        : result.error === "milestoneNotFound"
          ? "responses.error.milestoneNotFound"
          : "responses.error.projectClosed";
    return formError(formData, message, 409);
  }
  return redirect(`/projects/${id}?notice=${input.intent}`);
}

/** The action's answer, for the form that sent it only. */
function useFeedbackFor(intent: string): ActionFeedback | null {
  const feedback = useActionData<typeof action>() as ActionFeedback | undefined;
  // A message about the whole project (e.g. it was closed meanwhile) is shown once, above the sections.
  return feedback && !feedback.ok && feedback.values?.intent === intent ? { ...feedback, formError: undefined } : null;
}

function StatusForm() {
  const t = useT();
  const feedback = useFeedbackFor("status");
  const form = useSchemaForm(projectStatusSchema, { feedback, defaults: { intent: "status" } });
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
            { value: "completed", label: t("responses.projectStatus.completed") },
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

function MilestoneForm() {
  const t = useT();
  const feedback = useFeedbackFor("milestone-add");
  const form = useSchemaForm(milestoneAddSchema, { feedback, defaults: { intent: "milestone-add" } });
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
  const form = useSchemaForm(placementSchema, { feedback, defaults: { intent: "placement", ...defaults } });
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
      <div className="field">
        <label htmlFor="field-file" className="required">
          {t("responses.file.label")}
        </label>
        <input
          id="field-file"
          type="file"
          name="file"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-file-hint field-file-error" : "field-file-hint"}
          onChange={limit.onChange}
        />
        <p className="field-hint" id="field-file-hint">
          {t("responses.file.hint", { mb: maxMegabytes })}
        </p>
        {error ? (
          <p className="field-error" id="field-file-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("responses.file.upload")}
        </button>
      </div>
    </Form>
  );
}

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export default function ProjectDetail() {
  const { role, notice, project, owner, partner, milestones, files, timeline, maxMegabytes } = useLoaderData<typeof loader>();
  const t = useT();
  const feedback = useActionData<typeof action>() as ActionFeedback | undefined;
  const party = role !== "staff";
  const open = project.status === "in_progress";
  const yesNo = (v: boolean | null) => (v === null ? t("responses.placement.notRecorded") : t(v ? "responses.yes" : "responses.no"));
  return (
    <article aria-labelledby="project-title" className="page-stack">
      <header>
        <p>
          <span className="tag">{kindLabel(t, project.kind)}</span>{" "}
          <span className={`status status-project-${project.status}`}>{t(`responses.projectStatus.${project.status}`)}</span>
        </p>
        <h1 id="project-title">{project.title}</h1>
        <p className="muted">{t(`responses.projectRole.${role}`)}</p>
      </header>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {t(`responses.projectNotice.${notice}`)}
        </div>
      ) : null}
      {feedback && !feedback.ok && feedback.formError ? <FormAlert feedback={feedback} /> : null}

      <section aria-labelledby="project-facts" className="card">
        <h2 id="project-facts">{t("responses.project.facts")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("responses.project.ownerOrg")}</dt>
            <dd>{owner.name}</dd>
          </div>
          <div>
            <dt>{t("responses.project.partnerOrg")}</dt>
            <dd>{partner.name}</dd>
          </div>
          <div>
            <dt>{t("responses.project.type")}</dt>
            <dd>{kindLabel(t, project.kind)}</dd>
          </div>
          <div>
            <dt>{t("responses.project.period")}</dt>
            <dd>
              {project.startDate} – {project.endDate ?? t("responses.project.openEnded")}
            </dd>
          </div>
          {project.studentsCount !== null ? (
            <div>
              <dt>{t("responses.project.students")}</dt>
              <dd>{t("responses.value.students", { n: project.studentsCount })}</dd>
            </div>
          ) : null}
          {project.major ? (
            <div>
              <dt>{t("responses.field.major")}</dt>
              <dd>{project.major}</dd>
            </div>
          ) : null}
          {project.cohort ? (
            <div>
              <dt>{t("responses.field.cohort")}</dt>
              <dd>{t("responses.value.cohort", { year: project.cohort })}</dd>
            </div>
          ) : null}
          {project.endReason ? (
            <div>
              <dt>{t(project.status === "ended" ? "responses.project.endReason" : "responses.project.completionNote")}</dt>
              <dd className="preserve-lines">{project.endReason}</dd>
            </div>
          ) : null}
          {project.responseId ? (
            <div>
              <dt>{t("responses.project.origin")}</dt>
              <dd>
                <Link to={`/responses/${project.responseId}`}>{t("responses.project.viewResponse")}</Link>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="milestones-title" className="card stack">
        <h2 id="milestones-title">{t("responses.milestone.title")}</h2>
        {milestones.length ? (
          <ul className="milestones">
            {milestones.map((m) => (
              <li key={m.id}>
                <span className={m.doneAt ? "status status-project-completed" : "status status-response-pending"}>
                  {t(m.doneAt ? "responses.milestone.done" : "responses.milestone.open")}
                </span>{" "}
                {m.title}
                {m.dueDate ? <span className="muted">（{t("responses.milestone.dueOn", { date: m.dueDate })}）</span> : null}
                {m.doneAt ? <span className="muted"> {t("responses.milestone.doneAt", { at: m.doneAt })}</span> : null}
                {party && open && !m.doneAt ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="milestone-done" />
                    <input type="hidden" name="milestoneId" value={m.id} />{" "}
                    <button type="submit" className="link-button" aria-label={t("responses.milestone.markDoneFor", { title: m.title })}>
                      {t("responses.milestone.markDone")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("responses.milestone.empty")}</p>
        )}
        {party && open ? <MilestoneForm /> : null}
      </section>

      {project.kind === "internship" ? (
        <section aria-labelledby="placement-title" className="card stack">
          <h2 id="placement-title">{t("responses.placement.title")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("responses.placement.students")}</dt>
              <dd>{project.studentsCount === null ? t("responses.placement.notRecorded") : t("responses.value.students", { n: project.studentsCount })}</dd>
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
      ) : null}

      <section aria-labelledby="files-title" className="card stack">
        <h2 id="files-title">{t("responses.file.title")}</h2>
        {files.length ? (
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.id}>
                <a href={`/projects/${project.id}/files/${f.id}`} download>
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

      {party && open ? <StatusForm /> : null}
      {role === "staff" ? <p className="muted">{t("responses.project.staffReadOnly")}</p> : null}

      <Timeline entries={timeline} subject="project" />
      <p>
        <Link to="/projects">{t("responses.project.back")}</Link>
      </p>
    </article>
  );
}
