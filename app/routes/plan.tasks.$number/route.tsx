import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { cooperatingText, PlanStatusBadge } from "~/components/plan.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listReportFiles, PLAN_FILE_MAX_BYTES } from "~/models/plan/files.server.ts";
import { planIndicators } from "~/models/plan/indicators.server.ts";
import { getPlanTask, listPlanSections, listPlanUnits, planUnitOf, roleOf } from "~/models/plan/tasks.server.ts";
import { can, canAdministerPlan, notFound, requirePermission } from "~/models/policy.server.ts";
import { currentPeriod, reportablePeriods } from "~/schemas/plan-tracking.ts";
import { formatDateTime } from "~/utils/dates.ts";

import { done, doneMessage, taskNumber, taskPageAction, type Done } from "./actions.server.ts";
import { ReportCard } from "./report-card.tsx";
import { EditTask, FeedbackAlert, HistoryEntry, ReportForm } from "./forms.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? metaTranslator(matches)("plan.task.title", { number: data.task.number }) : ""} · ${metaTranslator(matches)("plan.title")} · 产教通` },
];



export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plan:track");
  const db = appDb();
  const number = taskNumber(params.number);
  const indicators = await planIndicators(db);
  const detail = await getPlanTask(db, number, undefined, indicators);
  if (!detail) throw notFound();
  const admin = canAdministerPlan(actor);
  const officer = can(actor, "plan:report");
  const [sections, units, unit] = await Promise.all([
    listPlanSections(db),
    admin ? listPlanUnits(db) : Promise.resolve([]),
    planUnitOf(db, actor.user),
  ]);
  const { task } = detail;
  const files = await listReportFiles(db, detail.reports.map((r) => r.id));
  const flag = new URL(request.url).searchParams.get("done");
  const indicator = indicators.find((i) => i.task === task.number) ?? null;
  return {
    admin,
    officer,
    unit: unit?.name ?? null,
    maxMegabytes: PLAN_FILE_MAX_BYTES / 1024 / 1024,
    role: officer ? roleOf(task, actor.user.plan_unit_id) : null,
    period: currentPeriod(),
    periods: reportablePeriods(),
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
      ownUnit: officer && r.unitId === actor.user.plan_unit_id,
      files: files
        .filter((f) => f.reportId === r.id)
        .map((f) => ({ id: f.id, fileName: f.fileName, sizeKb: Math.max(1, Math.round(f.sizeBytes / 1024)) })),
    })),
    history: detail.history.map((h) => ({ ...h, at: formatDateTime(h.at) })),
    sections,
    units: units.map((u) => u.name),
  };
}

export const action = (args: ActionFunctionArgs) => taskPageAction(args);

export default function PlanTask() {
  const { admin, officer, unit, maxMegabytes, role, period, periods, done, task, indicator, reports, history, sections, units } =
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
          <ReportForm kind="report" period={period} periods={periods} feedback={intent === "report" ? feedback : null} />
        ) : role === "cooperating" ? (
          <ReportForm kind="contribution" period={period} periods={periods} feedback={intent === "contribution" ? feedback : null} />
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
          <ReportCard
            key={r.id}
            report={r}
            admin={admin}
            maxMegabytes={maxMegabytes}
            uploadError={intent === "upload" && feedback && !feedback.ok && feedback.values?.reportId === r.id ? (feedback.fieldErrors as Record<string, string> | undefined)?.file : undefined}
          />
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

