import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge, DecisionHistory, PlatformFigureList, formatFigure } from "~/components/certification.tsx";
import { FormAlert, useMessage } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { isMultipart, receiveUpload } from "~/http/upload.server.ts";
import { certificationRefusals } from "~/models/certification/shared.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { createTranslator, useT } from "~/i18n/index.ts";
import { addFile, certificationFileRefusals, deleteFile, getApplicationForOrg, isEditable, listFiles, saveEvidence, submitApplication, type ApplicationRow } from "~/models/certification/applications.server.ts";
import { certificateOfApplication, decisionsOf, noticeOf } from "~/models/certification/directory.server.ts";
import { getRubric, getType } from "~/models/certification/rubrics.server.ts";
import { platformFigures } from "~/models/certification/evidence.server.ts";
import { notFound, requireOrgMember } from "~/models/policy.server.ts";
import { deleteFileSchema, evidenceSchema, fileFieldSchema, MAX_FILE_BYTES, statementField, valueField } from "~/schemas/certification.ts";
import type { CriterionEvidence } from "../../db/schema-certification.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d ? createTranslator()("certification.application.title", { type: d.type.name }) : ""} · 产教通` },
];

const doneMessages = {
  saved: "certification.application.saved",
  submitted: "certification.application.submittedOk",
  uploaded: "certification.application.uploaded",
  fileDeleted: "certification.application.fileDeleted",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const db = appDb();
  const application = await getApplicationForOrg(db, actor.organization.id, uuidParam(params));
  if (!application) throw notFound();
  const [rubric, type, files, decisions, notice, certificate] = await Promise.all([
    getRubric(db, application.rubric_id),
    getType(db, application.type_code),
    listFiles(db, application.id),
    decisionsOf(db, application.id),
    noticeOf(db, application.id),
    certificateOfApplication(db, application.id),
  ]);
  const editable = isEditable(application.status);
  const frozen = application.frozen_evidence;
  // While editable the figures are live; once submitted, what was frozen is shown.
  const figures = editable || !frozen ? await platformFigures(db, application.organization_id) : frozen.platform;
  const evidence = editable || !frozen ? application.evidence : frozen.applicant;
  const done = new URL(request.url).searchParams.get("done");
  return {
    application: {
      id: application.id,
      status: application.status,
      submittedAt: formatDateTime(application.submitted_at),
      decisionReason: application.decision_reason,
    },
    organizationName: actor.organization.name,
    type: { name: type?.name ?? application.type_code },
    rubric: { version: rubric!.version, passMark: rubric!.pass_mark, criteria: frozen && !editable ? frozen.criteria : rubric!.criteria },
    editable,
    canEdit: editable && actor.user.org_role === "admin",
    isAdmin: actor.user.org_role === "admin",
    figures: figures as Record<string, number | null>,
    evidence,
    files: files.map((f) => ({ id: f.id, criterionKey: f.criterionKey, fileName: f.fileName, sizeBytes: f.sizeBytes })),
    decisions: decisions.map((d) => ({ ...d, at: formatDateTime(d.at) })),
    notice: notice ? { start: formatDateTime(notice.starts_at), end: formatDateTime(notice.ends_at) } : null,
    certificate: certificate ? { number: certificate.number, issuedOn: certificate.issued_on, validUntil: certificate.valid_until, revoked: !!certificate.revoked_at } : null,
    done: done && done in doneMessages ? doneMessages[done as keyof typeof doneMessages] : null,
  };
}

function evidenceFrom(keys: string[], parsed: Record<string, unknown>): Record<string, CriterionEvidence> {
  const evidence: Record<string, CriterionEvidence> = {};
  for (const key of keys) {
    const value = parsed[valueField(key)];
    evidence[key] = { value: typeof value === "number" ? value : null, statement: String(parsed[statementField(key)] ?? "") };
  }
  return evidence;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const db = appDb();
  const application = await getApplicationForOrg(db, actor.organization.id, uuidParam(params));
  if (!application) throw notFound();
  const base = `/certification/applications/${application.id}`;

  if (isMultipart(request)) {
    const received = await receiveUpload(request, { maxBytes: MAX_FILE_BYTES, fields: ["criterionKey", "intent"], refusals: certificationFileRefusals });
    if (!received.ok) return received.answer;
    const { formData } = received;
    const parsed = parseForm(fileFieldSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const rubric = (await getRubric(db, application.rubric_id))!;
    if (!rubric.criteria.some((c) => c.key === parsed.data.criterionKey)) return formError(formData, "validation.choose");
    const result = await addFile(db, actor, application, { criterionKey: parsed.data.criterionKey, ...received.file });
    if (!result.ok) return refusalResponse(formData, certificationFileRefusals, result);
    return redirect(`${base}?done=uploaded`);
  }

  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "deleteFile") {
    const parsed = parseForm(deleteFileSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    if (!(await deleteFile(db, application, parsed.data.fileId))) return formError(formData, "certification.error.notEditable", 409);
    return redirect(`${base}?done=fileDeleted`);
  }
  if (intent !== "save" && intent !== "submit") return formError(formData, "validation.choose");
  const rubric = (await getRubric(db, application.rubric_id))!;
  const keys = rubric.criteria.map((c) => c.key);
  const parsed = parseForm(evidenceSchema(keys), formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const saved = await saveEvidence(db, actor, application, evidenceFrom(keys, parsed.data as Record<string, unknown>));
  if (!saved.ok) return formError(formData, "certification.error.notEditable", 409);
  if (intent === "save") return redirect(`${base}?done=saved`);
  const fresh = (await getApplicationForOrg(db, actor.organization.id, application.id)) as ApplicationRow;
  const submitted = await submitApplication(db, actor, fresh, { ip: context.clientIp });
  if (!submitted.ok) return refusalResponse(formData, certificationRefusals, submitted);
  return redirect(`${base}?done=submitted`);
}

export default function ApplicationPage() {
  const d = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const message = useMessage();
  const errorOf = (name: string) =>
    feedback && !feedback.ok ? message((feedback.fieldErrors as Record<string, string> | undefined)?.[name]) : undefined;
  const valueOf = (name: string, fallback: string) => {
    const v = feedback && !feedback.ok ? feedback.values?.[name] : undefined;
    return typeof v === "string" ? v : fallback;
  };
  return (
    <article aria-labelledby="application-title" className="page-stack">
      <p>
        <Link to="/certification/applications">{t("certification.application.back")}</Link>
      </p>
      <h1 id="application-title">{t("certification.application.title", { type: d.type.name })}</h1>
      {d.done ? (
        <div className="alert alert-ok" role="status">
          {t(d.done)}
        </div>
      ) : null}
      <FormAlert feedback={feedback} errorCount={feedback && !feedback.ok ? Object.keys(feedback.fieldErrors ?? {}).length : 0} />

      <section aria-labelledby="app-status-title" className="card">
        <h2 id="app-status-title">
          {t("certification.application.statusTitle")}：<ApplicationStatusBadge status={d.application.status} />
        </h2>
        <dl className="facts">
          <div>
            <dt>{t("certification.application.organization")}</dt>
            <dd>{d.organizationName}</dd>
          </div>
          <div>
            <dt>{t("certification.application.rubric")}</dt>
            <dd>{t("certification.application.rubricValue", { version: d.rubric.version, passMark: d.rubric.passMark })}</dd>
          </div>
          {d.application.submittedAt ? (
            <div>
              <dt>{t("certification.application.submittedAt")}</dt>
              <dd>{d.application.submittedAt}</dd>
            </div>
          ) : null}
          {d.application.decisionReason ? (
            <div>
              <dt>{t("certification.application.reason")}</dt>
              <dd>{d.application.decisionReason}</dd>
            </div>
          ) : null}
        </dl>
        {d.application.status === "returned" ? <p className="alert">{t("certification.application.returnedHint")}</p> : null}
        {d.notice ? <p>{t("certification.application.notice", { start: d.notice.start, end: d.notice.end })}</p> : null}
        {d.certificate ? (
          <p>
            <strong>{t("certification.application.certificate", {
                number: d.certificate.number,
                issuedOn: d.certificate.issuedOn,
                validUntil: d.certificate.validUntil,
              })}</strong>
          </p>
        ) : null}
        <p className="muted">{d.editable ? t("certification.application.draftHint") : t("certification.application.frozenHint")}</p>
        {d.editable && !d.isAdmin ? <p className="muted">{t("certification.application.memberHint")}</p> : null}
      </section>

      {d.rubric.criteria.map((c) => {
        const e = d.evidence[c.key];
        const files = d.files.filter((f) => f.criterionKey === c.key);
        const vName = valueField(c.key);
        const sName = statementField(c.key);
        const vError = errorOf(vName);
        const sError = errorOf(sName);
        return (
          <section key={c.key} aria-labelledby={`crit-${c.key}`} className="card cert-criterion">
            <h2 id={`crit-${c.key}`}>
              {c.title} <span className="muted">（{t("certification.application.weight", { weight: c.weight })}）</span>
            </h2>
            <p className="muted">{t("certification.application.evidenceNeeded", { evidence: c.evidence })}</p>
            <h3>{t("certification.application.platform")}</h3>
            <PlatformFigureList keys={c.figures} figures={d.figures} />
            <h3>{t("certification.application.applicant")}</h3>
            {d.canEdit ? (
              <>
                <div className="field">
                  <label htmlFor={`f-${vName}`}>{t("certification.application.value", { title: c.title })}</label>
                  <input
                    id={`f-${vName}`}
                    name={vName}
                    form="evidence-form"
                    inputMode="decimal"
                    defaultValue={valueOf(vName, e?.value === null || e?.value === undefined ? "" : String(e.value))}
                    aria-invalid={vError ? true : undefined}
                    aria-describedby={vError ? `f-${vName}-error` : undefined}
                  />
                  {vError ? (
                    <p className="field-error" id={`f-${vName}-error`}>
                      {vError}
                    </p>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor={`f-${sName}`}>{t("certification.application.statement", { title: c.title })}</label>
                  <textarea
                    id={`f-${sName}`}
                    name={sName}
                    form="evidence-form"
                    rows={3}
                    defaultValue={valueOf(sName, e?.statement ?? "")}
                    aria-invalid={sError ? true : undefined}
                    aria-describedby={sError ? `f-${sName}-error` : undefined}
                  />
                  {sError ? (
                    <p className="field-error" id={`f-${sName}-error`}>
                      {sError}
                    </p>
                  ) : null}
                </div>
              </>
            ) : (
              <dl className="facts">
                <div>
                  <dt>{t("certification.application.value", { title: c.title })}</dt>
                  <dd>{formatFigure(e?.value ?? null)}</dd>
                </div>
                <div>
                  <dt>{t("certification.application.statement", { title: c.title })}</dt>
                  <dd>{e?.statement || "—"}</dd>
                </div>
              </dl>
            )}
            <h3>{t("certification.application.files")}</h3>
            {files.length === 0 ? (
              <p className="muted">{t("certification.application.noFiles")}</p>
            ) : (
              <ul>
                {files.map((f) => (
                  <li key={f.id}>
                    <a href={`/certification/files/${f.id}`}>{f.fileName}</a> <span className="muted">（{Math.ceil(f.sizeBytes / 1024)} KB）</span>
                    {d.canEdit ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="deleteFile" />
                        <input type="hidden" name="fileId" value={f.id} />{" "}
                        <button type="submit" className="link-button">
                          {t("certification.application.deleteFile", { name: f.fileName })}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {d.canEdit ? (
              <EvidenceUpload criterionKey={c.key} title={c.title} />
            ) : null}
          </section>
        );
      })}

      {d.canEdit ? (
        <Form id="evidence-form" method="post" className="card">
          <p className="muted">{t("certification.application.draftHint")}</p>
          <p>
            <button type="submit" name="intent" value="save" className="btn-secondary">
              {t("certification.application.save")}
            </button>{" "}
            <button type="submit" name="intent" value="submit">
              {t("certification.application.submit")}
            </button>
          </p>
        </Form>
      ) : null}

      <DecisionHistory decisions={d.decisions} />
    </article>
  );
}

/** One criterion's evidence upload; the browser names a file over MAX_FILE_BYTES before sending it. */
function EvidenceUpload({ criterionKey, title }: { criterionKey: string; title: string }) {
  const t = useT();
  const limit = useUploadLimit(MAX_FILE_BYTES / 1024 / 1024);
  const id = `file-${criterionKey}`;
  return (
    <Form method="post" encType="multipart/form-data" className="stack" onSubmit={limit.onSubmit}>
      <input type="hidden" name="criterionKey" value={criterionKey} />
      <div className="field">
        <label htmlFor={id}>{t("certification.application.file", { title })}</label>
        <input
          id={id}
          type="file"
          name="file"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          aria-describedby={limit.error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={limit.error ? true : undefined}
          onChange={limit.onChange}
        />
        <p className="field-hint" id={`${id}-hint`}>
          {t("certification.application.fileHint")}
        </p>
        {limit.error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {limit.error}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="btn-secondary">
          {t("certification.application.upload")}
        </button>
      </div>
    </Form>
  );
}
