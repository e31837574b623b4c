import type { SerializeFrom } from "@remix-run/node";
import { useT } from "~/i18n/index.ts";
import { ReviewForm, UploadForm } from "./forms.tsx";
import type { loader } from "./route.tsx";

type Report = SerializeFrom<typeof loader>["reports"][number];

/** One progress report: its text, evidence links and files, the review; the upload and review forms where allowed. */
export function ReportCard({ report: r, admin, maxMegabytes, uploadError }: { report: Report; admin: boolean; maxMegabytes: number; uploadError?: string }) {
  const t = useT();
  return (
    <article className="card" aria-labelledby={`report-${r.id}`} data-report-status={r.status}>
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
          error={uploadError}
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
  );
}
