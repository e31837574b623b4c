import type { SerializeFrom } from "@remix-run/node";
import { ApplicantEvidence, PlatformFigureList } from "~/components/certification.tsx";
import { useT } from "~/i18n/index.ts";
import type { loader } from "./route.tsx";
import { DataTable } from "~/components/data-table.tsx";

type ReviewPage = SerializeFrom<typeof loader>;

/** Each criterion with the platform's figures, the applicant's value and statement, and the files for it. */
export function EvidencePanel({ criteria, evidence, files: allFiles, figures }: Pick<ReviewPage, "criteria" | "evidence" | "files" | "figures">) {
  const t = useT();
  return (
    <section aria-labelledby="rv-evidence-title" className="card">
      <h2 id="rv-evidence-title">{t("certification.review.evidence")}</h2>
      {criteria.map((c) => {
        const e = evidence[c.key];
        const files = allFiles.filter((f) => f.criterionKey === c.key);
        return (
          <section key={c.key} aria-labelledby={`rv-crit-${c.key}`} className="cert-criterion">
            <h3 id={`rv-crit-${c.key}`}>
              {c.title} <span className="muted">（{t("certification.application.weight", { weight: c.weight })}）</span>
            </h3>
            <p className="muted">{t("certification.application.evidenceNeeded", { evidence: c.evidence })}</p>
            <h4>{t("certification.application.platform")}</h4>
            <PlatformFigureList keys={c.figures} figures={figures} />
            <h4>{t("certification.application.applicant")}</h4>
            <ApplicantEvidence title={c.title} value={e?.value ?? null} statement={e?.statement ?? null} />
            {files.length ? (
              <ul>
                {files.map((f) => (
                  <li key={f.id}>
                    <a href={`/certification/files/${f.id}`}>{f.fileName}</a> <span className="muted">SHA-256 {f.sha256.slice(0, 12)}…</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}

/** The two reviewers' scores side by side once both are in, criteria whose scores differ much highlighted. */
export function ScoreComparison({
  reviews,
  comparison,
  passMark,
}: {
  reviews: ReviewPage["reviews"];
  comparison: NonNullable<ReviewPage["reviews"]["comparison"]>;
  passMark: ReviewPage["passMark"];
}) {
  const t = useT();
  return (
      <section aria-labelledby="rv-compare-title" className="card">
        <h2 id="rv-compare-title">{t("certification.review.compare")}</h2>
        <p>{t("certification.review.average", { average: (reviews.average ?? 0).toFixed(1), passMark })}</p>
        <p className="muted">{t("certification.review.differsHint")}</p>
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("certification.review.compareCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certification.review.criterion")}</th>
                <th scope="col">{t("certification.review.weight")}</th>
                {reviews.reviews.map((r, i) => (
                  <th scope="col" key={r.reviewerId}>
                    {t("certification.review.reviewerN", { n: i + 1 })}：{r.reviewerName}
                  </th>
                ))}
                <th scope="col">{t("certification.review.difference")}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.map((row) => (
                <tr key={row.key} className={row.highlighted ? "cert-differs" : undefined} data-differs={row.highlighted ? "true" : undefined}>
                  <th scope="row">{row.title}</th>
                  <td>{row.weight}</td>
                  {reviews.reviews.map((r) => (
                    <td key={r.reviewerId}>
                      {r.scores?.[row.key]?.score ?? "—"}
                      <br />
                      <span className="muted">{r.scores?.[row.key]?.comment}</span>
                    </td>
                  ))}
                  <td>
                    {row.difference ?? "—"}
                    {row.highlighted ? (
                      <>
                        {" "}
                        <strong>{t("certification.review.differs")}</strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("certification.review.total")}</th>
                <td>100</td>
                {reviews.reviews.map((r) => (
                  <td key={r.reviewerId}>{r.total ?? "—"}</td>
                ))}
                <td>—</td>
              </tr>
            </tbody>
          </DataTable>
        </div>
      </section>
  );
}
