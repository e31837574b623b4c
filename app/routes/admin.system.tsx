import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fact } from "~/components/fact.tsx";
import { isMessageKey, labelFor, useT, type Translate, metaTranslator } from "~/i18n/index.ts";
import { scheduledJobs } from "~/jobs.server.ts";
import { checkReadiness } from "~/models/health.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { jobHealth, searchServerStatus, systemStatus, type JobHealth } from "~/models/system-status.server.ts";
import { runtime } from "~/runtime.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("system.title")} · 产教通` }];

/** A job's outcome as figures the page can name: a count, or the counts of an object the job returned. */
function resultParts(result: unknown): Array<{ key: string; n: number | string }> | null {
  if (result === null || result === undefined) return null;
  if (typeof result === "number") return [{ key: "count", n: result }];
  if (typeof result === "object" && !Array.isArray(result)) {
    return Object.entries(result as Record<string, unknown>).map(([key, n]) => ({ key, n: typeof n === "number" ? n : JSON.stringify(n) }));
  }
  return [{ key: "", n: JSON.stringify(result) }];
}

/** Platform administrators only: what runs in the background and whether the index and mail keep up. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "system:operate");
  const rt = runtime();
  const now = new Date();
  const [status, searchServer, readiness] = await Promise.all([
    systemStatus(rt.db, rt.search, now, scheduledJobs(rt.env.JOB_PERIODS)),
    searchServerStatus(rt.search),
    checkReadiness(),
  ]);
  // A job is overdue once a minute (and a tick) past due: the loop tries every tick, so it is stuck or not running.
  const graceMs = 60_000 + rt.env.JOB_TICK_MS;
  return {
    checkedAt: formatDateTime(now),
    readiness,
    jobs: status.jobs.map((job) => ({
      name: job.name,
      everySeconds: job.everySeconds,
      lastRunAt: job.lastRunAt ? formatDateTime(job.lastRunAt) : null,
      unfinished: Boolean(job.lastRunAt && !job.lastFinishedAt),
      lastError: job.lastError,
      result: resultParts(job.lastResult),
      nextDueAt: formatDateTime(job.nextDueAt),
      due: job.nextDueAt.getTime() <= now.getTime(),
      health: jobHealth(job, now, graceMs),
    })),
    outbox: {
      due: status.outbox.due,
      waiting: status.outbox.waiting,
      parked: status.outbox.parked,
      oldestAgeSeconds: status.outbox.oldestPendingAt ? Math.max(0, Math.round((now.getTime() - status.outbox.oldestPendingAt.getTime()) / 1000)) : null,
    },
    index: status.index,
    mail: status.mail,
    search: searchServer,
  };
}

const healthClass: Record<JobHealth, string> = {
  ok: "status-verified",
  error: "status-rejected",
  overdue: "status-rejected",
  running: "status-pending",
  never: "status-listing-draft",
};

function period(t: Translate, seconds: number): string {
  if (seconds % 3600 === 0) return t("system.every.hours", { n: seconds / 3600 });
  if (seconds % 60 === 0) return t("system.every.minutes", { n: seconds / 60 });
  return t("system.every.seconds", { n: seconds });
}

function age(t: Translate, seconds: number): string {
  if (seconds < 60) return t("system.age.seconds", { n: seconds });
  if (seconds < 3600) return t("system.age.minutes", { n: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t("system.age.hours", { n: Math.floor(seconds / 3600) });
  return t("system.age.days", { n: Math.floor(seconds / 86_400) });
}

function resultText(t: Translate, parts: Array<{ key: string; n: number | string }>): string {
  return parts
    .map(({ key, n }) => {
      const message = `system.result.${key}`;
      return isMessageKey(message) ? t(message, { n }) : `${key} ${n}`.trim();
    })
    .join(" · ");
}

export default function SystemStatusPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { readiness } = data;
  const readinessText = readiness.ready
    ? t("system.readiness.ready")
    : t(`system.readiness.${readiness.reason ?? "unavailable"}`, { backlog: readiness.backlog ?? 0 });
  return (
    <section aria-labelledby="system-title" className="page-stack">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1 id="system-title">{t("system.title")}</h1>
      <p className="muted">
        {t("system.intro")} {t("system.checkedAt", { time: data.checkedAt })}
      </p>

      <section aria-labelledby="system-readiness" className="card">
        <h2 id="system-readiness">{t("system.readiness.title")}</h2>
        <p className={readiness.ready ? "alert alert-ok" : "alert"} data-testid="readiness">
          {readinessText}
        </p>
      </section>

      <section aria-labelledby="system-jobs">
        <h2 id="system-jobs">{t("system.jobs.title")}</h2>
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("system.jobs.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("system.jobs.name")}</th>
                <th scope="col">{t("system.jobs.lastRun")}</th>
                <th scope="col">{t("system.jobs.result")}</th>
                <th scope="col">{t("system.jobs.nextDue")}</th>
                <th scope="col">{t("system.jobs.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((job) => (
                <tr key={job.name} data-job={job.name}>
                  <th scope="row">
                    {labelFor(t, "system.job", job.name)}
                    <span className="small muted system-block">{period(t, job.everySeconds)}</span>
                  </th>
                  <td>{job.lastRunAt ?? t("system.jobs.neverRun")}</td>
                  <td className="system-result">
                    {job.lastError ? (
                      <span className="review-note">{job.lastError}</span>
                    ) : job.unfinished ? (
                      t("system.jobs.unfinished")
                    ) : job.result ? (
                      resultText(t, job.result)
                    ) : job.lastRunAt ? (
                      t("system.jobs.succeeded")
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{job.due ? t("system.jobs.due") : job.nextDueAt}</td>
                  <td>
                    <span className={`status ${healthClass[job.health]}`}>{t(`system.health.${job.health}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      </section>

      <section aria-labelledby="system-outbox" className="card">
        <h2 id="system-outbox">{t("system.outbox.title")}</h2>
        <dl className="facts">
          <Fact label={t("system.outbox.due")} testId="outbox-due">{data.outbox.due}</Fact>
          <Fact label={t("system.outbox.waiting")}>{data.outbox.waiting}</Fact>
          <Fact label={t("system.outbox.parked")}>{data.outbox.parked}</Fact>
          <Fact label={t("system.outbox.oldest")} testId="outbox-oldest">{data.outbox.oldestAgeSeconds === null ? t("system.none") : age(t, data.outbox.oldestAgeSeconds)}</Fact>
        </dl>
      </section>

      <section aria-labelledby="system-index">
        <h2 id="system-index">{t("system.index.title")}</h2>
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("system.index.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("system.index.entity")}</th>
                <th scope="col">{t("system.index.indexed")}</th>
                <th scope="col">{t("system.index.database")}</th>
                <th scope="col">{t("system.index.check")}</th>
              </tr>
            </thead>
            <tbody>
              {data.index.map((row) => (
                <tr key={row.entity} data-entity={row.entity}>
                  <th scope="row">{t(`system.entity.${row.entity}`)}</th>
                  <td>{row.indexed === null ? t("system.unavailable") : row.indexed}</td>
                  <td>{row.database}</td>
                  <td>
                    {row.indexed === null ? (
                      <span className="status status-listing-draft">{t("system.unavailable")}</span>
                    ) : row.indexed === row.database ? (
                      <span className="status status-verified">{t("system.index.match")}</span>
                    ) : (
                      <span className="status status-rejected">{t("system.index.mismatch", { diff: Math.abs(row.indexed - row.database) })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      </section>

      <section aria-labelledby="system-mail" className="card">
        <h2 id="system-mail">{t("system.mail.title")}</h2>
        <dl className="facts">
          <Fact label={t("system.mail.sent")} testId="mail-sent">{data.mail.sent}</Fact>
          <Fact label={t("system.mail.failed")} testId="mail-failed">{data.mail.failed}</Fact>
          <Fact label={t("system.mail.pending")} testId="mail-pending">{data.mail.pending}</Fact>
          <Fact label={t("system.mail.skipped")}>{data.mail.skipped}</Fact>
        </dl>
      </section>

      <section aria-labelledby="system-search" className="card">
        <h2 id="system-search">{t("system.search.title")}</h2>
        <dl className="facts">
          <Fact label={t("system.search.version")} testId="meili-version">{data.search.version ?? t("system.unavailable")}</Fact>
          <Fact label={t("system.search.restarts")} testId="meili-restarts">{data.search.restarts ?? t("system.search.external")}</Fact>
        </dl>
      </section>
    </section>
  );
}
