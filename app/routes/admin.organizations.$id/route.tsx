import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form.tsx";
import {
  contactsView,
  OrganizationContacts,
  OrganizationDescription,
  OrganizationFacts,
  privateView,
  profileView,
} from "~/components/organization-profile.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { getOrganization } from "~/models/organization.server.ts";
import { getRegisteringAdmin, listOrganizationHistory } from "~/models/organization-review.server.ts";
import { notFound, requirePermission } from "~/models/policy.server.ts";
import { allowedIntents, reviewIntents, type ReviewIntent } from "~/schemas/organization-review.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { uuidParam } from "~/http/params.server.ts";
import { reviewDecisionAction } from "./actions.server.ts";
import { IdentityDecision, PlainDecision, ReasonForm, ReviewHistory } from "./forms.tsx";
import { IdentityDiff } from "~/components/identity-change.tsx";
import { getPendingIdentityChange, identityChangeView } from "~/models/organization-identity-change.server.ts";
import { listOrganizationDocuments } from "~/models/organization-documents.server.ts";
import { DocumentList } from "~/components/organization-documents.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? `${data.organization.name} · ` : ""}${metaTranslator(matches)("admin.review.title")} · 产教通` },
];


export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:review");
  const db = appDb();
  const organization = await getOrganization(db, uuidParam(params));
  if (!organization) throw notFound();
  const [registrant, history, pendingChange, documents] = await Promise.all([
    getRegisteringAdmin(db, organization.id),
    listOrganizationHistory(db, organization.id),
    getPendingIdentityChange(db, organization.id),
    listOrganizationDocuments(db, organization.id),
  ]);
  const url = new URL(request.url);
  const decided = url.searchParams.get("decided");
  const identity = url.searchParams.get("identity");
  return {
    organization: {
      id: organization.id,
      name: organization.name,
      status: organization.status,
      reviewNote: organization.review_note,
      reviewedAt: formatDateTime(organization.reviewed_at),
      createdAt: formatDateTime(organization.created_at),
      updatedAt: formatDateTime(organization.updated_at),
    },
    profile: profileView(organization),
    extra: privateView(organization),
    contacts: contactsView(organization),
    registrant,
    history: history.map((h) => ({ ...h, at: formatDateTime(h.at) })),
    intents: allowedIntents(organization.status),
    decided: (reviewIntents as readonly string[]).includes(decided ?? "") ? (decided as ReviewIntent) : null,
    pendingChange: pendingChange ? identityChangeView(pendingChange, formatDateTime) : null,
    documents: documents.map((d) => ({ id: d.id, fileName: d.fileName, uploadedAt: formatDateTime(d.uploadedAt) })),
    identityDone: identity === "approve" ? ("approve" as const) : identity === "reject" ? ("reject" as const) : null,
  };
}

export type ReviewLoader = typeof loader;

export const action = (args: ActionFunctionArgs) => reviewDecisionAction(args);

export default function ReviewOrganization() {
  const { organization, profile, extra, contacts, registrant, history, intents, decided, pendingChange, identityDone, documents } =
    useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const { status } = organization;
  return (
    <article aria-labelledby="review-title" className="page-stack">
      <p>
        <Link to="/admin/organizations">{t("admin.review.backToQueue")}</Link>
      </p>
      <h1 id="review-title">{organization.name}</h1>
      {decided ? (
        <div className="alert alert-ok" role="status">
          {t(`admin.review.done.${decided}`)}
        </div>
      ) : null}
      {identityDone ? (
        <div className="alert alert-ok" role="status">
          {t(`identityChange.done.${identityDone}`)}
        </div>
      ) : null}
      {feedback?.formError ? <FormAlert feedback={feedback} /> : null}

      {pendingChange ? (
        <section aria-labelledby="identity-review-title" className="card">
          <h2 id="identity-review-title">{t("identityChange.reviewTitle")}</h2>
          <p className="muted">
            {t("identityChange.requestedAt")}：{pendingChange.createdAt}。{t("identityChange.reviewHint")}
          </p>
          <IdentityDiff change={pendingChange} captionId="identity-review-title" />
          <div className="cards">
            <IdentityDecision intent="approveIdentity" changeId={pendingChange.id} feedback={feedback} />
            <IdentityDecision intent="rejectIdentity" changeId={pendingChange.id} feedback={feedback} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="review-status-title" className="card">
        <h2 id="review-status-title">
          {t("admin.queue.status")}：<span className={`status status-${status}`}>{t(`org.status.${status}`)}</span>
        </h2>
        <dl className="facts">
          <div>
            <dt>{t("admin.queue.registeredAt")}</dt>
            <dd>{organization.createdAt}</dd>
          </div>
          <div>
            <dt>{t("admin.review.updatedAt")}</dt>
            <dd>{organization.updatedAt}</dd>
          </div>
          {organization.reviewedAt ? (
            <div>
              <dt>{t("admin.queue.reviewedAt")}</dt>
              <dd>{organization.reviewedAt}</dd>
            </div>
          ) : null}
          {organization.reviewNote ? (
            <div>
              <dt>{t("org.reviewNote")}</dt>
              <dd>{organization.reviewNote}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("admin.review.registrant")}</dt>
            <dd>
              {registrant ? (
                <>
                  {registrant.name}（<a href={`mailto:${registrant.email}`}>{registrant.email}</a>）
                </>
              ) : (
                <span className="muted">{t("org.notGiven")}</span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="review-documents-title" className="card" data-testid="review-documents">
        <h2 id="review-documents-title">{t("org.documents.title")}</h2>
        <DocumentList documents={documents} empty={t("org.documents.reviewMissing")} />
      </section>

      <section aria-labelledby="review-decide-title">
        <h2 id="review-decide-title">{t("admin.review.decisions")}</h2>
        {intents.length === 0 ? <p className="muted">{t("admin.review.noDecisions")}</p> : null}
        <div className="cards">
          {intents.includes("verify") ? <PlainDecision intent="verify" /> : null}
          {intents.includes("reject") ? <ReasonForm intent="reject" feedback={feedback} /> : null}
          {intents.includes("suspend") ? <ReasonForm intent="suspend" feedback={feedback} /> : null}
          {intents.includes("reinstate") ? <PlainDecision intent="reinstate" /> : null}
        </div>
      </section>

      <section aria-labelledby="review-profile-title" className="card">
        <h2 id="review-profile-title">{t("org.profileTitle")}</h2>
        <OrganizationFacts profile={profile} extra={extra} />
        <h3>{t("org.description")}</h3>
        <OrganizationDescription text={profile.description} />
      </section>

      <section aria-labelledby="review-contacts-title" className="card">
        <h2 id="review-contacts-title">{t("org.contactsTitle")}</h2>
        <OrganizationContacts contacts={contacts} />
      </section>

      <ReviewHistory history={history} />
    </article>
  );
}
