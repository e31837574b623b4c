import { Form } from "@remix-run/react";
import { FileField } from "~/components/file-field.tsx";
import { ApplicationStatusBadge } from "~/components/certification.tsx";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { useT } from "~/i18n/index.ts";
import { MAX_FILE_BYTES } from "~/schemas/certification.ts";

import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "./route.tsx";

type ApplicationPage = SerializeFrom<typeof loader>;

/** Where the application stands: organisation, rubric, dates, the decision's reason, notice and certificate. */
export function ApplicationStatusCard({
  application,
  organizationName,
  rubric,
  notice,
  certificate,
  editable,
  isAdmin,
}: Pick<ApplicationPage, "application" | "organizationName" | "rubric" | "notice" | "certificate" | "editable" | "isAdmin">) {
  const t = useT();
  return (
    <section aria-labelledby="app-status-title" className="card">
      <h2 id="app-status-title">
        {t("certification.application.statusTitle")}：<ApplicationStatusBadge status={application.status} />
      </h2>
      <dl className="facts">
        <div>
          <dt>{t("certification.application.organization")}</dt>
          <dd>{organizationName}</dd>
        </div>
        <div>
          <dt>{t("certification.application.rubric")}</dt>
          <dd>{t("certification.application.rubricValue", { version: rubric.version, passMark: rubric.passMark })}</dd>
        </div>
        {application.submittedAt ? (
          <div>
            <dt>{t("certification.application.submittedAt")}</dt>
            <dd>{application.submittedAt}</dd>
          </div>
        ) : null}
        {application.decisionReason ? (
          <div>
            <dt>{t("certification.application.reason")}</dt>
            <dd>{application.decisionReason}</dd>
          </div>
        ) : null}
      </dl>
      {application.status === "returned" ? <p className="alert">{t("certification.application.returnedHint")}</p> : null}
      {notice ? <p>{t("certification.application.notice", { start: notice.start, end: notice.end })}</p> : null}
      {certificate ? (
        <p>
          <strong>{t("certification.application.certificate", {
              number: certificate.number,
              issuedOn: certificate.issuedOn,
              validUntil: certificate.validUntil,
            })}</strong>
        </p>
      ) : null}
      <p className="muted">{editable ? t("certification.application.draftHint") : t("certification.application.frozenHint")}</p>
      {editable && !isAdmin ? <p className="muted">{t("certification.application.memberHint")}</p> : null}
    </section>
  );
}

export function EvidenceUpload({ criterionKey, title }: { criterionKey: string; title: string }) {
  const t = useT();
  const limit = useUploadLimit(MAX_FILE_BYTES / 1024 / 1024);
  const id = `file-${criterionKey}`;
  return (
    <Form method="post" encType="multipart/form-data" className="stack" onSubmit={limit.onSubmit}>
      <input type="hidden" name="criterionKey" value={criterionKey} />
      <FileField
        id={id}
        label={t("certification.application.file", { title })}
        hint={t("certification.application.fileHint")}
        error={limit.error}
        onChange={limit.onChange}
      />
      <div>
        <button type="submit" className="btn-secondary">
          {t("certification.application.upload")}
        </button>
      </div>
    </Form>
  );
}
