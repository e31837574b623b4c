import { isMessageKey, useT } from "../i18n/index.ts";
import type { ResponseDetails } from "../schemas/response.ts";

// Pieces shared by the response and project pages.

export interface TimelineItem {
  id: number;
  status: string;
  note: string | null;
  at: string;
  actorName: string | null;
  actorOrgName: string | null;
}

/** Every status change, oldest first, with who made it and why. */
export function Timeline({ entries, subject }: { entries: TimelineItem[]; subject: "response" | "project" }) {
  const t = useT();
  return (
    <section aria-labelledby={`${subject}-timeline`} className="card">
      <h2 id={`${subject}-timeline`}>{t("responses.timeline.title")}</h2>
      {entries.length ? (
        <ol className="timeline">
          {entries.map((e) => {
            const key = `responses.log.${subject}.${e.status}`;
            return (
              <li key={e.id}>
                <time className="muted">{e.at}</time> <strong>{isMessageKey(key) ? t(key) : e.status}</strong>
                {e.actorOrgName || e.actorName ? (
                  <span className="muted">
                    {" "}
                    · {[e.actorOrgName, e.actorName].filter(Boolean).join(" ")}
                  </span>
                ) : null}
                {e.note ? <p className="preserve-lines timeline-note">{e.note}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{t("responses.timeline.empty")}</p>
      )}
    </section>
  );
}

export function ResponseFacts({ kind, details }: { kind: string; details: ResponseDetails }) {
  const t = useT();
  const rows: Array<[string, string]> = [];
  if (details.students !== undefined) rows.push([t("responses.field.students"), t("responses.value.students", { n: details.students })]);
  if (details.startDate) rows.push([t("responses.field.startDate"), details.startDate]);
  if (details.endDate) rows.push([t("responses.field.endDate"), details.endDate]);
  if (details.major) rows.push([t("responses.field.major"), details.major]);
  if (details.cohort) rows.push([t("responses.field.cohort"), t("responses.value.cohort", { year: details.cohort })]);
  if (!rows.length && !details.proposal) return null;
  return (
    <>
      {rows.length ? (
        <dl className="facts" data-kind={kind}>
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {details.proposal ? (
        <>
          <h3>{t("responses.field.proposal")}</h3>
          <p className="preserve-lines">{details.proposal}</p>
        </>
      ) : null}
    </>
  );
}

