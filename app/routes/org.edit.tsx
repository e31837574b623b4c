import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { OrganizationFields } from "~/components/organization-fields.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { organizationRefusals, profileFormValues, updateOrganizationProfile } from "~/models/organization.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { organizationProfileSchema } from "~/schemas/organization.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("org.editTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const o = actor.organization;
  return {
    organization: { id: o.id, name: o.name, status: o.status, reviewNote: o.review_note },
    defaults: profileFormValues(o),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const formData = await request.formData();
  // The kind is fixed at registration: whatever the form says, the organisation's own kind counts.
  formData.set("kind", actor.organization.kind);
  const parsed = parseForm(organizationProfileSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await updateOrganizationProfile(appDb(), actor, actor.organization.id, parsed.data, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, organizationRefusals, result);
  return redirect(result.resubmitted ? "/org?resubmitted=1" : "/org?saved=1");
}

export default function EditOrganization() {
  const { organization, defaults } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const form = useSchemaForm(organizationProfileSchema, { feedback, defaults });
  const rejected = organization.status === "rejected";
  return (
    <section aria-labelledby="org-edit-title">
      <h1 id="org-edit-title">{t("org.editTitle")}</h1>
      <p>
        {t("org.statusLabel")}：
        <span className={`status status-${organization.status}`}>{t(`org.status.${organization.status}`)}</span>
      </p>
      {rejected && organization.reviewNote ? (
        <div className="alert alert-error">
          <strong>{t("org.reviewNote")}：</strong>
          {organization.reviewNote}
        </div>
      ) : null}
      <p className="muted">
        {t(rejected ? "org.resubmitNote" : organization.status === "verified" ? "org.verifiedEditNote" : "org.editNote")}
      </p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="org-edit-title">
        <p className="field-hint">{t("org.kindLockedNote")}</p>
        <OrganizationFields form={form} kindLocked />
        <div className="actions">
          <SubmitButton>{t(rejected ? "org.resubmitButton" : "org.saveButton")}</SubmitButton>
          <Link to="/org">{t("form.cancel")}</Link>
        </div>
      </SchemaForm>
    </section>
  );
}
