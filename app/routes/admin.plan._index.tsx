import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, useSchemaForm } from "~/components/form.tsx";
import { PlanStatusBadge } from "~/components/plan.tsx";
import { appDb } from "~/db.server.ts";
import { SILENT_AFTER_DAYS_MAX, SILENT_AFTER_DAYS_MIN } from "~/domain/plan-status.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { messageOrText, useT, metaTranslator } from "~/i18n/index.ts";
import { planIndicators } from "~/models/plan/indicators.server.ts";
import { pendingReports } from "~/models/plan/reports.server.ts";
import { planSettings, sendReminders, supervision, updatePlanSettings } from "~/models/plan/supervision.server.ts";
import { planRefusals, type PlanRefusalCode } from "~/models/plan/shared.server.ts";
import { requirePermission, type Actor } from "~/models/policy.server.ts";
import { planSettingsSchema, planSupervisionSchema, type PlanSupervisionForms, type PlanSupervisionIntent } from "~/schemas/plan-tracking.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { formatDate, formatDateTime } from "~/utils/dates.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("plan.supervision.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "plan:administer");
  const db = appDb();
  const indicators = await planIndicators(db);
  const [groups, pending, settings] = await Promise.all([supervision(db, undefined, indicators), pendingReports(db), planSettings(db)]);
  return {
    silentDays: settings.silentAfterDays,
    settingsChanged: settings.updatedAt ? { at: formatDateTime(settings.updatedAt), by: settings.updatedByName ?? "—" } : null,
    groups: groups.map((g) => ({
      ...g,
      tasks: g.tasks.map((task) => ({ ...task, lastAcceptedAt: task.lastAcceptedAt ? formatDate(task.lastAcceptedAt) : null })),
    })),
    pending: pending.map((p) => ({ ...p, created_at: formatDateTime(p.created_at) })),
    indicators,
  };
}

interface SupervisionContext {
  actor: Actor;
  formData: FormData;
  meta: { ip: string };
}

type SupervisionAnswer =
  | { ok: true; settingsSaved: true }
  | { ok: true; units: number; officers: number }
  | ReturnType<typeof refusalResponse<PlanRefusalCode>>
  | ReturnType<typeof invalid>
  | ReturnType<typeof formError>;

const steps: { [K in PlanSupervisionIntent]: (input: PlanSupervisionForms[K], context: SupervisionContext) => Promise<SupervisionAnswer> } = {
  settings: async ({ silentAfterDays }, { actor, formData, meta }) => {
    const saved = await updatePlanSettings(appDb(), actor.user, { silentAfterDays }, meta);
    return saved.ok ? { ok: true, settingsSaved: true } : refusalResponse(formData, planRefusals, saved);
  },
  remind: async ({ unit }, { actor, formData, meta }) => {
    const result = await sendReminders(appDb(), actor.user, unit, new Date(), meta);
    return result.ok ? { ok: true, units: result.units, officers: result.officers } : refusalResponse(formData, planRefusals, result);
  },
};

const isIntent = (value: unknown): value is PlanSupervisionIntent => typeof value === "string" && Object.hasOwn(steps, value);

function take<K extends PlanSupervisionIntent>(intent: K, input: PlanSupervisionForms[K], context: SupervisionContext) {
  return steps[intent](input, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plan:administer");
  const formData = await request.formData();
  if (!isIntent(formData.get("intent"))) return formError(formData, "plan.error.badRequest", 400);
  const parsed = parseForm(planSupervisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  return take(parsed.data.intent, parsed.data, { actor, formData, meta: { ip: context.clientIp } });
}

export default function PlanSupervision() {
  const { silentDays, settingsChanged, groups, pending, indicators } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const settingsFeedback = result && !result.ok && result.values.intent === "settings" ? result : null;
  const refusal = result && !result.ok && !settingsFeedback ? (result.formError ?? Object.values(result.fieldErrors)[0]) : undefined;
  const settingsForm = useSchemaForm(planSettingsSchema, { feedback: settingsFeedback, defaults: { silentAfterDays: String(silentDays) } });
  return (
    <section aria-labelledby="supervision-title" className="page-stack">
      <p className="actions">
        <Link to="/plan">{t("plan.links.back")}</Link>
        <Link to="/admin/plan/dashboard">{t("plan.links.dashboard")}</Link>
        <a href="/admin/plan/export.xlsx" download>
          {t("plan.links.exportXlsx")}
        </a>
        <a href="/admin/plan/export.csv" download>
          {t("plan.links.exportCsv")}
        </a>
      </p>
      <h1 id="supervision-title">{t("plan.supervision.title")}</h1>
      <p className="muted">{t("plan.supervision.intro", { days: silentDays })}</p>
      {result?.ok ? (
        <div className="alert alert-ok" role="status">
          {"settingsSaved" in result ? t("plan.settings.saved", { days: silentDays }) : t("plan.supervision.reminded", { units: result.units, officers: result.officers })}
        </div>
      ) : null}
      {refusal ? (
        <div className="alert alert-error" role="alert">
          {messageOrText(t, refusal)}
        </div>
      ) : null}

      <section aria-labelledby="pending-title" className="stack">
        <h2 id="pending-title">{t("plan.supervision.pending")}</h2>
        {pending.length === 0 ? (
          <p className="muted">{t("plan.supervision.noPending")}</p>
        ) : (
          <ul className="plain-list" data-testid="pending-reports">
            {pending.map((p) => (
              <li key={p.id}>
                <Link to={`/plan/tasks/${p.number}`}>
                  {t("plan.task.title", { number: p.number })} · {p.unit_name} · {t(`plan.report.kind.${p.kind}`)} · {p.period}
                </Link>{" "}
                <span className="muted small">{p.created_at}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="overdue-title" className="stack">
        <h2 id="overdue-title">{t("plan.supervision.title")}</h2>
        {groups.length === 0 ? (
          <p className="muted">{t("plan.supervision.none")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="remind" />
            <button type="submit">{t("plan.supervision.remindAll")}</button>
          </Form>
        )}
        {groups.map((g) => (
          <section key={g.unit} className="card" aria-labelledby={`unit-${g.unit}`} data-unit={g.unit}>
            <h3 id={`unit-${g.unit}`}>
              {g.unit} <span className="muted small">{t("plan.supervision.unitTasks", { count: g.tasks.length })}</span>
            </h3>
            <div className="table-wrap">
              <DataTable>
                <thead>
                  <tr>
                    <th scope="col">{t("plan.col.number")}</th>
                    <th scope="col">{t("plan.col.theme")}</th>
                    <th scope="col">{t("plan.col.deadline")}</th>
                    <th scope="col">{t("plan.col.status")}</th>
                    <th scope="col">{t("plan.supervision.lastAccepted")}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.tasks.map((task) => (
                    <tr key={task.number}>
                      <td>
                        <Link to={`/plan/tasks/${task.number}`}>{task.number}</Link>
                      </td>
                      <td>{task.theme}</td>
                      <td>{task.deadline || t("plan.deadline.none")}</td>
                      <td>
                        <PlanStatusBadge status={task.status} />
                      </td>
                      <td>{task.lastAcceptedAt ?? t("plan.supervision.never")}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            </div>
            <p>
              {t("plan.supervision.officers")}：
              {g.officers.length ? g.officers.map((o) => `${o.name}（${o.email}）`).join("、") : t("plan.supervision.noOfficers")}
            </p>
            {g.officers.length ? (
              <Form method="post">
                <input type="hidden" name="intent" value="remind" />
                <input type="hidden" name="unit" value={g.unit} />
                <button type="submit" className="btn-secondary">
                  {t("plan.supervision.remind", { unit: g.unit })}
                </button>
              </Form>
            ) : null}
          </section>
        ))}
      </section>

      <section aria-labelledby="settings-title" className="card stack">
        <h2 id="settings-title">{t("plan.settings.title")}</h2>
        <SchemaForm form={settingsForm} feedback={settingsFeedback} aria-labelledby="settings-title">
          <input type="hidden" name="intent" value="settings" />
          <Field
            form={settingsForm}
            name="silentAfterDays"
            label={t("plan.settings.silentAfterDays")}
            hint={`${t("plan.settings.silentAfterDaysHint", { min: SILENT_AFTER_DAYS_MIN, max: SILENT_AFTER_DAYS_MAX })}${settingsChanged ? ` ${t("plan.settings.changed", settingsChanged)}` : ""}`}
            type="number"
            inputMode="numeric"
            min={SILENT_AFTER_DAYS_MIN}
            max={SILENT_AFTER_DAYS_MAX}
            step={1}
            required
          />
          <div>
            <button type="submit">{t("plan.settings.save")}</button>
          </div>
        </SchemaForm>
      </section>

      <section aria-labelledby="indicators-title" className="stack">
        <h2 id="indicators-title">{t("plan.supervision.indicators")}</h2>
        <ul className="plain-list" data-testid="plan-indicators">
          {indicators.map((i) => (
            <li key={i.task}>
              <Link to={`/plan/tasks/${i.task}`}>{t(i.label)}</Link>：
              {i.live !== null
                ? i.target !== null
                  ? t("plan.indicator.targetLive", { target: i.target, live: i.live })
                  : i.live
                : i.reported
                  ? t("plan.indicator.reported", { period: i.reported.period, percent: i.reported.completionPercent ?? 0 })
                  : t("plan.indicator.noData")}
              {i.details.map((d) => ` · ${t(d.label)} ${d.value}`).join("")}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
