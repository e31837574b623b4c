import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, useMessage } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { certificationRefusals } from "~/models/certification/shared.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { organizationKinds } from "~/domain/organization-kinds.ts";
import { createTranslator, useT } from "~/i18n/index.ts";
import { createRubricVersion, createType, listTypes, updateType } from "~/models/certification/rubrics.server.ts";
import { platformFigureKeys } from "~/domain/certification-figures.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { MAX_CRITERIA, newTypeSchema, rubricSchema, typeCode, typeSettingsSchema } from "~/schemas/certification.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: `${createTranslator()("certification.types.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "certification:decide");
  const types = await listTypes(appDb());
  const done = new URL(request.url).searchParams.get("done");
  const version = new URL(request.url).searchParams.get("version");
  return {
    types: types.map((ty) => ({
      code: ty.code,
      name: ty.name,
      validityYears: ty.validity_years,
      noticeDays: ty.notice_days,
      applicantKinds: ty.applicant_kinds,
      rubric: ty.rubric ? { version: ty.rubric.version, passMark: ty.rubric.pass_mark, criteria: ty.rubric.criteria } : null,
    })),
    done: done === "saved" || done === "created" || done === "published" ? done : null,
    version: version && /^\d{1,4}$/.test(version) ? Number(version) : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "certification:decide");
  const db = appDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const meta = { ip: context.clientIp };
  if (intent === "create") {
    const parsed = parseForm(newTypeSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const result = await createType(db, actor, parsed.data, meta);
    if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
    return redirect("/admin/certification/types?done=created");
  }
  const code = typeCode.safeParse(formData.get("code"));
  if (!code.success) return formError(formData, "certification.error.notFound", 404);
  if (intent === "update") {
    const parsed = parseForm(typeSettingsSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    if (!(await updateType(db, actor, code.data, parsed.data, meta))) return formError(formData, "certification.error.notFound", 404);
    return redirect("/admin/certification/types?done=saved");
  }
  if (intent === "rubric") {
    const parsed = parseForm(rubricSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const result = await createRubricVersion(db, actor, code.data, parsed.data, meta);
    if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
    return redirect(`/admin/certification/types?done=published&version=${result.version}`);
  }
  return formError(formData, "validation.choose");
}

type Feedback = ReturnType<typeof useActionData<typeof action>>;

function useFieldHelpers(feedback: Feedback, formKey: string) {
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

function TextField({
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

function SettingsFields({ prefix, feedbackKey, type }: { prefix: string; feedbackKey: string; type?: { name: string; validityYears: number; noticeDays: number; applicantKinds: string[] } }) {
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

function RubricForm({ code, rubric }: { code: string; rubric: { passMark: number; criteria: Array<{ key: string; title: string; weight: number; evidence: string; figures: string[] }> } | null }) {
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

export default function CertificationTypes() {
  const { types, done, version } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  return (
    <section aria-labelledby="types-title" className="page-stack">
      <p>
        <Link to="/admin/certification">{t("certification.links.queue")}</Link>
      </p>
      <h1 id="types-title">{t("certification.types.title")}</h1>
      <p className="muted">{t("certification.types.intro")}</p>
      {done ? (
        <div className="alert alert-ok" role="status">
          {done === "published" ? t("certification.types.published", { version: version ?? "" }) : t(done === "created" ? "certification.types.created" : "certification.types.saved")}
        </div>
      ) : null}
      <FormAlert feedback={feedback} errorCount={feedback && !feedback.ok ? Object.keys(feedback.fieldErrors ?? {}).length : 0} />
      {types.map((ty) => (
        <section key={ty.code} aria-labelledby={`type-${ty.code}-title`} className="card">
          <h2 id={`type-${ty.code}-title`}>
            {ty.name} <span className="muted">（{ty.code}）</span>
          </h2>
          <Form method="post" className="stack" aria-label={`${ty.name} ${t("certification.types.settings")}`}>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="code" value={ty.code} />
            <SettingsFields prefix={`type-${ty.code}`} feedbackKey={`update:${ty.code}`} type={ty} />
            <div>
              <button type="submit">{t("certification.types.save")}</button>
            </div>
          </Form>
          <h3>{t("certification.types.rubric")}</h3>
          {ty.rubric ? (
            <div className="table-wrap">
              <table>
                <caption>{t("certification.types.rubricCaption", { version: ty.rubric.version, passMark: ty.rubric.passMark })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("certification.types.key")}</th>
                    <th scope="col">{t("certification.types.criterionTitle")}</th>
                    <th scope="col">{t("certification.types.weight")}</th>
                    <th scope="col">{t("certification.types.evidence")}</th>
                  </tr>
                </thead>
                <tbody>
                  {ty.rubric.criteria.map((c) => (
                    <tr key={c.key}>
                      <td>{c.key}</td>
                      <th scope="row">{c.title}</th>
                      <td>{c.weight}</td>
                      <td>{c.evidence}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t("certification.types.noRubric")}</p>
          )}
          <RubricForm code={ty.code} rubric={ty.rubric} />
        </section>
      ))}
      <section aria-labelledby="type-new-title" className="card">
        <h2 id="type-new-title">{t("certification.types.create")}</h2>
        <Form method="post" className="stack" aria-labelledby="type-new-title">
          <input type="hidden" name="intent" value="create" />
          <NewCodeField />
          <SettingsFields prefix="type-new" feedbackKey="create:" />
          <div>
            <button type="submit">{t("certification.types.createButton")}</button>
          </div>
        </Form>
      </section>
    </section>
  );
}

function NewCodeField() {
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
