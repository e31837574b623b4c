import { Form, useActionData } from "@remix-run/react";
import { Field, SchemaForm, useMessage, useSchemaForm } from "~/components/form.tsx";
import { useT } from "~/i18n/index.ts";
import { commentField, decisionIntents, decisionSchema, revokeSchema, scoreField } from "~/schemas/certification.ts";
import type { action } from "./route.tsx";

// The review page's three forms: a reviewer's scores, the administrator's decision and a revocation.

export function ScoreForm({ criteria }: { criteria: Array<{ key: string; title: string; weight: number }> }) {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const message = useMessage();
  const own = feedback && !feedback.ok && feedback.values?.intent === "review" ? feedback : null;
  const errorOf = (name: string) => message((own?.fieldErrors as Record<string, string> | undefined)?.[name]);
  const valueOf = (name: string) => {
    const v = own?.values?.[name];
    return typeof v === "string" ? v : "";
  };
  return (
    <section aria-labelledby="score-title" className="card">
      <h2 id="score-title">{t("certification.review.scoreTitle")}</h2>
      <p className="muted">{t("certification.review.submitHint")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="review" />
        {criteria.map((c) => {
          const s = scoreField(c.key);
          const m = commentField(c.key);
          return (
            <fieldset key={c.key}>
              <legend>
                {c.title}（{t("certification.application.weight", { weight: c.weight })}）
              </legend>
              <div className="field">
                <label htmlFor={`f-${s}`}>{t("certification.review.score", { title: c.title, weight: c.weight })}</label>
                <input
                  id={`f-${s}`}
                  name={s}
                  type="number"
                  min={0}
                  max={c.weight}
                  step={1}
                  required
                  defaultValue={valueOf(s)}
                  aria-invalid={errorOf(s) ? true : undefined}
                  aria-describedby={errorOf(s) ? `f-${s}-error` : undefined}
                />
                {errorOf(s) ? (
                  <p className="field-error" id={`f-${s}-error`}>
                    {errorOf(s)}
                  </p>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor={`f-${m}`}>{t("certification.review.comment", { title: c.title })}</label>
                <textarea
                  id={`f-${m}`}
                  name={m}
                  rows={2}
                  required
                  defaultValue={valueOf(m)}
                  aria-invalid={errorOf(m) ? true : undefined}
                  aria-describedby={errorOf(m) ? `f-${m}-error` : undefined}
                />
                {errorOf(m) ? (
                  <p className="field-error" id={`f-${m}-error`}>
                    {errorOf(m)}
                  </p>
                ) : null}
              </div>
            </fieldset>
          );
        })}
        <div>
          <button type="submit">{t("certification.review.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export function DecideForm() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const own = feedback && !feedback.ok && (decisionIntents as readonly unknown[]).includes(feedback.values?.intent) ? { ...feedback, formError: undefined } : null;
  const form = useSchemaForm(decisionSchema, { feedback: own });
  return (
    <section aria-labelledby="decide-title" className="card">
      <h2 id="decide-title">{t("certification.decide.title")}</h2>
      <SchemaForm form={form} feedback={own} aria-labelledby="decide-title">
        <Field
          form={form}
          name="intent"
          control="select"
          label={t("certification.decide.intent")}
          options={decisionIntents.map((i) => ({ value: i, label: t(`certification.decision.${i}`) }))}
          required
        />
        <Field form={form} name="reason" control="textarea" label={t("certification.decide.reason")} hint={t("certification.decide.reasonHint")} required />
        <div>
          <button type="submit">{t("certification.decide.submit")}</button>
        </div>
      </SchemaForm>
    </section>
  );
}

export function RevokeForm({ certificateId }: { certificateId: string }) {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const own = feedback && !feedback.ok && feedback.values?.intent === "revoke" ? { ...feedback, formError: undefined } : null;
  const form = useSchemaForm(revokeSchema, { feedback: own, defaults: { certificateId } });
  return (
    <section aria-labelledby="revoke-title" className="card">
      <h2 id="revoke-title">{t("certification.revoke.title")}</h2>
      <SchemaForm form={form} feedback={own} aria-labelledby="revoke-title">
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" defaultValue={certificateId} {...form.register("certificateId")} />
        <Field form={form} name="reason" control="textarea" label={t("certification.revoke.reason")} hint={t("certification.decide.reasonHint")} required />
        <div>
          <button type="submit" className="btn-danger">
            {t("certification.revoke.button")}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}
