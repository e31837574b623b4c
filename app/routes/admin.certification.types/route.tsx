import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listTypes } from "~/models/certification/rubrics.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { typesPageAction } from "./actions.server.ts";
import { NewCodeField, RubricForm, SettingsFields } from "./forms.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.types.title")} · 产教通` }];

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

export const action = (args: ActionFunctionArgs) => typesPageAction(args);

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
              <DataTable>
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
              </DataTable>
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

