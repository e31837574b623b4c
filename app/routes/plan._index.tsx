import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { cooperatingText, excerpt, PlanStatusBadge } from "~/components/plan.tsx";
import { appDb } from "~/db.server.ts";
import { planStatuses } from "~/domain/plan-status.ts";
import { useT, labelFor, metaTranslator } from "~/i18n/index.ts";
import { unitPeriodReports } from "~/models/plan/supervision.server.ts";
import { listPlanSections, listPlanTasks, listPlanUnits, planUnitOf, roleOf, type PlanTaskView } from "~/models/plan/tasks.server.ts";
import { can, canAdministerPlan, requirePermission } from "~/models/policy.server.ts";
import { currentPeriod, planFilterSchema } from "~/schemas/plan-tracking.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("plan.title")} · 产教通` }];

const row = (t: PlanTaskView) => ({
  number: t.number,
  section: t.section,
  content: excerpt(t.content, 70),
  leadUnits: t.leadUnits,
  cooperatingUnits: t.cooperatingUnits,
  cooperatingIncludesOthers: t.cooperatingIncludesOthers,
  deadline: t.deadline,
  status: t.status,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plan:track");
  const db = appDb();
  const filter = planFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [tasks, sections, units, unit] = await Promise.all([
    listPlanTasks(db),
    listPlanSections(db),
    listPlanUnits(db),
    planUnitOf(db, actor.user),
  ]);
  const period = currentPeriod();
  const filed = unit ? await unitPeriodReports(db, unit.id, period) : new Map();
  const mine = unit
    ? tasks
        .map((t) => ({ task: t, role: roleOf(t, unit.id) }))
        .filter((x) => x.role !== null)
        .map(({ task, role }) => ({ ...row(task), role: role!, filed: filed.get(task.number) ?? null }))
    : [];
  const shown = tasks.filter(
    (t) =>
      (filter.section === undefined || t.section === filter.section) &&
      (filter.status === undefined || t.status === filter.status) &&
      (filter.unit === undefined || t.leadUnits.includes(filter.unit) || t.cooperatingUnits.includes(filter.unit)),
  );
  return {
    admin: canAdministerPlan(actor),
    officer: can(actor, "plan:report"),
    unit: unit?.name ?? null,
    period,
    mine,
    sections,
    units: units.map((u) => u.name),
    filter: { section: filter.section ? String(filter.section) : "", unit: filter.unit ?? "", status: filter.status ?? "" },
    tasks: shown.map(row),
  };
}

export default function PlanIndex() {
  const { admin, officer, unit, period, mine, sections, units, filter, tasks } = useLoaderData<typeof loader>();
  const t = useT();
  const others = t("plan.othersSuffix");
  return (
    <section aria-labelledby="plan-title" className="page-stack">
      <h1 id="plan-title">{t("plan.pageTitle")}</h1>
      <p className="muted">{t("plan.intro")}</p>
      {admin ? (
        <p className="actions">
          <Link to="/admin/plan">{t("plan.links.supervision")}</Link>
          <Link to="/admin/plan/dashboard">{t("plan.links.dashboard")}</Link>
          <a href="/admin/plan/export.xlsx" download>
            {t("plan.links.exportXlsx")}
          </a>
          <a href="/admin/plan/export.csv" download>
            {t("plan.links.exportCsv")}
          </a>
          <Link to="/admin/plan/tasks/new">{t("plan.links.newTask")}</Link>
        </p>
      ) : null}

      {officer ? (
        <section aria-labelledby="mine-title" className="card">
          <h2 id="mine-title">{t("plan.mine.title")}</h2>
          {unit ? (
            <>
              <p>{t("plan.myUnit", { unit })}</p>
              {mine.length === 0 ? <p className="muted">{t("plan.mine.none")}</p> : null}
              {(["lead", "cooperating"] as const).map((role) => {
                const list = mine.filter((m) => m.role === role);
                if (!list.length) return null;
                return (
                  <div key={role} className="table-wrap">
                    <DataTable className="wide" data-testid={`mine-${role}`}>
                      <caption>
                        {t(role === "lead" ? "plan.mine.lead" : "plan.mine.cooperating")}（{list.length}）
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("plan.col.number")}</th>
                          <th scope="col">{t("plan.col.content")}</th>
                          <th scope="col">{t("plan.col.deadline")}</th>
                          <th scope="col">{t("plan.col.status")}</th>
                          <th scope="col">{t("plan.due", { period })}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((m) => (
                          <tr key={m.number}>
                            <td>{m.number}</td>
                            <td>
                              <Link to={`/plan/tasks/${m.number}`}>{m.content}</Link>
                            </td>
                            <td>{m.deadline || t("plan.deadline.none")}</td>
                            <td>
                              <PlanStatusBadge status={m.status} />
                            </td>
                            <td>{labelFor(t, "plan.due", String(m.filed ?? "missing"))}</td>
                          </tr>
                        ))}
                      </tbody>
                    </DataTable>
                  </div>
                );
              })}
            </>
          ) : (
            <p className="alert">{t("plan.noUnit")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="all-title" className="stack">
        <h2 id="all-title">{t("plan.all.title")}</h2>
        <Form method="get" className="filters" role="search" aria-label={t("plan.filters")}>
          <div className="field">
            <label htmlFor="filter-section">{t("plan.filter.section")}</label>
            <select id="filter-section" name="section" defaultValue={filter.section}>
              <option value="">{t("plan.filter.all")}</option>
              {sections.map((s) => (
                <option key={s.number} value={s.number}>
                  {s.number}. {s.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-unit">{t("plan.filter.unit")}</label>
            <select id="filter-unit" name="unit" defaultValue={filter.unit}>
              <option value="">{t("plan.filter.all")}</option>
              {units.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t("plan.filter.status")}</label>
            <select id="filter-status" name="status" defaultValue={filter.status}>
              <option value="">{t("plan.filter.all")}</option>
              {planStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`plan.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t("plan.filter.apply")}</button>
        </Form>
        <p role="status">{t("plan.filter.count", { count: tasks.length })}</p>
        <div className="table-wrap">
          <DataTable className="wide" data-testid="plan-tasks">
            <thead>
              <tr>
                <th scope="col">{t("plan.col.number")}</th>
                <th scope="col">{t("plan.col.content")}</th>
                <th scope="col">{t("plan.col.lead")}</th>
                <th scope="col">{t("plan.col.cooperating")}</th>
                <th scope="col">{t("plan.col.deadline")}</th>
                <th scope="col">{t("plan.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.number} data-task={task.number}>
                  <td>{task.number}</td>
                  <td>
                    <Link to={`/plan/tasks/${task.number}`}>{task.content}</Link>
                  </td>
                  <td>{task.leadUnits.join("、")}</td>
                  <td>{excerpt(cooperatingText(task.cooperatingUnits, task.cooperatingIncludesOthers, others), 40)}</td>
                  <td>{task.deadline || t("plan.deadline.none")}</td>
                  <td>
                    <PlanStatusBadge status={task.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      </section>
    </section>
  );
}
