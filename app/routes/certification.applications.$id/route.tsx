import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicantEvidence, DecisionHistory, PlatformFigureList } from "~/components/certification.tsx";
import { FormAlert, useMessage } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { getApplicationForOrg, isEditable, listFiles } from "~/models/certification/applications.server.ts";
import { certificateOfApplication, decisionsOf, noticeOf } from "~/models/certification/directory.server.ts";
import { getRubric, getType } from "~/models/certification/rubrics.server.ts";
import { platformFigures } from "~/models/certification/evidence.server.ts";
import { notFound, requireOrgMember } from "~/models/policy.server.ts";
import { statementField, valueField } from "~/schemas/certification.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { uuidParam } from "~/http/params.server.ts";
import { applicationPageAction } from "./actions.server.ts";
import { ApplicationStatusCard, EvidenceUpload } from "./forms.tsx";

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => [
  { title: `${d ? metaTranslator(matches)("certification.application.title", { type: d.type.name }) : ""} · 产教通` },
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

export const action = (args: ActionFunctionArgs) => applicationPageAction(args);

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

      <ApplicationStatusCard application={d.application} organizationName={d.organizationName} rubric={d.rubric} notice={d.notice} certificate={d.certificate} editable={d.editable} isAdmin={d.isAdmin} />

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
              <ApplicantEvidence title={c.title} value={e?.value ?? null} statement={e?.statement ?? null} />
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