import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { PlanChart } from "~/components/plan-chart.tsx";
import { appDb } from "~/db.server.ts";
import { planStatuses, type PlanStatus } from "~/domain/plan-status.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { planIndicators } from "~/models/plan/indicators.server.ts";
import { reportsPerMonth } from "~/models/plan/reports.server.ts";
import { listPlanSections, listPlanTasks } from "~/models/plan/tasks.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("plan.dashboard.title")} · 产教通` }];

type Counts = Record<PlanStatus, number>;
const zero = (): Counts => ({ not_started: 0, in_progress: 0, completed: 0, overdue: 0, silent: 0 });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "plan:administer");
  const db = appDb();
  const indicators = await planIndicators(db);
  const [tasks, sections, months] = await Promise.all([
    listPlanTasks(db, undefined, undefined, indicators),
    listPlanSections(db),
    reportsPerMonth(db),
  ]);
  const bySection = sections.map((s) => {
    const counts = zero();
    for (const task of tasks.filter((x) => x.section === s.number)) counts[task.status]++;
    return { label: `${s.number}. ${s.title}`, counts };
  });
  const units = new Map<string, Counts>();
  for (const task of tasks) {
    for (const unit of task.leadUnits) {
      const counts = units.get(unit) ?? zero();
      counts[task.status]++;
      units.set(unit, counts);
    }
  }
  const byUnit = [...units.entries()]
    .map(([label, counts]) => ({ label, counts }))
    .sort((a, b) => a.label.localeCompare(b.label, "zh-CN"));
  return {
    bySection,
    byUnit,
    months,
    indicators: indicators
      .filter((i) => i.target !== null && i.live !== null)
      .map((i) => ({ task: i.task, label: i.label, target: i.target!, live: i.live! })),
  };
}

const COLORS: Record<PlanStatus, string> = {
  not_started: "#8a96a3",
  in_progress: "#0b5cad",
  completed: "#17743b",
  overdue: "#b3261e",
  silent: "#c98a00",
};

function stackedOption(rows: Array<{ label: string; counts: Counts }>, names: Record<PlanStatus, string>, horizontal: boolean) {
  const category = { type: "category" as const, data: rows.map((r) => r.label), axisLabel: { width: 110, overflow: "truncate" as const, interval: 0 } };
  const value = { type: "value" as const, minInterval: 1 };
  return {
    tooltip: { trigger: "axis" as const },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: 30, width: 80 } },
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: planStatuses.map((s) => ({
      name: names[s],
      type: "bar" as const,
      stack: "status",
      itemStyle: { color: COLORS[s] },
      data: rows.map((r) => r.counts[s]),
    })),
  };
}

export default function PlanDashboard() {
  const { bySection, byUnit, months, indicators } = useLoaderData<typeof loader>();
  const t = useT();
  const names = useMemo(
    () => Object.fromEntries(planStatuses.map((s) => [s, t(`plan.status.${s}`)])) as Record<PlanStatus, string>,
    [t],
  );
  const sectionOption = useMemo(() => stackedOption(bySection, names, false), [bySection, names]);
  const unitOption = useMemo(() => stackedOption(byUnit, names, true), [byUnit, names]);
  const monthOption = useMemo(
    () => ({
      tooltip: { trigger: "axis" as const },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category" as const, data: months.map((m) => m.month) },
      yAxis: { type: "value" as const, minInterval: 1 },
      series: [
        { name: t("plan.dashboard.filed"), type: "line" as const, data: months.map((m) => m.filed), itemStyle: { color: "#0b5cad" } },
        { name: t("plan.dashboard.acceptedSeries"), type: "line" as const, data: months.map((m) => m.accepted), itemStyle: { color: "#17743b" } },
      ],
    }),
    [months, t],
  );
  const indicatorOption = useMemo(
    () => ({
      tooltip: { trigger: "axis" as const },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category" as const, data: indicators.map((i) => `${t("plan.col.number")} ${i.task}`) },
      yAxis: { type: "value" as const, minInterval: 1 },
      series: [
        { name: t("plan.dashboard.target"), type: "bar" as const, data: indicators.map((i) => i.target), itemStyle: { color: "#8a96a3" } },
        { name: t("plan.dashboard.live"), type: "bar" as const, data: indicators.map((i) => i.live), itemStyle: { color: "#0b5cad" } },
      ],
    }),
    [indicators, t],
  );

  const statusTable = (rows: Array<{ label: string; counts: Counts }>, first: string) => (
    <ChartTable headers={[first, ...planStatuses.map((st) => names[st])]} rows={rows.map((r) => [r.label, ...planStatuses.map((st) => r.counts[st])])} />
  );

  return (
    <section aria-labelledby="plan-dashboard-title" className="page-stack">
      <p className="actions">
        <Link to="/plan">{t("plan.links.back")}</Link>
        <Link to="/admin/plan">{t("plan.links.supervision")}</Link>
      </p>
      <h1 id="plan-dashboard-title">{t("plan.dashboard.title")}</h1>

      <section aria-labelledby="chart-section-title" className="card">
        <h2 id="chart-section-title">{t("plan.dashboard.bySection")}</h2>
        <PlanChart title={t("plan.dashboard.bySection")} option={sectionOption} height={360} testId="chart-sections" />
        {statusTable(bySection, t("plan.filter.section"))}
      </section>

      <section aria-labelledby="chart-unit-title" className="card">
        <h2 id="chart-unit-title">{t("plan.dashboard.byUnit")}</h2>
        <PlanChart title={t("plan.dashboard.byUnit")} option={unitOption} height={Math.max(320, byUnit.length * 28 + 80)} testId="chart-units" />
        {statusTable(byUnit, t("plan.filter.unit"))}
      </section>

      <section aria-labelledby="chart-reports-title" className="card">
        <h2 id="chart-reports-title">{t("plan.dashboard.reports")}</h2>
        {months.length === 0 ? <p className="muted">{t("plan.dashboard.noReports")}</p> : null}
        <PlanChart title={t("plan.dashboard.reports")} option={monthOption} testId="chart-reports" />
        <ChartTable
          headers={[t("plan.dashboard.month"), t("plan.dashboard.filed"), t("plan.dashboard.acceptedSeries")]}
          rows={months.map((m) => [m.month, m.filed, m.accepted])}
        />
      </section>

      <section aria-labelledby="chart-indicators-title" className="card">
        <h2 id="chart-indicators-title">{t("plan.dashboard.indicators")}</h2>
        <PlanChart title={t("plan.dashboard.indicators")} option={indicatorOption} testId="chart-indicators" />
        <ChartTable
          headers={[t("plan.dashboard.indicator"), t("plan.dashboard.target"), t("plan.dashboard.live")]}
          rows={indicators.map((i) => [t(i.label), i.target, i.live])}
        />
      </section>
    </section>
  );
}

/** The text alternative of a chart: the same figures as a table, first column as row headers. */
function ChartTable({ headers, rows }: { headers: string[]; rows: Array<Array<string | number>> }) {
  const t = useT();
  return (
    <details>
      <summary>{t("plan.dashboard.tableAlt")}</summary>
      <div className="table-wrap">
        <DataTable>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, ...values]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {values.map((v, i) => (
                  <td key={headers[i + 1]}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
      </div>
    </details>
  );
}
