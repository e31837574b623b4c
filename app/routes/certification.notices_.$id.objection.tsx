import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { noticeOf } from "~/models/certification/directory.server.ts";
import { fileObjection, objectableNotice } from "~/models/certification/objections.server.ts";
import { certificationRefusals } from "~/models/certification/shared.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { notFound } from "~/models/policy.server.ts";
import { hitRateLimit } from "~/models/rate-limit.server.ts";
import { OBJECTION_MAX, OBJECTION_MIN, objectionSchema } from "~/schemas/certification.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { isUuid } from "~/schemas/ids.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.objection.title")} · 产教通` }];

// Objections per client address; generous enough for a school office sharing one address.
const OBJECTIONS_PER_HOUR = 5;

/** Anyone may object to a running public notice (公示); after its end the page says so. */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = appDb();
  const id = params.id ?? "";
  const notice = await objectableNotice(db, id);
  if (notice) return { notice: { ...notice, startsAt: formatDateTime(notice.startsAt), endsAt: formatDateTime(notice.endsAt) }, ended: false };
  const past = isUuid(id) ? await noticeOf(db, id) : null;
  if (!past) throw notFound();
  return { notice: null, ended: true };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const db = appDb();
  const limit = await hitRateLimit(db, `objection:${context.clientIp}`, OBJECTIONS_PER_HOUR, 3600);
  if (!limit.allowed) {
    return formError(formData, "certification.objection.rateLimited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const parsed = parseForm(objectionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await fileObjection(db, params.id ?? "", parsed.data, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
  return { ok: true as const, reference: result.objectionId.slice(0, 8).toUpperCase() };
}

export default function FileObjection() {
  const { notice, ended } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const feedback = result && !result.ok ? (result as ActionFeedback) : null;
  const form = useSchemaForm(objectionSchema, { feedback });
  return (
    <section aria-labelledby="objection-title" className="page-stack narrow">
      <h1 id="objection-title">{t("certification.objection.title")}</h1>
      {ended || !notice ? (
        <p className="alert alert-error" role="status">
          {t("certification.objection.notRunning")}
        </p>
      ) : result?.ok ? (
        <div className="alert alert-ok" role="status">
          <p>{t("certification.objection.filed", { reference: result.reference })}</p>
          <p>
            {t("certification.objection.keepReference")} <Link to="/certification/objections/lookup">{t("certification.objection.lookupLink")}</Link>
          </p>
        </div>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t("certification.col.organization")}</dt>
              <dd>{notice.organizationName}</dd>
            </div>
            <div>
              <dt>{t("certification.col.type")}</dt>
              <dd>{notice.typeName}</dd>
            </div>
            <div>
              <dt>{t("certification.col.noticeEnd")}</dt>
              <dd>{notice.endsAt}</dd>
            </div>
          </dl>
          <p>{t("certification.objection.intro")}</p>
          <SchemaForm form={form} feedback={feedback} aria-labelledby="objection-title">
            <Field form={form} name="name" label={t("certification.objection.name")} autoComplete="name" required />
            <Field form={form} name="organization" label={t("certification.objection.organization")} autoComplete="organization" />
            <Field form={form} name="contact" label={t("certification.objection.contact")} hint={t("certification.objection.contactHint")} required />
            <Field
              form={form}
              name="content"
              control="textarea"
              label={t("certification.objection.content")}
              hint={t("certification.objection.contentHint", { min: OBJECTION_MIN, max: OBJECTION_MAX })}
              required
            />
            <SubmitButton>{t("certification.objection.submit")}</SubmitButton>
          </SchemaForm>
        </>
      )}
      <p>
        <Link to="/certification/notices">{t("certification.objection.back")}</Link>
      </p>
    </section>
  );
}
