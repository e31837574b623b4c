import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { Fact } from "~/components/fact.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { lookupObjection, objectionLookupRefusals } from "~/models/certification/objections.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { objectionLookupSchema } from "~/schemas/certification.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.lookup.title")} · 产教通` }];

/** Public: the objector looks up an objection with its 受理编号 and the contact given in it (a POST, so neither is in a URL). */
export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(objectionLookupSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await lookupObjection(appDb(), parsed.data, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, objectionLookupRefusals, result);
  const o = result.objection;
  return {
    ok: true as const,
    objection: {
      reference: o.reference,
      organizationName: o.organizationName,
      typeName: o.typeName,
      status: o.status,
      filedAt: formatDateTime(o.filedAt),
      handledAt: o.handledAt ? formatDateTime(o.handledAt) : null,
      reply: o.reply,
    },
  };
}

export default function ObjectionLookup() {
  const result = useActionData<typeof action>();
  const t = useT();
  const feedback = result && !result.ok ? (result as ActionFeedback) : null;
  const form = useSchemaForm(objectionLookupSchema, { feedback });
  const found = result?.ok ? result.objection : null;
  return (
    <section aria-labelledby="lookup-title" className="page-stack narrow">
      <h1 id="lookup-title">{t("certification.lookup.title")}</h1>
      {found ? (
        <section aria-labelledby="lookup-result" className="card">
          <h2 id="lookup-result">{t("certification.lookup.resultTitle", { reference: found.reference })}</h2>
          <dl className="facts">
            <Fact label={t("certification.lookup.notice")}>
              {t("certification.lookup.noticeValue", { organization: found.organizationName, type: found.typeName })}
            </Fact>
            <Fact label={t("certification.lookup.filedAt")}>{found.filedAt}</Fact>
            <Fact label={t("certification.lookup.status")}>
              <span className={`status ${found.status === "open" ? "status-pending" : "status-verified"}`}>
                {t(`certification.objections.status.${found.status}`)}
              </span>
            </Fact>
            {found.handledAt ? <Fact label={t("certification.lookup.handledAt")}>{found.handledAt}</Fact> : null}
          </dl>
          <h3>{t("certification.lookup.reply")}</h3>
          {found.reply ? <p className="preserve-lines">{found.reply}</p> : <p className="muted">{t("certification.lookup.noReply")}</p>}
        </section>
      ) : null}
      <p>{t("certification.lookup.intro")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="lookup-title">
        <Field
          form={form}
          name="reference"
          label={t("certification.lookup.reference")}
          hint={t("certification.lookup.referenceHint")}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <Field form={form} name="contact" label={t("certification.lookup.contact")} hint={t("certification.lookup.contactHint")} required />
        <SubmitButton>{t("certification.lookup.submit")}</SubmitButton>
      </SchemaForm>
      <p>
        <Link to="/certification/notices">{t("certification.objection.back")}</Link>
      </p>
    </section>
  );
}
