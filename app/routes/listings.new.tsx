import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useSchemaForm } from "~/components/form.tsx";
import { ListingForm } from "~/components/listing-form.tsx";
import { appDb } from "~/db.server.ts";
import { canPublishKind, type ListingKind } from "~/domain/listing-kinds.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { createListing } from "~/models/listing.server.ts";
import { notFound, requireOrgMember, type OrgActor } from "~/models/policy.server.ts";
import { listingKindSchema, listingSchemaFor, splitListingInput } from "~/schemas/listing.ts";
import { addDays, todayInChina } from "~/utils/dates.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";
import { intentOf, kindNotAllowed, listingFailure } from "~/utils/listing-actions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${data ? t("listings.newTitle", { kind: t(`listingKind.${data.kind}`) }) : t("listings.pageTitle")} · 产教通` }];
};

/** The kind from ?kind=: unknown kinds are 404, kinds this organisation may not publish a clear 403. */
function kindFrom(request: Request, actor: OrgActor): ListingKind {
  const parsed = listingKindSchema.safeParse(new URL(request.url).searchParams.get("kind"));
  if (!parsed.success) throw notFound();
  if (!canPublishKind(actor.organization.kind, parsed.data)) throw kindNotAllowed(actor, parsed.data);
  return parsed.data;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const kind = kindFrom(request, actor);
  const o = actor.organization;
  return {
    kind,
    verified: o.status === "verified",
    // A new listing starts with the organisation's own contacts and place, valid for three months.
    defaults: {
      industry: o.industry ?? "",
      location: o.location ?? "",
      validUntil: addDays(todayInChina(), 90),
      contactName: o.contact_name ?? "",
      contactPhone: o.contact_phone ?? "",
      contactEmail: o.contact_email ?? "",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request);
  const kind = kindFrom(request, actor);
  const formData = await request.formData();
  const parsed = parseForm(listingSchemaFor(kind), formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const submit = intentOf(formData) === "submit";
  const result = await createListing(appDb(), actor, kind, splitListingInput(kind, parsed.data), { submit });
  if (!result.ok) return listingFailure(actor, kind, formData, result);
  return redirect(`/listings?notice=${result.listing.status}`);
}

export default function NewListing() {
  const { kind, verified, defaults } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const form = useSchemaForm(listingSchemaFor(kind), { feedback, defaults });
  const kindName = t(`listingKind.${kind}`);
  return (
    <section aria-labelledby="listing-new-title" className="page-stack">
      <h1 id="listing-new-title">{t("listings.newTitle", { kind: kindName })}</h1>
      <p className="muted">{t(`listings.kindIntro.${kind}`)}</p>
      {verified ? null : (
        <div className="alert" role="note">
          {t("listings.pendingOrg")}
        </div>
      )}
      <ListingForm
        key={kind}
        kind={kind}
        form={form}
        feedback={feedback}
        labelledBy="listing-new-title"
        buttons={[
          { intent: "save", label: t("listings.save") },
          { intent: "submit", label: t("listings.submit"), primary: true },
        ]}
      />
    </section>
  );
}
