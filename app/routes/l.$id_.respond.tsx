import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { kindLabel } from "~/components/listing-details.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { notFound, requireOrgMember } from "~/models/policy.server.ts";
import { createResponse, respondTarget, responseRefusals } from "~/models/matchmaking/responses.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { responseSchemaFor, splitResponseInput, type RespondableKind } from "~/schemas/response.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${metaTranslator(matches)("responses.respond.pageTitle")}${data?.listing ? ` · ${data.listing.title}` : ""} · 产教通` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const target = await respondTarget(appDb(), actor, params.id ?? "");
  if (!target.ok) {
    if (target.code === "notFound") throw notFound();
    // Own listing, a training package, or an organisation not yet verified: say why, and where to go instead.
    const refusal = responseRefusals[target.code].message;
    return { listing: null, refusal, listingId: params.id ?? "", pendingId: null };
  }
  return { listing: target.listing, refusal: null, listingId: target.listing.id, pendingId: target.pendingId };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request);
  const db = appDb();
  const target = await respondTarget(db, actor, params.id ?? "");
  const formData = await request.formData();
  if (!target.ok) return refusalResponse(formData, responseRefusals, target);
  const parsed = parseForm(responseSchemaFor(target.listing.kind), formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await createResponse(db, actor, target.listing.id, splitResponseInput(target.listing.kind, parsed.data));
  if (!result.ok) return refusalResponse(formData, responseRefusals, result);
  return redirect(`/responses/${result.response.id}?notice=sent`);
}

function KindFields({ kind, form }: { kind: RespondableKind; form: ReturnType<typeof useSchemaForm> }) {
  const t = useT();
  if (kind === "internship") {
    return (
      <>
        <Field form={form} name="students" label={t("responses.field.students")} hint={t("responses.field.studentsHint")} inputMode="numeric" required />
        <Field form={form} name="startDate" label={t("responses.field.startDate")} type="date" required />
        <Field form={form} name="endDate" label={t("responses.field.endDate")} type="date" required />
      </>
    );
  }
  if (kind === "order_training") {
    return (
      <>
        <Field form={form} name="major" label={t("responses.field.major")} required />
        <Field form={form} name="students" label={t("responses.field.students")} inputMode="numeric" required />
        <Field form={form} name="cohort" label={t("responses.field.cohort")} hint={t("responses.field.cohortHint")} required />
      </>
    );
  }
  return (
    <Field
      form={form}
      name="proposal"
      control="textarea"
      label={t("responses.field.proposal")}
      hint={t(kind === "research_result" ? "responses.field.proposalHintResearch" : "responses.field.proposalHint")}
      required
    />
  );
}

function RespondForm({ listing }: { listing: { id: string; kind: RespondableKind; title: string } }) {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const form = useSchemaForm(responseSchemaFor(listing.kind), { feedback });
  return (
    <SchemaForm form={form} feedback={feedback} aria-labelledby="respond-title">
      <Field
        form={form}
        name="message"
        control="textarea"
        label={t("responses.field.message")}
        hint={t("responses.field.messageHint")}
        required
      />
      <KindFields kind={listing.kind} form={form} />
      <div className="actions">
        <SubmitButton>{t("responses.respond.submit")}</SubmitButton>
        <Link to={`/l/${listing.id}`}>{t("responses.respond.cancel")}</Link>
      </div>
    </SchemaForm>
  );
}

export default function Respond() {
  const { listing, refusal, listingId, pendingId } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  // When the form is not shown (already pending, or not allowed), the server's answer is shown on its own.
  const formShown = Boolean(listing && !pendingId);
  return (
    <section aria-labelledby="respond-title" className="page-stack narrow">
      <h1 id="respond-title">{t("responses.respond.pageTitle")}</h1>
      {formShown ? null : <FormAlert feedback={feedback} />}
      {listing ? (
        <>
          <p>
            <span className="tag">{kindLabel(t, listing.kind)}</span> <Link to={`/l/${listing.id}`}>{listing.title}</Link>
            <br />
            <span className="muted">
              {t("responses.respond.to", { org: listing.organizationName })}
            </span>
          </p>
          {pendingId ? (
            <div className="alert" role="note">
              {t("responses.respond.alreadyPending")} <Link to={`/responses/${pendingId}`}>{t("responses.respond.viewPending")}</Link>
            </div>
          ) : (
            <>
              <p className="muted">{t("responses.respond.intro")}</p>
              <RespondForm listing={listing} />
            </>
          )}
        </>
      ) : (
        <div className="alert" role="note">
          {refusal ? t(refusal) : null} <Link to={`/l/${listingId}`}>{t("responses.respond.backToListing")}</Link>
        </div>
      )}
    </section>
  );
}
