import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  contactsView,
  OrganizationContacts,
  OrganizationDescription,
  OrganizationFacts,
  profileView,
} from "~/components/organization-profile.tsx";
import { appDb } from "~/db.server.ts";
import { useT } from "~/i18n/index.ts";
import { getVerifiedOrganization } from "~/models/organization.server.ts";
import { canSeeContacts, getActor, notFound } from "~/models/policy.server.ts";
import { CertificationBadges } from "~/components/certification.tsx";
import { badgesOf } from "~/models/certification/directory.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organization.name} · 产教通` : "产教通" },
  ...(data ? [{ name: "description", content: data.organization.description.slice(0, 150) }] : []),
];

/**
 * The public profile of a verified organisation. Each part of the page is one key of the loader's
 * answer, so further sections (the organisation's published listings, for instance) are one more
 * query in the Promise.all below and one more key.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = appDb();
  const [actor, organization] = await Promise.all([getActor(request), getVerifiedOrganization(db, uuidParam(params))]);
  if (!organization) throw notFound();
  const showContacts = canSeeContacts(actor);
  // Certificates in force, shown as badges.
  const certifications = await badgesOf(db, organization.id);
  return {
    certifications,
    organization: { id: organization.id, name: organization.name, description: organization.description },
    profile: profileView(organization),
    // Never sent to the browser unless the viewer may see it.
    contacts: showContacts ? contactsView(organization) : null,
    viewer: actor ? ("signed-in" as const) : ("anonymous" as const),
  };
}

export default function PublicOrganization() {
  const { organization, profile, contacts, viewer, certifications } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article aria-labelledby="public-org-title" className="page-stack">
      <header>
        <h1 id="public-org-title">{organization.name}</h1>
        <p>
          <span className="tag">{t(`orgKind.${profile.kind}`)}</span>
          <span className="status status-verified">{t("org.public.verified")}</span>
          <CertificationBadges badges={certifications} />
        </p>
      </header>

      <section aria-labelledby="public-org-facts" className="card">
        <h2 id="public-org-facts">{t("org.public.facts")}</h2>
        <OrganizationFacts profile={profile} />
      </section>

      <section aria-labelledby="public-org-about" className="card">
        <h2 id="public-org-about">{t("org.description")}</h2>
        <OrganizationDescription text={profile.description} />
      </section>

      <section aria-labelledby="public-org-contacts" className="card">
        <h2 id="public-org-contacts">{t("org.contactsTitle")}</h2>
        {contacts ? (
          <OrganizationContacts contacts={contacts} />
        ) : viewer === "anonymous" ? (
          <p>
            {t("org.public.loginToSee")}{" "}
            <Link to={`/login?redirectTo=${encodeURIComponent(`/orgs/${organization.id}`)}`}>{t("nav.login")}</Link>
          </p>
        ) : (
          <p>{t("org.public.verifyToSee")}</p>
        )}
      </section>
    </article>
  );
}
