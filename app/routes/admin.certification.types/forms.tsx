import { Form, useActionData } from "@remix-run/react";
import { useMessage } from "~/components/form.tsx";
import { organizationKinds } from "~/domain/organization-kinds.ts";
import { platformFigureKeys } from "~/domain/certification-figures.ts";
import { useT } from "~/i18n/index.ts";
import { MAX_CRITERIA } from "~/schemas/certification.ts";
import type { action } from "./route.tsx";

type Feedback = ReturnType<typeof useActionData<typeof action>>;

export function useFieldHelpers(feedback: Feedback, formKey: string) {
  const message = useMessage();
  const key = feedback?.values?.intent === "create" ? "create:" : `${feedback?.values?.intent}:${feedback?.values?.code ?? ""}`;
  const own = feedback && !feedback.ok && key === formKey ? feedback : null;
  return {
    error: (name: string) => message((own?.fieldErrors as Record<string, string> | undefined)?.[name]),
    value: (name: string, fallback: string) => {
      const v = own?.values?.[name];
      return typeof v === "string" ? v : fallback;
    },
  };
}

export function TextField({
  id,
  name,
  label,
  defaultValue,
  error,
  hint,
  type = "text",
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  error?: string;
  hint?: string;
  type?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SettingsFields({ prefix, feedbackKey, type }: { prefix: string; feedbackKey: string; type?: { name: string; validityYears: number; noticeDays: number; applicantKinds: string[] } }) {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const f = useFieldHelpers(feedback, feedbackKey);
  return (
    <>
      <TextField id={`${prefix}-name`} name="name" label={t("certification.types.name")} defaultValue={f.value("name", type?.name ?? "")} error={f.error("name")} />
      <TextField
        id={`${prefix}-validity`}
        name="validityYears"
        type="number"
        label={t("certification.types.validityYears")}
        defaultValue={f.value("validityYears", String(type?.validityYears ?? 3))}
        error={f.error("validityYears")}
      />
      <TextField
        id={`${prefix}-notice`}
        name="noticeDays"
        type="number"
        label={t("certification.types.noticeDays")}
        hint={t("certification.types.noticeHint")}
        defaultValue={f.value("noticeDays", String(type?.noticeDays ?? 7))}
        error={f.error("noticeDays")}
      />
      <fieldset>
        <legend>{t("certification.types.applicantKinds")}</legend>
        {organizationKinds.map((k) => (
          <label key={k} className="facet-option">
            <input type="checkbox" name="applicantKinds" value={k} defaultChecked={type?.applicantKinds.includes(k)} /> {t(`orgKind.${k}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

export function RubricForm({ code, rubric }: { code: string; rubric: { passMark: number; criteria: Array<{ key: string; title: string; weight: number; evidence: string; figures: string[] }> } | null }) {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const f = useFieldHelpers(feedback, `rubric:${code}`);
  const rows = Array.from({ length: Math.min(MAX_CRITERIA, Math.max((rubric?.criteria.length ?? 0) + 2, 4)) }, (_, i) => rubric?.criteria[i]);
  return (
    <details>
      <summary>{t("certification.types.newVersion")}</summary>
      <Form method="post" className="stack" aria-label={`${t("certification.types.newVersion")} ${code}`}>
        <input type="hidden" name="intent" value="rubric" />
        <input type="hidden" name="code" value={code} />
        <TextField
          id={`${code}-pass`}
          name="passMark"
          type="number"
          label={t("certification.types.passMark")}
          defaultValue={f.value("passMark", String(rubric?.passMark ?? 60))}
          error={f.error("passMark")}
        />
        {rows.map((c, i) => (
          <fieldset key={i}>
            <legend>{t("certification.types.criterionN", { n: i + 1 })}</legend>
            <TextField id={`${code}-key-${i}`} name={`key_${i}`} label={t("certification.types.key")} defaultValue={f.value(`key_${i}`, c?.key ?? "")} error={f.error(`key_${i}`)} />
            <TextField
              id={`${code}-title-${i}`}
              name={`title_${i}`}
              label={t("certification.types.criterionTitle")}
              defaultValue={f.value(`title_${i}`, c?.title ?? "")}
              error={f.error(`title_${i}`)}
            />
            <TextField
              id={`${code}-weight-${i}`}
              name={`weight_${i}`}
              type="number"
              label={t("certification.types.weight")}
              defaultValue={f.value(`weight_${i}`, c ? String(c.weight) : "")}
              error={f.error(`weight_${i}`)}
            />
            <TextField
              id={`${code}-evidence-${i}`}
              name={`evidence_${i}`}
              label={t("certification.types.evidence")}
              defaultValue={f.value(`evidence_${i}`, c?.evidence ?? "")}
              error={f.error(`evidence_${i}`)}
            />
            <TextField
              id={`${code}-figures-${i}`}
              name={`figures_${i}`}
              label={t("certification.types.figures")}
              defaultValue={f.value(`figures_${i}`, c?.figures.join(", ") ?? "")}
            />
          </fieldset>
        ))}
        <p className="field-hint">{t("certification.types.figuresHint", { keys: platformFigureKeys.join(", ") })}</p>
        <div>
          <button type="submit">{t("certification.types.publish")}</button>
        </div>
      </Form>
    </details>
  );
}

export function NewCodeField() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const message = useMessage();
  const own = feedback && !feedback.ok && feedback.values?.intent === "create" ? feedback : null;
  const v = own?.values?.code;
  return (
    <TextField
      id="type-new-code"
      name="code"
      label={t("certification.types.code")}
      hint={t("certification.types.codeHint")}
      defaultValue={typeof v === "string" ? v : ""}
      error={message((own?.fieldErrors as Record<string, string> | undefined)?.code)}
    />
  );
}
