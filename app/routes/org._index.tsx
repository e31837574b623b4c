import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  contactsView,
  OrganizationContacts,
  OrganizationDescription,
  OrganizationFacts,
  privateView,
  profileView,
} from "~/components/organization-profile.tsx";
import { useT, type MessageKey, metaTranslator } from "~/i18n/index.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { formatDateTime } from "~/utils/dates.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("org.pageTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const o = actor.organization;
  const url = new URL(request.url);
  const notice: MessageKey | null = url.searchParams.get("registered")
    ? "auth.registered"
    : url.searchParams.get("resubmitted")
      ? "org.resubmitted"
      : url.searchParams.get("saved")
        ? "org.saved"
        : null;
  return {
    organization: {
      id: o.id,
      name: o.name,
      status: o.status,
      reviewNote: o.review_note,
      reviewedAt: formatDateTime(o.reviewed_at),
    },
    profile: profileView(o),
    contacts: contactsView(o),
    extra: privateView(o),
    isAdmin: actor.user.org_role === "admin",
    notice,
  };
}

export default function OrganizationHome() {
  const { organization, profile, contacts, extra, isAdmin, notice } = useLoaderData<typeof loader>();
  const t = useT();
  const { status } = organization;
  return (
    <section aria-labelledby="org-title" className="page-stack">
      <h1 id="org-title">{organization.name}</h1>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {t(notice)}
        </div>
      ) : null}

      <section aria-labelledby="org-status-title" className="card">
        <h2 id="org-status-title">
          {t("org.statusLabel")}：<span className={`status status-${status}`}>{t(`org.status.${status}`)}</span>
        </h2>
        {status === "pending" ? <p>{t("org.pendingText")}</p> : null}
        {status === "verified" ? <p>{t("org.verifiedText")}</p> : null}
        {status === "rejected" || status === "suspended" ? (
          <>
            <p>{t(status === "rejected" ? "org.rejectedText" : "org.suspendedText")}</p>
            {organization.reviewNote ? (
              <div className="alert alert-error" data-testid="review-note">
                <strong>{t("org.reviewNote")}：</strong>
                {organization.reviewNote}
                {organization.reviewedAt ? <span className="muted">（{organization.reviewedAt}）</span> : null}
              </div>
            ) : null}
            {isAdmin ? (
              <p>
                <Link to="/org/edit" className="btn">
                  {t(status === "rejected" ? "org.fixAndResubmit" : "org.edit")}
                </Link>
              </p>
            ) : (
              <p className="muted">{t("org.askAdmin")}</p>
            )}
          </>
        ) : null}
      </section>

      <nav aria-label={t("org.actions")} className="actions">
        {isAdmin ? <Link to="/org/edit">{t("org.edit")}</Link> : null}
        <Link to="/org/members">{t("org.members")}</Link>
        {status === "verified" ? <Link to={`/orgs/${organization.id}`}>{t("org.publicPage")}</Link> : null}
      </nav>

      <section aria-labelledby="org-profile-title" className="card">
        <h2 id="org-profile-title">{t("org.profileTitle")}</h2>
        <OrganizationFacts profile={profile} extra={extra} />
        <h3>{t("org.description")}</h3>
        <OrganizationDescription text={profile.description} />
      </section>

      <section aria-labelledby="org-contacts-title" className="card">
        <h2 id="org-contacts-title">{t("org.contactsTitle")}</h2>
        <OrganizationContacts contacts={contacts} />
      </section>
    </section>
  );
}
