import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { internshipRuleIds, type InternshipRuleId } from "~/domain/internship-rules.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { metaTranslator, useT, type MessageKey } from "~/i18n/index.ts";
import { changeInternshipRule, internshipRuleHistory, internshipRuleRefusals, internshipRulesInForce } from "~/models/internship-rules.server.ts";
import { can, requirePermission } from "~/models/policy.server.ts";
import { internshipRuleChangeSchema } from "~/schemas/internship-rules.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("internshipRules.title")} · 产教通` }];

const unitOf: Partial<Record<InternshipRuleId, MessageKey>> = {
  payFloor: "internshipRules.unit.percent",
  hostShare: "internshipRules.unit.percent",
  postShare: "internshipRules.unit.percent",
  firstYear: "internshipRules.unit.year",
  minimumAge: "internshipRules.unit.age",
  guardianConsent: "internshipRules.unit.age",
  duration: "internshipRules.unit.months",
};

/** Staff read the rules posts are checked against; platform administrators change them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const db = appDb();
  const [rules, history] = await Promise.all([internshipRulesInForce(db), internshipRuleHistory(db)]);
  const asked = new URL(request.url).searchParams.get("rule");
  const editing = (internshipRuleIds as readonly string[]).includes(asked ?? "") ? (asked as InternshipRuleId) : null;
  return {
    rules: internshipRuleIds.map((id) => ({ id, ...rules[id] })),
    history: history.map((h) => ({ ...h, changedAt: formatDateTime(h.changedAt) })),
    canChange: can(actor, "internship:administer"),
    editing,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "internship:administer");
  const formData = await request.formData();
  const parsed = parseForm(internshipRuleChangeSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const changed = await changeInternshipRule(appDb(), actor, parsed.data, { ip: context.clientIp });
  if (!changed.ok) return refusalResponse(formData, internshipRuleRefusals, changed);
  return { ok: true as const };
}

export default function InternshipRulesPage() {
  const { rules, history, canChange, editing } = useLoaderData<typeof loader>();
  const t = useT();
  const result = useActionData<typeof action>();
  const feedback = result && !result.ok ? (result as ActionFeedback) : null;
  const figureOf = (id: InternshipRuleId, figure: number | null) => {
    const unit = unitOf[id];
    return figure === null ? t("internshipRules.noFigure") : `${figure}${unit ? ` ${t(unit)}` : ""}`;
  };
  const current = editing ? rules.find((r) => r.id === editing) : null;
  return (
    <section aria-labelledby="rules-title" className="page-stack">
      <h1 id="rules-title">{t("internshipRules.title")}</h1>
      <p>{t("internshipRules.intro")}</p>
      {result?.ok ? (
        <p className="alert alert-ok" role="status">
          {t("internshipRules.saved")}
        </p>
      ) : null}
      <div className="table-wrap">
        <DataTable data-testid="internship-rules">
          <thead>
            <tr>
              <th scope="col">{t("internshipRules.col.rule")}</th>
              <th scope="col">{t("internshipRules.col.figure")}</th>
              <th scope="col">{t("internshipRules.col.article")}</th>
              <th scope="col">{t("internshipRules.col.level")}</th>
              {canChange ? <th scope="col">{t("internshipRules.col.edit")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-rule={r.id}>
                <th scope="row">{t(`internshipRules.rule.${r.id}`)}</th>
                <td>{figureOf(r.id, r.figure)}</td>
                <td>{r.article}</td>
                <td>
                  <span className={`status status-rule-${r.level}`}>{t(`internshipRules.level.${r.level}`)}</span>
                </td>
                {canChange ? (
                  <td>
                    <Link to={`?rule=${r.id}#rule-form`} aria-label={`${t("internshipRules.edit")}：${t(`internshipRules.rule.${r.id}`)}`}>
                      {t("internshipRules.edit")}
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      </div>
      {canChange && current ? <RuleForm key={current.id} rule={current} feedback={feedback} unit={unitOf[current.id]} /> : null}
      <section aria-labelledby="rules-history-title" className="card">
        <h2 id="rules-history-title">{t("internshipRules.history")}</h2>
        {history.length ? (
          <div className="table-wrap">
            <DataTable data-testid="internship-rule-history">
              <thead>
                <tr>
                  <th scope="col">{t("internshipRules.col.at")}</th>
                  <th scope="col">{t("internshipRules.col.rule")}</th>
                  <th scope="col">{t("internshipRules.col.change")}</th>
                  <th scope="col">{t("internshipRules.col.reason")}</th>
                  <th scope="col">{t("internshipRules.col.by")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td>{h.changedAt}</td>
                    <td>{t(`internshipRules.rule.${h.rule}`)}</td>
                    <td>
                      {figureOf(h.rule, h.figure)} · {t(`internshipRules.level.${h.level}`)} · {h.article}
                    </td>
                    <td className="preserve-lines">{h.reason}</td>
                    <td>{h.changedBy ?? t("internshipRules.noFigure")}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        ) : (
          <p className="muted">{t("internshipRules.noHistory")}</p>
        )}
      </section>
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
    </section>
  );
}

function RuleForm({
  rule,
  feedback,
  unit,
}: {
  rule: { id: InternshipRuleId; figure: number | null; article: string; level: "refuse" | "warn" };
  feedback: ActionFeedback | null;
  unit: MessageKey | undefined;
}) {
  const t = useT();
  const form = useSchemaForm(internshipRuleChangeSchema, {
    defaults: { rule: rule.id, figure: rule.figure === null ? "" : String(rule.figure), article: rule.article, level: rule.level, reason: "" },
    feedback,
  });
  return (
    <section aria-labelledby="rule-form-title" className="card" id="rule-form">
      <h2 id="rule-form-title">{t("internshipRules.formTitle", { rule: t(`internshipRules.rule.${rule.id}`) })}</h2>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="rule-form-title">
        <input type="hidden" name="rule" value={rule.id} />
        {rule.figure !== null ? (
          <Field
            form={form}
            name="figure"
            label={t("internshipRules.figure")}
            hint={unit ? t("internshipRules.figureHint", { unit: t(unit) }) : undefined}
            inputMode="numeric"
            required
          />
        ) : null}
        <Field form={form} name="article" label={t("internshipRules.article")} required />
        <Field
          form={form}
          name="level"
          label={t("internshipRules.level")}
          control="select"
          options={(["refuse", "warn"] as const).map((l) => ({ value: l, label: t(`internshipRules.level.${l}`) }))}
          required
        />
        <Field form={form} name="reason" label={t("internshipRules.reason")} hint={t("internshipRules.reasonHint")} control="textarea" required />
        <SubmitButton>{t("internshipRules.save")}</SubmitButton>
      </SchemaForm>
    </section>
  );
}
