import type { ListingKind } from "../domain/listing-kinds.ts";
import { createTranslator } from "../i18n/index.ts";
import type { ListingError } from "../models/listing.server.ts";
import { forbidden, notFound, type OrgActor } from "../models/policy.server.ts";
import { fieldError, formError } from "./forms.server.ts";

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

/**
 * A model refusal as the form's answer: field messages where a field is at fault, a form message otherwise,
 * always with what was typed; unknown or foreign ids throw 404 and a kind the organisation may not publish 403.
 */
export function listingFailure(actor: OrgActor, kind: ListingKind, formData: FormData, error: ListingError) {
  switch (error) {
    case "validUntilPast":
      return fieldError(formData, "validUntil", "validation.validUntilPast");
    case "validUntilTooFar":
      return fieldError(formData, "validUntil", "validation.validUntilTooFar");
    case "organizationNotVerified":
      return formError(formData, "listings.error.notVerified", 409);
    case "wrongStatus":
      return formError(formData, "listings.error.wrongStatus", 409);
    case "kindNotAllowed":
      throw kindNotAllowed(actor, kind);
    case "notFound":
      throw notFound();
  }
}

/** The submit buttons' intent; anything else counts as saving a draft. */
export function intentOf(formData: FormData): "save" | "submit" | "close" {
  const intent = formData.get("intent");
  return intent === "submit" || intent === "close" ? intent : "save";
}
