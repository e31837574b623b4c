import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form.tsx";
import { kindLabel, ListingDetails, ListingStatusBadge } from "~/components/listing-details.tsx";
import { appDb } from "~/db.server.ts";
import { isMessageKey, useT, metaTranslator } from "~/i18n/index.ts";
import { getListingForReview, listListingDecisions } from "~/models/listing-review.server.ts";
import { changesSinceLastSubmission } from "~/models/listing-views.server.ts";
import { notFound, requirePermission } from "~/models/policy.server.ts";
import { listingDecisionIntents, type ListingDecisionIntent } from "~/schemas/listing-review.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { uuidParam } from "~/http/params.server.ts";
import { Fact } from "~/components/fact.tsx";
import { fieldLabel, formatValue, Paragraphs } from "./fields.tsx";
import { ApproveForm, RejectForm } from "./forms.tsx";
import { reviewPageAction } from "./actions.server.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? `${data.listing.title} · ` : ""}${metaTranslator(matches)("listingReview.pageTitle")} · 产教通` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:review");
  const db = appDb();
  const listing = await getListingForReview(db, uuidParam(params));
  if (!listing) throw notFound();
  const [diff, decisions] = await Promise.all([changesSinceLastSubmission(db, listing.id), listListingDecisions(db, listing.id)]);
  const decided = new URL(request.url).searchParams.get("decided");
  return {
    listing: {
      id: listing.id,
      kind: listing.kind,
      status: listing.status,
      title: listing.title,
      description: listing.description,
      industry: listing.industry,
      location: listing.location,
      majors: listing.majors,
      skills: listing.skills,
      validUntil: listing.valid_until,
      details: listing.details,
      contactName: listing.contact_name,
      contactPhone: listing.contact_phone,
      contactEmail: listing.contact_email,
      reviewNote: listing.review_note,
      submittedAt: formatDateTime(listing.submitted_at),
      reviewedAt: formatDateTime(listing.reviewed_at),
      publishedAt: formatDateTime(listing.published_at),
      submissions: listing.submissions,
      submittedBy: listing.submittedBy,
    },
    organization: listing.organization,
    diff,
    decisions: decisions.map((d) => ({ ...d, at: formatDateTime(d.at) })),
    decided: (listingDecisionIntents as readonly string[]).includes(decided ?? "") ? (decided as ListingDecisionIntent) : null,
  };
}

export const action = (args: ActionFunctionArgs) => reviewPageAction(args);

export default function ReviewListing() {
  const { listing, organization, diff, decisions, decided } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const none = <span className="muted">{t("listingReview.empty.value")}</span>;
  const kind = kindLabel(t, listing.kind);
  return (
    <article aria-labelledby="listing-review-title" className="page-stack">
      <p>
        <Link to="/admin/listings">{t("listingReview.backToQueue")}</Link>
      </p>
      <h1 id="listing-review-title">{listing.title}</h1>
      {decided ? (
        <div className="alert alert-ok" role="status">
          {t(`listingReview.done.${decided}`)}
        </div>
      ) : null}
      {feedback?.formError ? <FormAlert feedback={feedback} /> : null}

      <section aria-labelledby="review-status-title" className="card">
        <h2 id="review-status-title">
          {t("listingReview.statusTitle")}：<ListingStatusBadge status={listing.status} />
        </h2>
        {listing.status !== "submitted" ? <p className="muted">{t("listingReview.notSubmitted")}</p> : null}
        <dl className="facts">
          <Fact label={t("listingReview.col.kind")}>{kind}</Fact>
          <Fact label={t("listingReview.submittedAt")}>
            {listing.submittedAt || none}
            {listing.submissions > 0 ? `（${t("listingReview.submissionNumber", { n: listing.submissions })}）` : null}
          </Fact>
          {listing.submittedBy ? (
            <Fact label={t("listingReview.submittedBy")}>
              {listing.submittedBy.name}（<a href={`mailto:${listing.submittedBy.email}`}>{listing.submittedBy.email}</a>）
            </Fact>
          ) : null}
          {listing.reviewedAt ? <Fact label={t("listingReview.reviewedAt")}>{listing.reviewedAt}</Fact> : null}
          {listing.publishedAt ? <Fact label={t("listingReview.publishedAt")}>{listing.publishedAt}</Fact> : null}
          {listing.reviewNote ? <Fact label={t("listingReview.reviewNote")}>{listing.reviewNote}</Fact> : null}
        </dl>
      </section>

      <section aria-labelledby="review-changes-title" className="card">
        <h2 id="review-changes-title">{t("listingReview.changesTitle")}</h2>
        {diff.first ? (
          <p>{t("listingReview.firstSubmission")}</p>
        ) : diff.changes.length === 0 ? (
          <p>{t("listingReview.noChanges")}</p>
        ) : (
          <div className="table-wrap">
            <DataTable>
              <caption className="visually-hidden">{t("listingReview.changesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("listingReview.change.field")}</th>
                  <th scope="col">{t("listingReview.change.before")}</th>
                  <th scope="col">{t("listingReview.change.after")}</th>
                </tr>
              </thead>
              <tbody>
                {diff.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{fieldLabel(t, c.field)}</th>
                    <td>{formatValue(t, c.field, c.before)}</td>
                    <td>{formatValue(t, c.field, c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        )}
      </section>

      <section aria-labelledby="review-content-title" className="card">
        <h2 id="review-content-title">{t("listingReview.contentTitle")}</h2>
        <dl className="facts">
          <Fact label={t("listingReview.col.kind")}>{kind}</Fact>
          <Fact label={t("listings.field.industry")}>{listing.industry ? formatValue(t, "industry", listing.industry) : none}</Fact>
          <Fact label={t("listings.field.location")}>{listing.location ? formatValue(t, "location", listing.location) : none}</Fact>
          <Fact label={t("listings.field.majors")}>
            {listing.majors.length
              ? listing.majors.map((m) => (
                  <span key={m} className="tag">
                    {m}
                  </span>
                ))
              : none}
          </Fact>
          <Fact label={t("listings.field.skills")}>
            {listing.skills.length
              ? listing.skills.map((s) => (
                  <span key={s} className="tag">
                    {s}
                  </span>
                ))
              : none}
          </Fact>
          <Fact label={t("listings.field.validUntil")}>{listing.validUntil}</Fact>
        </dl>
        <h3>{t("listings.field.description")}</h3>
        <Paragraphs text={listing.description} />
        <h3>{t("listingReview.detailsTitle", { kind })}</h3>
        <ListingDetails kind={listing.kind} details={listing.details} />
      </section>

      <section aria-labelledby="review-contacts-title" className="card">
        <h2 id="review-contacts-title">{t("listingReview.contactsTitle")}</h2>
        <dl className="facts">
          <Fact label={t("listings.field.contactName")}>{listing.contactName || none}</Fact>
          <Fact label={t("listings.field.contactPhone")}>{listing.contactPhone || none}</Fact>
          <Fact label={t("listings.field.contactEmail")}>
            {listing.contactEmail ? <a href={`mailto:${listing.contactEmail}`}>{listing.contactEmail}</a> : none}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="review-org-title" className="card">
        <h2 id="review-org-title">{t("listingReview.organizationTitle")}</h2>
        <dl className="facts">
          <Fact label={t("listingReview.orgName")}>
            <Link to={`/admin/organizations/${organization.id}`}>{organization.name}</Link>
          </Fact>
          <Fact label={t("listingReview.orgKind")}>{t(`orgKind.${organization.kind}`)}</Fact>
          <Fact label={t("listingReview.orgStatus")}>
            <span className={`status status-${organization.status}`}>{t(`org.status.${organization.status}`)}</span>
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="review-history-title" className="card">
        <h2 id="review-history-title">{t("listingReview.historyTitle")}</h2>
        {decisions.length === 0 ? (
          <p className="muted">{t("listingReview.historyEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <DataTable>
              <caption className="visually-hidden">{t("listingReview.historyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("listingReview.history.at")}</th>
                  <th scope="col">{t("listingReview.history.decision")}</th>
                  <th scope="col">{t("listingReview.history.reviewer")}</th>
                  <th scope="col">{t("listingReview.history.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {decisions.map((d) => {
                  const key = `listingReview.history.${d.action}`;
                  return (
                    <tr key={d.id}>
                      <td>{d.at}</td>
                      <td>{isMessageKey(key) ? t(key) : d.action}</td>
                      <td>{d.reviewer ?? "—"}</td>
                      <td>{d.reason ?? "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
          </div>
        )}
      </section>

      {listing.status === "submitted" ? (
        <section aria-labelledby="review-decide-title">
          <h2 id="review-decide-title">{t("listingReview.decideTitle")}</h2>
          <div className="cards">
            <ApproveForm />
            <RejectForm />
          </div>
        </section>
      ) : null}
    </article>
  );
}
