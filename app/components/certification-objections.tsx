import { useActionData } from "@remix-run/react";
import { useT } from "../i18n/index.ts";
import { handleObjectionSchema, objectionHandlings } from "../schemas/certification.ts";
import { Field, SchemaForm, useSchemaForm, type ActionFeedback } from "./form.tsx";

export interface ObjectionEntry {
  id: string;
  name: string;
  organization: string | null;
  contact: string;
  content: string;
  status: "open" | "dismissed" | "upheld";
  filedAt: string;
  handlingNote: string | null;
  handledAt: string;
  handledBy: string | null;
}

function HandleObjectionForm({ objectionId, index }: { objectionId: string; index: number }) {
  const t = useT();
  const result = useActionData<ActionFeedback>();
  const own = result && !result.ok && result.values?.intent === "objection" && result.values?.objectionId === objectionId ? { ...result, formError: undefined } : null;
  const form = useSchemaForm(handleObjectionSchema, { feedback: own, defaults: { objectionId } });
  const titleId = `objection-handle-${index}`;
  return (
    <div className="stack">
      <h4 id={titleId}>{t("certification.objections.handleTitle", { n: index })}</h4>
      <SchemaForm form={form} feedback={own} aria-labelledby={titleId}>
        <input type="hidden" name="intent" value="objection" />
        <input type="hidden" defaultValue={objectionId} {...form.register("objectionId")} />
        <Field
          form={form}
          name="handling"
          control="select"
          label={t("certification.objections.handling")}
          options={objectionHandlings.map((h) => ({ value: h, label: t(`certification.objections.handling.${h}`) }))}
          hint={t("certification.objections.handlingHint")}
          required
        />
        <Field form={form} name="note" control="textarea" label={t("certification.objections.note")} hint={t("certification.decide.reasonHint")} required />
        <div>
          <button type="submit">{t("certification.objections.handleButton")}</button>
        </div>
      </SchemaForm>
    </div>
  );
}

/** The objections to an application's public notice, with who filed them: administrators only. */
export function ObjectionList({ objections, canHandle }: { objections: ObjectionEntry[]; canHandle: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="objections-title" className="card">
      <h2 id="objections-title">{t("certification.objections.title", { count: objections.length })}</h2>
      {objections.length === 0 ? <p className="muted">{t("certification.objections.none")}</p> : null}
      {objections.map((o, i) => (
        <article key={o.id} aria-labelledby={`objection-${o.id}`} className="cert-criterion">
          <h3 id={`objection-${o.id}`}>
            {t("certification.objections.item", { n: i + 1, filedAt: o.filedAt })}{" "}
            <span className={`status ${o.status === "open" ? "status-pending" : o.status === "upheld" ? "status-rejected" : "status-verified"}`}>
              {t(`certification.objections.status.${o.status}`)}
            </span>
          </h3>
          <dl className="facts">
            <div>
              <dt>{t("certification.objections.name")}</dt>
              <dd>{o.name}</dd>
            </div>
            <div>
              <dt>{t("certification.objections.organization")}</dt>
              <dd>{o.organization || "—"}</dd>
            </div>
            <div>
              <dt>{t("certification.objections.contact")}</dt>
              <dd>{o.contact}</dd>
            </div>
          </dl>
          <p className="preserve-lines">{o.content}</p>
          {o.status !== "open" ? (
            <p>
              {t("certification.objections.handled", { at: o.handledAt, by: o.handledBy ?? "—", note: o.handlingNote ?? "" })}
            </p>
          ) : canHandle ? (
            <HandleObjectionForm objectionId={o.id} index={i + 1} />
          ) : null}
        </article>
      ))}
    </section>
  );
}
