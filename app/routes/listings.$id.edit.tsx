import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, useSchemaForm } from "~/components/form.tsx";
import { ListingStatusBadge } from "~/components/listing-details.tsx";
import { ListingForm, type ListingFormButton } from "~/components/listing-form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { closeListing, getOwnListing, updateListing } from "~/models/listing.server.ts";
import { notFound, requireOrgMember } from "~/models/policy.server.ts";
import { listingFormValues, listingSchemaFor, splitListingInput } from "~/schemas/listing.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { intentOf, listingFailure } from "~/utils/listing-actions.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${data ? t("listings.editTitle", { kind: t(`listingKind.${data.listing.kind}`) }) : t("listings.pageTitle")} · 产教通` }];
};

const closeReasons = ["filled", "withdrawn"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  // Another organisation's listing (or an id that is no listing) is simply not there.
  const listing = await getOwnListing(appDb(), actor, uuidParam(params));
  if (!listing) throw notFound();
  return {
    listing: {
      id: listing.id,
      kind: listing.kind,
      title: listing.title,
      status: listing.status,
      reviewNote: listing.review_note,
      reviewedAt: formatDateTime(listing.reviewed_at),
      closedReason: listing.closed_reason,
    },
    verified: actor.organization.status === "verified",
    defaults: listingFormValues(listing),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request);
  const db = appDb();
  const current = await getOwnListing(db, actor, uuidParam(params));
  if (!current) throw notFound();
  const formData = await request.formData();
  const intent = intentOf(formData);

  if (intent === "close") {
    const reason = closeReasons.find((r) => r === formData.get("reason"));
    if (!reason) return formError(formData, "listings.error.closeReason");
    const result = await closeListing(db, actor, current.id, reason);
    if (!result.ok) return listingFailure(actor, current.kind, formData, result);
    return redirect("/listings?notice=closed");
  }

  const parsed = parseForm(listingSchemaFor(current.kind), formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await updateListing(db, actor, current.id, splitListingInput(current.kind, parsed.data), {
    submit: intent === "submit",
  });
  if (!result.ok) return listingFailure(actor, current.kind, formData, result);
  return redirect(`/listings?notice=${result.listing.status}`);
}

export default function EditListing() {
  const { listing, verified, defaults } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const closeFeedback = feedback && feedback.values?.intent === "close" ? feedback : null;
  const formFeedback = closeFeedback ? null : feedback;
  const form = useSchemaForm(listingSchemaFor(listing.kind), { feedback: formFeedback, defaults });
  const kindName = t(`listingKind.${listing.kind}`);
  const { status } = listing;

  // What saving means depends on where the listing is in its lifecycle.
  const buttons: ListingFormButton[] =
    status === "draft" || status === "rejected"
      ? [
          { intent: "save", label: t("listings.save") },
          { intent: "submit", label: t("listings.submit"), primary: true },
        ]
      : status === "submitted"
        ? [{ intent: "submit", label: t("listings.saveChanges"), primary: true }]
        : [{ intent: "save", label: t("listings.saveChanges"), primary: true }];

  return (
    <section aria-labelledby="listing-edit-title" className="page-stack">
      <h1 id="listing-edit-title">{t("listings.editTitle", { kind: kindName })}</h1>
      <p>
        {t("listings.statusLabel")}：<ListingStatusBadge status={status} />
      </p>
      {status === "rejected" && listing.reviewNote ? (
        <div className="alert alert-error" data-testid="review-note">
          <strong>{t("listings.reviewNote")}：</strong>
          {listing.reviewNote}
          {listing.reviewedAt ? <span className="muted">（{listing.reviewedAt}）</span> : null}
        </div>
      ) : null}
      {status === "rejected" ? <p className="muted">{t("listings.rejectedEditNote")}</p> : null}
      {status === "submitted" ? <p className="muted">{t("listings.submittedEditNote")}</p> : null}
      {status === "published" || status === "expired" ? <div className="alert">{t("listings.publishedEditNote")}</div> : null}
      {!verified && status !== "closed" ? (
        <div className="alert" role="note">
          {t("listings.pendingOrg")}
        </div>
      ) : null}

      {status === "closed" ? (
        <>
          <p>
            {t("listings.closedNote", {
              reason: listing.closedReason ? t(`listings.closedReason.${listing.closedReason}`) : t("listings.status.closed"),
            })}
          </p>
          <p>
            <Link to="/listings">{t("listings.cancel")}</Link>
          </p>
        </>
      ) : (
        <>
          <ListingForm kind={listing.kind} form={form} feedback={formFeedback} buttons={buttons} labelledBy="listing-edit-title" />
          <CloseListing feedback={closeFeedback} />
        </>
      )}
    </section>
  );
}

function CloseListing({ feedback }: { feedback: { formError?: string } | null }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <section aria-labelledby="listing-close-title" className="card">
      <h2 id="listing-close-title">{t("listings.closeTitle")}</h2>
      <p className="muted">{t("listings.closeIntro")}</p>
      <FormAlert feedback={feedback ? { ok: false, formError: feedback.formError } : null} />
      <Form method="post" className="filters">
        <div className="field">
          <label htmlFor="close-reason">{t("listings.closeReason")}</label>
          <select id="close-reason" name="reason" defaultValue="filled">
            {closeReasons.map((r) => (
              <option key={r} value={r}>
                {t(`listings.closedReason.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="close" className="btn-danger" disabled={navigation.state === "submitting"}>
          {t("listings.closeButton")}
        </button>
      </Form>
    </section>
  );
}
