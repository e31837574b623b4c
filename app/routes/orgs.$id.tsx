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
import { publicListingsOf } from "~/models/listing-views.server.ts";
import { kindLabel } from "~/components/listing-details.tsx";

/** How many current listings the profile shows; the rest are one click away on the search page. */
const PROFILE_LISTINGS = 10;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organization.name} · 产教通` : "产教通" },
  ...(data ? [{ name: "description", content: data.organization.description.slice(0, 150) }] : []),
];

/**
 * The public profile of a verified organisation. Each part of the page is one key of the loader's
 * answer: its facts, its certificates, what it has on offer now, and its contacts for those who may see them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = appDb();
  const [actor, organization] = await Promise.all([getActor(request), getVerifiedOrganization(db, uuidParam(params))]);
  if (!organization) throw notFound();
  const showContacts = canSeeContacts(actor);
  const [certifications, listings] = await Promise.all([
    // Certificates in force, shown as badges.
    badgesOf(db, organization.id),
    publicListingsOf(db, organization.id, { limit: PROFILE_LISTINGS }),
  ]);
  return {
    certifications,
    listings: listings.listings.map((l) => ({ id: l.id, kind: l.kind, title: l.title, validUntil: l.valid_until })),
    listingTotal: listings.total,
    organization: { id: organization.id, name: organization.name, description: organization.description },
    profile: profileView(organization),
    // Never sent to the browser unless the viewer may see it.
    contacts: showContacts ? contactsView(organization) : null,
    viewer: actor ? ("signed-in" as const) : ("anonymous" as const),
  };
}

export default function PublicOrganization() {
  const { organization, profile, contacts, viewer, certifications, listings, listingTotal } = useLoaderData<typeof loader>();
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

      <section aria-labelledby="public-org-listings" className="card">
        <h2 id="public-org-listings">{t("org.public.listingsTitle")}</h2>
        {listings.length ? (
          <ul className="plain-list">
            {listings.map((l) => (
              <li key={l.id}>
                <span className="tag">{kindLabel(t, l.kind)}</span> <Link to={`/l/${l.id}`}>{l.title}</Link>{" "}
                <span className="muted">{t("org.public.deadline", { date: l.validUntil })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("org.public.listingsEmpty")}</p>
        )}
        {listingTotal > listings.length ? (
          <p>
            <Link to={`/search?org=${organization.id}`}>{t("org.public.listingsAll", { count: listingTotal })}</Link>
          </p>
        ) : null}
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
