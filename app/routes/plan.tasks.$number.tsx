import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useMessage, useSchemaForm } from "~/components/form.tsx";
import { cooperatingText, PlanStatusBadge } from "~/components/plan.tsx";
import { PlanTaskFields } from "~/components/plan-task-fields.tsx";
import { appDb } from "~/db.server.ts";
import { isMultipart, readUpload } from "~/utils/uploads.server.ts";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { createTranslator, useT, type MessageKey } from "~/i18n/index.ts";
import { addReportFile, listReportFiles, PLAN_FILE_MAX_BYTES } from "~/models/plan/files.server.ts";
import { planIndicators } from "~/models/plan/indicators.server.ts";
import { fileReport, reviewReport } from "~/models/plan/reports.server.ts";
import { updatePlanTask } from "~/models/plan/task-edits.server.ts";
import { getPlanTask, listPlanSections, listPlanUnits, roleOf } from "~/models/plan/tasks.server.ts";
import { can, canAdministerPlan, notFound, requirePermission } from "~/models/policy.server.ts";
import {
  currentPeriod,
  planContributionSchema,
  planReportSchema,
  planReviewSchema,
  planTaskSchema,
} from "~/schemas/plan-tracking.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { formError, formValues, invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? createTranslator()("plan.task.title", { number: data.task.number }) : ""} · ${createTranslator()("plan.title")} · 产教通` },
];

function taskNumber(param: string | undefined): number {
  if (!param || !/^\d{1,9}$/.test(param)) throw notFound();
  return Number(param);
}

const done = ["report", "contribution", "accepted", "returned", "saved", "unchanged", "file"] as const;
type Done = (typeof done)[number];
const doneMessage: Record<Done, MessageKey> = {
  report: "plan.form.reportFiled",
  contribution: "plan.form.contributionFiled",
  accepted: "plan.review.accepted",
  returned: "plan.review.returned",
  saved: "plan.edit.saved",
  unchanged: "plan.edit.unchanged",
  file: "plan.file.uploaded",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plan:track");
  const db = appDb();
  const number = taskNumber(params.number);
  const detail = await getPlanTask(db, number);
  if (!detail) throw notFound();
  const admin = canAdministerPlan(actor);
  const officer = can(actor, "plan:report");
  const [sections, units, indicators] = await Promise.all([
    listPlanSections(db),
    admin ? listPlanUnits(db) : Promise.resolve([]),
    planIndicators(db),
  ]);
  const { task } = detail;
  const files = await listReportFiles(db, detail.reports.map((r) => r.id));
  const flag = new URL(request.url).searchParams.get("done");
  const indicator = indicators.find((i) => i.task === task.number) ?? null;
  return {
    admin,
    officer,
    unit: actor.user.plan_unit,
    maxMegabytes: PLAN_FILE_MAX_BYTES / 1024 / 1024,
    role: officer ? roleOf(task, actor.user.plan_unit) : null,
    period: currentPeriod(),
    done: (done as readonly string[]).includes(flag ?? "") ? doneMessage[flag as Done] : null,
    task: {
      number: task.number,
      section: task.section,
      sectionTitle: sections.find((s) => s.number === task.section)?.title ?? "",
      theme: task.theme,
      content: task.content,
      deadline: task.deadline,
      targetValue: task.targetValue,
      targetNote: task.targetNote,
      leadUnits: task.leadUnits,
      cooperatingUnits: task.cooperatingUnits,
      cooperatingIncludesOthers: task.cooperatingIncludesOthers,
      status: task.status,
    },
    indicator,
    reports: detail.reports.map((r) => ({
      id: r.id,
      kind: r.kind,
      unitName: r.unitName,
      authorName: r.authorName ?? "—",
      period: r.period,
      narrative: r.narrative,
      completionPercent: r.completionPercent,
      milestones: r.milestones,
      evidenceLinks: r.evidenceLinks,
      status: r.status,
      adminComment: r.adminComment,
      acceptedByName: r.acceptedByName,
      acceptedAt: formatDateTime(r.acceptedAt),
      returnedAt: formatDateTime(r.returnedAt),
      createdAt: formatDateTime(r.createdAt),
      ownUnit: officer && r.unitName === actor.user.plan_unit,
      files: files
        .filter((f) => f.reportId === r.id)
        .map((f) => ({ id: f.id, fileName: f.fileName, sizeKb: Math.max(1, Math.round(f.sizeBytes / 1024)) })),
    })),
    history: detail.history.map((h) => ({ ...h, at: formatDateTime(h.at) })),
    sections,
    units: units.map((u) => u.name),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plan:track");
  const db = appDb();
  const number = taskNumber(params.number);
  if (isMultipart(request)) {
    return upload(request, actor.user, number, context.clientIp);
  }
  const formData = await request.formData();
  const intent = formData.get("intent");
  const meta = { ip: context.clientIp };
  const back = (flag: Done) => redirect(`/plan/tasks/${number}?done=${flag}`);

  if (intent === "report" || intent === "contribution") {
    const parsed = intent === "report" ? parseForm(planReportSchema, formData) : parseForm(planContributionSchema, formData);
    if (!parsed.ok) return invalid({ ...parsed.failure, values: { ...parsed.failure.values } });
    const result = await fileReport(
      db,
      actor.user,
      number,
      intent === "report"
        ? { kind: "lead", input: parsed.data as import("~/schemas/plan-tracking.ts").PlanReportInput }
        : { kind: "contribution", input: parsed.data },
      meta,
    );
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      if (result.field) return invalid({ fieldErrors: { [result.field]: result.message }, values: formValues(formData) });
      return formError(formData, result.message, result.status);
    }
    return back(intent);
  }

  if (intent === "review") {
    if (!canAdministerPlan(actor)) return formError(formData, "plan.refused.adminsOnly", 403);
    const parsed = parseForm(planReviewSchema, formData);
    if (!parsed.ok) {
      if (parsed.failure.fieldErrors.reportId) throw notFound();
      return invalid(parsed.failure);
    }
    const result = await reviewReport(db, actor.user, number, parsed.data, meta);
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      return formError(formData, result.message, result.status);
    }
    return back(result.status);
  }

  if (intent === "edit") {
    if (!canAdministerPlan(actor)) return formError(formData, "plan.refused.adminsOnly", 403);
    const parsed = parseForm(planTaskSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const result = await updatePlanTask(db, actor.user, number, parsed.data, meta);
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      if (result.field) return invalid({ fieldErrors: { [result.field]: result.message }, values: formValues(formData) });
      return formError(formData, result.message, result.status);
    }
    return back(result.changed ? "saved" : "unchanged");
  }

  return formError(formData, "plan.error.badRequest", 400);
}

const uploadFailure = (message: MessageKey, status: number, reportId = "") =>
  data(
    { ok: false as const, fieldErrors: { file: message } as Record<string, string>, formError: undefined, values: { intent: "upload", reportId } as Record<string, string> },
    { status },
  );

async function upload(request: Request, user: Parameters<typeof addReportFile>[1], number: number, ip: string) {
  const read = await readUpload(request, { maxBytes: PLAN_FILE_MAX_BYTES, fields: ["file", "intent", "reportId"] });
  if (!read.ok) return uploadFailure(read.error === "tooLarge" ? "plan.file.tooLarge" : "plan.file.unreadable", 400);
  const { formData } = read;
  const reportId = String(formData.get("reportId") ?? "");
  const file = formData.get("file");
  if (!file || typeof file === "string" || file.size === 0) return uploadFailure("plan.file.empty", 400, reportId);
  const result = await addReportFile(appDb(), user, number, reportId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { ip });
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return uploadFailure(result.message, result.status, reportId);
  }
  return redirect(`/plan/tasks/${number}?done=file`);
}

export default function PlanTask() {
  const { admin, officer, unit, maxMegabytes, role, period, done, task, indicator, reports, history, sections, units } =
    useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const intent = feedback && "values" in feedback ? (feedback.values?.intent as string | undefined) : undefined;
  // A refusal no form on this page shows (e.g. a report where the unit only cooperates) is shown on its own.
  const consumed =
    (intent === "report" && role === "lead") ||
    (intent === "contribution" && role === "cooperating") ||
    (admin && (intent === "edit" || intent === "review")) ||
    intent === "upload";
  return (
    <section aria-labelledby="task-title" className="page-stack">
      <p>
        <Link to="/plan">{t("plan.links.back")}</Link>
      </p>
      <h1 id="task-title">
        {t("plan.task.title", { number: task.number })} <PlanStatusBadge status={task.status} />
      </h1>
      {done ? (
        <div className="alert alert-ok" role="status">
          {t(done)}
        </div>
      ) : null}
      <div className="card">
        <dl className="facts">
          <div>
            <dt>{t("plan.task.section")}</dt>
            <dd>{`${task.section}. ${task.sectionTitle}`}</dd>
          </div>
          <div>
            <dt>{t("plan.col.theme")}</dt>
            <dd>{task.theme}</dd>
          </div>
          <div>
            <dt>{t("plan.col.content")}</dt>
            <dd className="preserve-lines">{task.content}</dd>
          </div>
          <div>
            <dt>{t("plan.col.lead")}</dt>
            <dd>{task.leadUnits.join("、")}</dd>
          </div>
          <div>
            <dt>{t("plan.col.cooperating")}</dt>
            <dd>{cooperatingText(task.cooperatingUnits, task.cooperatingIncludesOthers, t("plan.othersSuffix")) || "—"}</dd>
          </div>
          <div>
            <dt>{t("plan.col.deadline")}</dt>
            <dd>{task.deadline || t("plan.deadline.none")}</dd>
          </div>
          {task.targetValue !== null ? (
            <div>
              <dt>{t("plan.task.target")}</dt>
              <dd>
                {task.targetValue}
                {task.targetNote ? `（${task.targetNote}）` : ""}
              </dd>
            </div>
          ) : null}
        </dl>
      </div>

      {indicator ? (
        <section aria-labelledby="indicator-title" className="card">
          <h2 id="indicator-title">{t("plan.task.indicator")}</h2>
          <p>{t(indicator.label)}</p>
          {indicator.live !== null ? (
            <p data-testid="indicator-live">
              {indicator.target !== null
                ? t("plan.indicator.targetLive", { target: indicator.target, live: indicator.live })
                : indicator.live}
              {indicator.details.map((d) => ` · ${t(d.label)} ${d.value}`).join("")}
            </p>
          ) : indicator.reported ? (
            <p>{t("plan.indicator.reported", { period: indicator.reported.period, percent: indicator.reported.completionPercent ?? 0 })}</p>
          ) : (
            <p className="muted">{t("plan.indicator.noData")}</p>
          )}
        </section>
      ) : null}

      {officer ? (
        role === "lead" ? (
          <ReportForm kind="report" period={period} feedback={intent === "report" ? feedback : null} />
        ) : role === "cooperating" ? (
          <ReportForm kind="contribution" period={period} feedback={intent === "contribution" ? feedback : null} />
        ) : (
          <div className="alert alert-error" role="alert" data-testid="plan-refusal">
            {unit ? t("plan.form.cannotReport") : t("plan.noUnit")}
          </div>
        )
      ) : null}
      {role ? <p className="muted">{t("plan.task.yourRole", { role: t(`plan.role.${role}`) })}</p> : null}
      {feedback && !feedback.ok && feedback.formError && !consumed ? <FeedbackAlert message={feedback.formError} /> : null}

      <section aria-labelledby="reports-title" className="stack">
        <h2 id="reports-title">{t("plan.task.reports")}</h2>
        {admin && intent === "review" && feedback && !feedback.ok ? (
          <FeedbackAlert message={feedback.formError ?? Object.values(feedback.fieldErrors ?? {})[0] ?? "plan.error.badRequest"} />
        ) : null}
        {reports.length === 0 ? <p className="muted">{t("plan.task.noReports")}</p> : null}
        {reports.map((r) => (
          <article key={r.id} className="card" aria-labelledby={`report-${r.id}`} data-report-status={r.status}>
            <h3 id={`report-${r.id}`}>
              {t(`plan.report.kind.${r.kind}`)} · {r.period}{" "}
              <span className={`status status-plan-${r.status === "accepted" ? "completed" : r.status === "returned" ? "overdue" : "silent"}`}>
                {t(`plan.report.status.${r.status}`)}
              </span>
            </h3>
            <p className="muted small">{t("plan.report.by", { unit: r.unitName, author: r.authorName, at: r.createdAt })}</p>
            {r.completionPercent !== null ? <p>{t("plan.report.percent", { percent: r.completionPercent })}</p> : null}
            <p className="preserve-lines">{r.narrative}</p>
            {r.milestones ? (
              <>
                <h4>{t("plan.report.milestones")}</h4>
                <p className="preserve-lines">{r.milestones}</p>
              </>
            ) : null}
            {r.evidenceLinks.length ? (
              <>
                <h4>{t("plan.report.evidence")}</h4>
                <ul className="plain-list">
                  {r.evidenceLinks.map((link) => (
                    <li key={link}>
                      <a href={link} rel="noopener noreferrer nofollow" target="_blank">
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {r.files.length ? (
              <>
                <h4>{t("plan.file.title")}</h4>
                <ul className="plain-list">
                  {r.files.map((f) => (
                    <li key={f.id}>
                      <a href={`/plan/files/${f.id}`} download>
                        {f.fileName}
                      </a>{" "}
                      <span className="muted small">{f.sizeKb} KB</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {r.ownUnit && r.status === "submitted" ? (
              <UploadForm
                reportId={r.id}
                label={`${t(`plan.report.kind.${r.kind}`)} ${r.period}`}
                maxMegabytes={maxMegabytes}
                error={intent === "upload" && feedback && !feedback.ok && feedback.values?.reportId === r.id ? (feedback.fieldErrors as Record<string, string> | undefined)?.file : undefined}
              />
            ) : null}
            {r.adminComment ? (
              <p>
                <strong>{t("plan.report.comment")}：</strong>
                {r.adminComment}
              </p>
            ) : null}
            {r.status === "accepted" ? <p className="muted small">{t("plan.report.acceptedBy", { name: r.acceptedByName ?? "—", at: r.acceptedAt })}</p> : null}
            {r.status === "returned" ? <p className="muted small">{t("plan.report.returnedAt", { at: r.returnedAt })}</p> : null}
            {admin && r.status === "submitted" ? <ReviewForm reportId={r.id} label={`${t(`plan.report.kind.${r.kind}`)} ${r.unitName} ${r.period}`} /> : null}
          </article>
        ))}
      </section>

      {admin ? (
        <EditTask task={task} sections={sections} units={units} feedback={intent === "edit" ? feedback : null} />
      ) : null}

      <section aria-labelledby="history-title" className="stack">
        <h2 id="history-title">{t("plan.task.history")}</h2>
        {history.length === 0 ? <p className="muted">{t("plan.task.noHistory")}</p> : null}
        {history.map((h) => (
          <HistoryEntry key={h.id} entry={h} />
        ))}
      </section>
    </section>
  );
}

function FeedbackAlert({ message }: { message: string }) {
  const text = useMessage();
  return (
    <div className="alert alert-error" role="alert">
      {text(message)}
    </div>
  );
}

type Feedback = ReturnType<typeof useActionData<typeof action>>;

function ReportForm({ kind, period, feedback }: { kind: "report" | "contribution"; period: string; feedback: Feedback | null }) {
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
        <Field form={form} name="period" label={t("plan.form.period")} hint={t("plan.form.periodHint")} required maxLength={7} />
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

function UploadForm({ reportId, label, maxMegabytes, error }: { reportId: string; label: string; maxMegabytes: number; error?: string }) {
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
      <div className="field">
        <label htmlFor={id}>{t("plan.file.label")}</label>
        <input
          id={id}
          name="file"
          type="file"
          accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ""}`}
          aria-invalid={shown ? true : undefined}
          onChange={limit.onChange}
        />
        <p className="field-hint" id={`${id}-hint`}>
          {t("plan.file.hint")}
        </p>
        {shown ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {shown}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="btn-secondary">
          {t("plan.file.upload")}
        </button>
      </div>
    </Form>
  );
}

function ReviewForm({ reportId, label }: { reportId: string; label: string }) {
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

function EditTask({
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

function HistoryEntry({
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
        <table>
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
        </table>
      </div>
    </div>
  );
}
