import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { siteSettingsForAdmin, siteSettingsRefusals, updateSiteSettings } from "~/models/site-settings.server.ts";
import { siteSettingsFields, siteSettingsSchema } from "~/schemas/site-settings.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("site.settings.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "site:administer");
  const { settings, updatedAt, updatedByName } = await siteSettingsForAdmin(appDb());
  return {
    values: Object.fromEntries(siteSettingsFields.map((f) => [f, settings[f] ?? ""])) as Record<string, string>,
    lastChange: updatedAt ? { at: formatDateTime(updatedAt), by: updatedByName ?? "—" } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "site:administer");
  const formData = await request.formData();
  const parsed = parseForm(siteSettingsSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const saved = await updateSiteSettings(appDb(), actor, parsed.data, { ip: context.clientIp });
  if (!saved.ok) return refusalResponse(formData, siteSettingsRefusals, saved);
  return { ok: true as const, changed: saved.changed.length };
}

export default function SiteSettingsPage() {
  const { values, lastChange } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const feedback = result && !result.ok ? (result as ActionFeedback) : null;
  const form = useSchemaForm(siteSettingsSchema, { defaults: values, feedback });
  return (
    <section aria-labelledby="site-settings-title" className="page-stack narrow">
      <h1 id="site-settings-title">{t("site.settings.title")}</h1>
      <p>{t("site.settings.intro")}</p>
      {lastChange ? <p className="muted">{t("site.settings.lastChange", lastChange)}</p> : null}
      {result?.ok ? (
        <p className="alert alert-ok" role="status">
          {t(result.changed ? "site.settings.saved" : "site.settings.unchanged")}
        </p>
      ) : null}
      <SchemaForm form={form} feedback={feedback} aria-labelledby="site-settings-title">
        <fieldset>
          <legend>{t("site.settings.siteTitle")}</legend>
          <Field form={form} name="sponsor" label={t("site.settings.sponsor")} autoComplete="organization" />
          <Field form={form} name="organizer" label={t("site.settings.organizer")} />
          <Field form={form} name="contactAddress" label={t("site.settings.contactAddress")} autoComplete="street-address" />
          <Field form={form} name="contactPhone" label={t("site.settings.contactPhone")} hint={t("site.settings.phoneHint")} type="tel" />
          <Field form={form} name="contactEmail" label={t("site.settings.contactEmail")} type="email" />
        </fieldset>
        <fieldset>
          <legend>{t("site.settings.filingTitle")}</legend>
          <p className="muted">{t("site.settings.filingHint")}</p>
          <Field form={form} name="icpNumber" label={t("site.settings.icpNumber")} hint={t("site.settings.icpHint")} />
          <Field form={form} name="policeNumber" label={t("site.settings.policeNumber")} hint={t("site.settings.policeHint")} />
          <Field form={form} name="siteCode" label={t("site.settings.siteCode")} hint={t("site.settings.siteCodeHint")} />
        </fieldset>
        <fieldset>
          <legend>{t("site.settings.objectionTitle")}</legend>
          <p className="muted">{t("site.settings.objectionHint")}</p>
          <Field form={form} name="objectionAddress" label={t("site.settings.objectionAddress")} />
          <Field form={form} name="objectionPhone" label={t("site.settings.objectionPhone")} hint={t("site.settings.phoneHint")} type="tel" />
        </fieldset>
        <SubmitButton>{t("site.settings.save")}</SubmitButton>
      </SchemaForm>
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
    </section>
  );
}
