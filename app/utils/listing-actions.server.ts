import type { ListingKind } from "../domain/listing-kinds.ts";
import { createTranslator } from "../i18n/index.ts";
import { listingRefusals, type ListingError } from "../models/listing.server.ts";
import type { Refused } from "../domain/refusal.ts";
import { refusalResponse } from "../http/refusal.server.ts";
import { forbidden, type OrgActor } from "../models/policy.server.ts";

/** The refusal when an organisation's kind may not publish a kind of listing (task 16, 17, 28, 30, 12–13 rules). */
export function kindNotAllowed(actor: OrgActor, kind: ListingKind): Response {
  const t = createTranslator();
  return forbidden(
    t("listings.error.kindNotAllowed", {
      orgKind: t(`orgKind.${actor.organization.kind}`),
      kind: t(`listingKind.${kind}`),
    }),
  );
}

/** A model refusal as the form's answer; a kind the organisation may not publish is the 403 page naming both kinds. */
export function listingFailure(actor: OrgActor, kind: ListingKind, formData: FormData, refusal: Refused<ListingError>) {
  if (refusal.code === "kindNotAllowed") throw kindNotAllowed(actor, kind);
  return refusalResponse(formData, listingRefusals, refusal);
}

/** The submit buttons' intent; anything else counts as saving a draft. */
export function intentOf(formData: FormData): "save" | "submit" | "close" {
  const intent = formData.get("intent");
  return intent === "submit" || intent === "close" ? intent : "save";
}
