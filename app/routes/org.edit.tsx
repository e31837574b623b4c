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
import { IdentityDiff } from "~/components/identity-change.tsx";
import { getLatestIdentityChange, identityChangeView } from "~/models/organization-identity-change.server.ts";
import { formatDateTime } from "~/utils/dates.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("org.editTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const o = actor.organization;
  const latest = await getLatestIdentityChange(appDb(), o.id);
  return {
    organization: { id: o.id, name: o.name, status: o.status, reviewNote: o.review_note },
    defaults: profileFormValues(o),
    pendingChange: latest?.status === "pending" ? identityChangeView(latest, formatDateTime) : null,
    rejectedReason: latest?.status === "rejected" ? latest.reason : null,
    requested: new URL(request.url).searchParams.get("requested") === "1",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const formData = await request.formData();
  // The kind is fixed at registration: whatever the form says, the organisation's own kind counts. A verified
  // organisation may ask for another kind, which goes to review with its name and credit code (identity change).
  if (actor.organization.status !== "verified") formData.set("kind", actor.organization.kind);
  const parsed = parseForm(organizationProfileSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await updateOrganizationProfile(appDb(), actor, actor.organization.id, parsed.data, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, organizationRefusals, result);
  if (result.identityChangeRequested) return redirect("/org/edit?requested=1");
  return redirect(result.resubmitted ? "/org?resubmitted=1" : "/org?saved=1");
}

export default function EditOrganization() {
  const { organization, defaults, pendingChange, rejectedReason, requested } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const form = useSchemaForm(organizationProfileSchema, { feedback, defaults });
  const rejected = organization.status === "rejected";
  const verified = organization.status === "verified";
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
      {requested ? (
        <div className="alert alert-ok" role="status">
          {t("identityChange.requested")}
        </div>
      ) : null}
      {pendingChange ? (
        <section aria-labelledby="identity-pending-title" className="card">
          <h2 id="identity-pending-title">{t("identityChange.pendingTitle")}</h2>
          <p>{t("identityChange.pendingNote", { at: pendingChange.createdAt })}</p>
          <IdentityDiff change={pendingChange} captionId="identity-pending-title" />
        </section>
      ) : verified && rejectedReason ? (
        <div className="alert alert-error">{t("identityChange.lastRejected", { reason: rejectedReason })}</div>
      ) : null}
      <p className="muted">{t(rejected ? "org.resubmitNote" : verified ? "identityChange.editNote" : "org.editNote")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="org-edit-title">
        {verified ? null : <p className="field-hint">{t("org.kindLockedNote")}</p>}
        <OrganizationFields form={form} kindLocked={!verified} />
        <div className="actions">
          <SubmitButton>{t(rejected ? "org.resubmitButton" : "org.saveButton")}</SubmitButton>
          <Link to="/org">{t("form.cancel")}</Link>
        </div>
      </SchemaForm>
    </section>
  );
}
