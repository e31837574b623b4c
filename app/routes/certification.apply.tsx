import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { certificationRefusals } from "~/models/certification/shared.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { createApplication, listApplicationsForOrg } from "~/models/certification/applications.server.ts";
import { listTypes } from "~/models/certification/rubrics.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { applySchema } from "~/schemas/certification.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.apply.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const db = appDb();
  const [types, applications] = await Promise.all([listTypes(db), listApplicationsForOrg(db, actor.organization.id)]);
  const open = new Map(
    applications.filter((a) => a.status !== "rejected" && a.status !== "certified").map((a) => [a.typeCode, a.id]),
  );
  return {
    isAdmin: actor.user.org_role === "admin",
    verified: actor.organization.status === "verified",
    types: types.map((ty) => ({
      code: ty.code,
      name: ty.name,
      validityYears: ty.validity_years,
      noticeDays: ty.notice_days,
      allowed: ty.applicant_kinds.length === 0 || ty.applicant_kinds.includes(actor.organization.kind),
      rubric: ty.rubric ? { version: ty.rubric.version, passMark: ty.rubric.pass_mark, criteria: ty.rubric.criteria } : null,
      openId: open.get(ty.code) ?? null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const formData = await request.formData();
  const parsed = parseForm(applySchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await createApplication(appDb(), actor, parsed.data.typeCode, { ip: context.clientIp });
  if (!result.ok) {
    if (result.code === "alreadyOpen" && result.vars?.id) throw redirect(`/certification/applications/${result.vars.id}`);
    return refusalResponse(formData, certificationRefusals, result);
  }
  return redirect(`/certification/applications/${result.id}`);
}

export default function Apply() {
  const { types, isAdmin, verified } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  return (
    <section aria-labelledby="apply-title" className="page-stack">
      <h1 id="apply-title">{t("certification.apply.title")}</h1>
      <p>{t("certification.apply.intro")}</p>
      <p>
        <Link to="/certification/applications">{t("certification.links.applications")}</Link>
        {" · "}
        <Link to="/certification">{t("certification.links.directory")}</Link>
      </p>
      {!verified ? <div className="alert alert-error">{t("certification.apply.notVerified")}</div> : null}
      {!isAdmin ? <p className="alert">{t("certification.apply.adminOnly")}</p> : null}
      <FormAlert feedback={feedback} />
      <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
        {types.map((ty) => (
          <li key={ty.code} className="card">
            <h2 id={`type-${ty.code}`}>{ty.name}</h2>
            <p className="muted">{t("certification.apply.validity", { years: ty.validityYears, days: ty.noticeDays })}</p>
            {ty.rubric ? (
              <>
                <p>{t("certification.apply.rubric", { version: ty.rubric.version, passMark: ty.rubric.passMark })}</p>
                <details>
                  <summary>{t("certification.apply.criteria")}</summary>
                  <ul>
                    {ty.rubric.criteria.map((c) => (
                      <li key={c.key}>
                        {c.title}（{t("certification.application.weight", { weight: c.weight })}）
                      </li>
                    ))}
                  </ul>
                </details>
              </>
            ) : (
              <p className="muted">{t("certification.apply.noRubric")}</p>
            )}
            {ty.openId ? (
              <p>
                <Link to={`/certification/applications/${ty.openId}`}>{t("certification.apply.open")}</Link>
              </p>
            ) : !ty.allowed ? (
              <p className="muted">{t("certification.apply.notForKind")}</p>
            ) : ty.rubric && isAdmin && verified ? (
              <Form method="post" aria-labelledby={`type-${ty.code}`}>
                <input type="hidden" name="typeCode" value={ty.code} />
                <button type="submit">{t("certification.apply.start")}</button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
