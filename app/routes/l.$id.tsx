import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { kindLabel, ListingDetails } from "~/components/listing-details.tsx";
import { useNonce } from "~/components/nonce.tsx";
import { SimilarListings } from "~/components/recommendations.tsx";
import { appDb } from "~/db.server.ts";
import { useT, labelFor } from "~/i18n/index.ts";
import { getPublicListing } from "~/models/listing-views.server.ts";
import { similarToListing } from "~/models/recommendations.server.ts";
import { canRespondToListing, canSeeContacts, getActor, notFound } from "~/models/policy.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { CertificationBadges } from "~/components/certification.tsx";
import { badgesOf } from "~/models/certification/directory.server.ts";
import { jobPostingJsonLd } from "~/utils/listing-json-ld.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "产教通" }];
  const title = `${data.listing.title} · ${data.organization.name} · 产教通`;
  const description = data.listing.description.replace(/\s+/g, " ").trim().slice(0, 120);
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: data.listing.title },
    { property: "og:description", content: description },
    { property: "og:type", content: "article" },
  ];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [actor, listing] = await Promise.all([getActor(request), getPublicListing(appDb(), uuidParam(params))]);
  if (!listing) throw notFound();
  const [similar, certifications] = await Promise.all([
    // Task 56: similar listings from the search index; a note (never an error) when search is unavailable.
    similarToListing(listing.id),
    // Certificates in force of the publishing organisation, shown as badges.
    badgesOf(appDb(), listing.organization.id),
  ]);
  return {
    certifications,
    listing: {
      id: listing.id,
      kind: listing.kind,
      title: listing.title,
      description: listing.description,
      industry: listing.industry,
      location: listing.location,
      majors: listing.majors,
      skills: listing.skills,
      validUntil: listing.valid_until,
      publishedAt: formatDate(listing.published_at),
      details: listing.details,
    },
    organization: { id: listing.organization.id, name: listing.organization.name },
    // Never sent to the browser unless the viewer may see it.
    contacts: canSeeContacts(actor)
      ? { name: listing.contact_name, phone: listing.contact_phone, email: listing.contact_email }
      : null,
    signedIn: Boolean(actor),
    // Training packages can be ordered by other organisations (task 30, /l/$id/order).
    canOrder: listing.kind === "training_package" && actor?.user.organization_id !== listing.organization.id,
    similar,
    // Members of verified organisations may respond to another organisation's listing.
    canRespond: canRespondToListing(actor, { kind: listing.kind, organizationId: listing.organization_id }),
  };
}

export default function PublicListing() {
  const { listing, organization, contacts, signedIn, canOrder, similar, canRespond, certifications } = useLoaderData<typeof loader>();
  const t = useT();
  const nonce = useNonce();
  const none = <span className="muted">{t("listings.public.notGiven")}</span>;
  const locationLabel = listing.location ? labelFor(t, "location", listing.location) : null;
  const paragraphs = listing.description
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <article aria-labelledby="listing-title" className="page-stack">
      {listing.kind === "internship" ? (
        <script
          type="application/ld+json"
          nonce={nonce}
          suppressHydrationWarning
          // JSON, not HTML: jobPostingJsonLd escapes "<" so the text cannot leave the script element.
          dangerouslySetInnerHTML={{
            __html: jobPostingJsonLd({
              title: listing.title,
              description: listing.description,
              publishedAt: listing.publishedAt,
              validUntil: listing.validUntil,
              organizationName: organization.name,
              locationLabel,
              monthlyPay: (listing.details as Record<string, unknown>).monthlyPay,
            }),
          }}
        />
      ) : null}
      <header>
        <p>
          <span className="tag">{kindLabel(t, listing.kind)}</span>
        </p>
        <h1 id="listing-title">{listing.title}</h1>
        <p>
          {t("listings.public.organization")}：<Link to={`/orgs/${organization.id}`}>{organization.name}</Link> <CertificationBadges badges={certifications} />
        </p>
      </header>

      <section aria-labelledby="listing-facts" className="card">
        <h2 id="listing-facts">{t("listings.public.facts")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("listings.public.kind")}</dt>
            <dd>{kindLabel(t, listing.kind)}</dd>
          </div>
          <div>
            <dt>{t("listings.public.industry")}</dt>
            <dd>{listing.industry ? labelFor(t, "industry", listing.industry) : none}</dd>
          </div>
          <div>
            <dt>{t("listings.public.location")}</dt>
            <dd>{locationLabel ?? none}</dd>
          </div>
          <div>
            <dt>{t("listings.public.majors")}</dt>
            <dd>
              {listing.majors.length
                ? listing.majors.map((m) => (
                    <span key={m} className="tag">
                      {m}
                    </span>
                  ))
                : none}
            </dd>
          </div>
          <div>
            <dt>{t("listings.public.skills")}</dt>
            <dd>
              {listing.skills.length
                ? listing.skills.map((s) => (
                    <span key={s} className="tag">
                      {s}
                    </span>
                  ))
                : none}
            </dd>
          </div>
          <div>
            <dt>{t("listings.public.validUntil")}</dt>
            <dd>
              <time dateTime={listing.validUntil}>{listing.validUntil}</time>
            </dd>
          </div>
          <div>
            <dt>{t("listings.public.publishedAt")}</dt>
            <dd>{listing.publishedAt ? <time dateTime={listing.publishedAt}>{listing.publishedAt}</time> : none}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="listing-description" className="card">
        <h2 id="listing-description">{t("listings.public.description")}</h2>
        {paragraphs.map((p, i) => (
          <p key={i} className="preserve-lines">
            {p}
          </p>
        ))}
      </section>

      <section aria-labelledby="listing-details" className="card">
        <h2 id="listing-details">{t("listings.public.details")}</h2>
        <ListingDetails kind={listing.kind} details={listing.details as Record<string, unknown>} />
        {canOrder ? (
          <p>
            <Link to={`/l/${listing.id}/order`} className="btn">
              {t("orders.order")}
            </Link>
            {signedIn ? null : <span className="muted"> {t("orders.orderLoginHint")}</span>}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="listing-contacts" className="card">
        <h2 id="listing-contacts">{t("listings.public.contacts")}</h2>
        {contacts ? (
          <dl className="facts">
            <div>
              <dt>{t("listings.field.contactName")}</dt>
              <dd>{contacts.name ?? none}</dd>
            </div>
            <div>
              <dt>{t("listings.field.contactPhone")}</dt>
              <dd>{contacts.phone ? <a href={`tel:${contacts.phone}`}>{contacts.phone}</a> : none}</dd>
            </div>
            <div>
              <dt>{t("listings.field.contactEmail")}</dt>
              <dd>{contacts.email ? <a href={`mailto:${contacts.email}`}>{contacts.email}</a> : none}</dd>
            </div>
          </dl>
        ) : (
          <p>
            {t("listings.public.loginToSee")}
            {signedIn ? null : (
              <>
                {" "}
                <Link to={`/login?redirectTo=${encodeURIComponent(`/l/${listing.id}`)}`}>{t("nav.login")}</Link>
              </>
            )}
          </p>
        )}
      </section>

      {canRespond ? (
        <section aria-labelledby="listing-respond" className="card">
          <h2 id="listing-respond">{t("responses.respond.button")}</h2>
          <p className="muted">{t("responses.respond.buttonHint")}</p>
          <Link to={`/l/${listing.id}/respond`} className="btn">
            {t("responses.respond.button")}
          </Link>
        </section>
      ) : null}

      <SimilarListings state={similar} />
    </article>
  );
}
