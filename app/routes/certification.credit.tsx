import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, useSchemaForm } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { formatFen } from "~/domain/surcharge-credit.ts";
import { createTranslator, useT, metaTranslator } from "~/i18n/index.ts";
import { hasCurrentCertificate } from "~/models/certification/directory.server.ts";
import { creditHistory, deleteCreditYear, saveCreditYear } from "~/models/certification/credit.server.ts";
import { forbidden, requireOrgMember } from "~/models/policy.server.ts";
import { creditYearSchema, deleteCreditYearSchema } from "~/schemas/certification.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.credit.title")} · 产教通` }];

/** Task 48: the education-surcharge credit estimator, for enterprises holding a current 产教融合型企业 certificate. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const db = appDb();
  const certified = await hasCurrentCertificate(db, actor.organization.id, "enterprise");
  const history = certified ? await creditHistory(db, actor.organization.id) : [];
  const done = new URL(request.url).searchParams.get("done");
  return {
    certified,
    isAdmin: actor.user.org_role === "admin",
    history,
    done: done === "saved" || done === "deleted" ? done : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const db = appDb();
  if (!(await hasCurrentCertificate(db, actor.organization.id, "enterprise"))) {
    throw forbidden(createTranslator()("certification.error.notCertified"));
  }
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const parsed = parseForm(deleteCreditYearSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    if (!(await deleteCreditYear(db, actor, actor.organization.id, parsed.data.year, { ip: context.clientIp }))) {
      return formError(formData, "certification.error.notFound", 404);
    }
    return redirect("/certification/credit?done=deleted");
  }
  const parsed = parseForm(creditYearSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  await saveCreditYear(
    db,
    actor,
    actor.organization.id,
    { year: parsed.data.year, investmentFen: parsed.data.investment, payableFen: parsed.data.payable },
    { ip: context.clientIp },
  );
  return redirect("/certification/credit?done=saved");
}

export default function CreditEstimator() {
  const { certified, isAdmin, history, done } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const form = useSchemaForm(creditYearSchema, { feedback, defaults: { year: String(new Date().getFullYear()) } });
  return (
    <section aria-labelledby="credit-title" className="page-stack">
      <h1 id="credit-title">{t("certification.credit.title")}</h1>
      <p>
        <Link to="/certification/applications">{t("certification.links.applications")}</Link>
      </p>
      <div className="card">
        <p>{t("certification.credit.rule")}</p>
        <p className="muted">{t("certification.credit.method")}</p>
      </div>
      {!certified ? (
        <p className="alert">{t("certification.credit.notCertified")}</p>
      ) : (
        <>
          {done ? (
            <div className="alert alert-ok" role="status">
              {t(done === "saved" ? "certification.credit.saved" : "certification.credit.deleted")}
            </div>
          ) : null}
          {isAdmin ? (
            <section aria-labelledby="credit-form-title" className="card">
              <h2 id="credit-form-title">{t("certification.credit.form")}</h2>
              <SchemaForm form={form} feedback={feedback} aria-labelledby="credit-form-title">
                <Field form={form} name="year" type="number" label={t("certification.credit.year")} required />
                <Field form={form} name="investment" inputMode="decimal" label={t("certification.credit.investment")} required />
                <Field form={form} name="payable" inputMode="decimal" label={t("certification.credit.payable")} required />
                <div>
                  <button type="submit">{t("certification.credit.save")}</button>
                </div>
              </SchemaForm>
            </section>
          ) : null}
          <section aria-labelledby="credit-history-title" className="card">
            <h2 id="credit-history-title">{t("certification.credit.history")}</h2>
            {history.length === 0 ? (
              <p className="muted">{t("certification.credit.empty")}</p>
            ) : (
              <>
                <div className="table-wrap">
                  <DataTable>
                    <caption>{t("certification.credit.caption")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("certification.credit.colYear")}</th>
                        <th scope="col">{t("certification.credit.colInvestment")}</th>
                        <th scope="col">{t("certification.credit.colNew")}</th>
                        <th scope="col">{t("certification.credit.colCarriedIn")}</th>
                        <th scope="col">{t("certification.credit.colPayable")}</th>
                        <th scope="col">{t("certification.credit.colCredited")}</th>
                        <th scope="col">{t("certification.credit.colPayableAfter")}</th>
                        <th scope="col">{t("certification.credit.colCarriedOut")}</th>
                        <th scope="col">{t("certification.credit.colUses")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {history.map((y) => (
                        <tr key={y.year}>
                          <th scope="row">{y.year}</th>
                          <td>{formatFen(y.investmentFen)}</td>
                          <td>{formatFen(y.newCreditFen)}</td>
                          <td>{formatFen(y.carriedInFen)}</td>
                          <td>{formatFen(y.payableFen)}</td>
                          <td>{formatFen(y.creditedFen)}</td>
                          <td>{formatFen(y.payableAfterFen)}</td>
                          <td>{formatFen(y.carriedOutFen)}</td>
                          <td>
                            {y.uses.map((u) => t("certification.credit.use", { year: u.fromYear, amount: formatFen(u.amountFen) })).join("；") || "—"}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </DataTable>
                </div>
                <ol>
                  {history.map((y) => (
                    <li key={y.year}>
                      {t("certification.credit.calc", {
                        year: y.year,
                        investment: formatFen(y.investmentFen),
                        credit: formatFen(y.newCreditFen),
                        available: formatFen(y.newCreditFen + y.carriedInFen),
                        carried: formatFen(y.carriedInFen),
                        credited: formatFen(y.creditedFen),
                        carriedOut: formatFen(y.carriedOutFen),
                      })}
                      {isAdmin ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="year" value={y.year} />{" "}
                          <button type="submit" className="link-button">
                            {t("certification.credit.delete", { year: y.year })}
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}
