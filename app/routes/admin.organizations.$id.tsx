import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SchemaForm, useSchemaForm } from "~/components/form.tsx";
import {
  contactsView,
  OrganizationContacts,
  OrganizationDescription,
  OrganizationFacts,
  privateView,
  profileView,
} from "~/components/organization-profile.tsx";
import { appDb } from "~/db.server.ts";
import { createTranslator, isMessageKey, useT, type MessageKey } from "~/i18n/index.ts";
import {
  getOrganization,
  getRegisteringAdmin,
  listOrganizationHistory,
  reviewOrganization,
} from "~/models/organization.server.ts";
import { forbidden, notFound, requirePermission } from "~/models/policy.server.ts";
import {
  allowedIntents,
  reviewDecisionSchema,
  reviewIntents,
  type ReviewIntent,
} from "~/schemas/organization-review.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { fieldError, formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.organization.name} · ` : ""}${createTranslator()("admin.review.title")} · 产教通` },
];


export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:review");
  const db = appDb();
  const organization = await getOrganization(db, uuidParam(params));
  if (!organization) throw notFound();
  const [registrant, history] = await Promise.all([
    getRegisteringAdmin(db, organization.id),
    listOrganizationHistory(db, organization.id),
  ]);
  const decided = new URL(request.url).searchParams.get("decided");
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
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const formData = await request.formData();
  const parsed = parseForm(reviewDecisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const { intent, reason } = parsed.data;
  const result = await reviewOrganization(appDb(), actor, uuidParam(params), intent, reason, { ip: context.clientIp });
  if (!result.ok) {
    switch (result.reason) {
      case "not_found":
        throw notFound();
      case "forbidden":
        throw forbidden();
      case "invalid_transition":
        return formError(formData, "admin.review.staleStatus", 409);
      case "reason_required":
        return fieldError(formData, "reason", "admin.review.reasonRequired");
      case "reason_invalid":
        return fieldError(formData, "reason", "admin.review.reasonTooShort");
    }
  }
  return redirect(`/admin/organizations/${result.organization.id}?decided=${intent}`);
}

const historyLabel = (action: string): MessageKey | null => {
  const key = `admin.history.${action}`;
  return isMessageKey(key) ? key : null;
};

function ReasonForm({ intent }: { intent: "reject" | "suspend" }) {
  const t = useT();
  const feedback = useActionData<typeof action>();
  // Messages about the whole page (a decision that no longer fits) are shown once, above.
  const own = feedback && feedback.values?.intent === intent ? { ...feedback, formError: undefined } : null;
  const form = useSchemaForm(reviewDecisionSchema, { feedback: own, defaults: { intent } });
  const titleId = `review-${intent}-title`;
  return (
    <section aria-labelledby={titleId} className="card">
      <h3 id={titleId}>{t(`admin.review.${intent}Title`)}</h3>
      <SchemaForm form={form} feedback={own} aria-labelledby={titleId}>
        <input type="hidden" defaultValue={intent} {...form.register("intent")} />
        <Field
          form={form}
          name="reason"
          control="textarea"
          label={t(`admin.review.${intent}Reason`)}
          hint={t("admin.review.reasonHint")}
          required
        />
        <div>
          <button type="submit" className="btn-danger">
            {t(`admin.review.${intent}`)}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}

function PlainDecision({ intent }: { intent: "verify" | "reinstate" }) {
  const t = useT();
  return (
    <section aria-labelledby={`review-${intent}-title`} className="card">
      <h3 id={`review-${intent}-title`}>{t(`admin.review.${intent}Title`)}</h3>
      <p className="muted">{t(`admin.review.${intent}Hint`)}</p>
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        <button type="submit">{t(`admin.review.${intent}`)}</button>
      </Form>
    </section>
  );
}

export default function ReviewOrganization() {
  const { organization, profile, extra, contacts, registrant, history, intents, decided } = useLoaderData<typeof loader>();
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
      {feedback?.formError ? <FormAlert feedback={feedback} /> : null}

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

      <section aria-labelledby="review-decide-title">
        <h2 id="review-decide-title">{t("admin.review.decisions")}</h2>
        {intents.length === 0 ? <p className="muted">{t("admin.review.noDecisions")}</p> : null}
        <div className="cards">
          {intents.includes("verify") ? <PlainDecision intent="verify" /> : null}
          {intents.includes("reject") ? <ReasonForm intent="reject" /> : null}
          {intents.includes("suspend") ? <ReasonForm intent="suspend" /> : null}
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

      <section aria-labelledby="review-history-title" className="card">
        <h2 id="review-history-title">{t("admin.review.history")}</h2>
        {history.length === 0 ? (
          <p className="muted">{t("admin.review.historyEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.review.historyAt")}</th>
                  <th scope="col">{t("admin.review.historyAction")}</th>
                  <th scope="col">{t("admin.review.historyActor")}</th>
                  <th scope="col">{t("admin.review.historyReason")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => {
                  const label = historyLabel(h.action);
                  return (
                    <tr key={h.id}>
                      <td>{h.at}</td>
                      <td>{label ? t(label) : h.action}</td>
                      <td>{h.actorName ?? "—"}</td>
                      <td>{h.reason ?? "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
