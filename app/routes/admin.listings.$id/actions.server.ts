import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { reviewListing } from "~/models/listing.server.ts";
import { notFound, requirePermission } from "~/models/policy.server.ts";
import { listingDecisionSchema } from "~/schemas/listing-review.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

/** Approving or rejecting a submitted listing; a listing decided meanwhile by someone else is a stale status. */
export async function reviewPageAction({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const formData = await request.formData();
  const parsed = parseForm(listingDecisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const decision = parsed.data;
  const result = await reviewListing(
    appDb(),
    actor,
    uuidParam(params),
    decision.intent === "approve" ? { approve: true } : { approve: false, reason: decision.reason },
    { ip: context.clientIp },
  );
  if (!result.ok) {
    if (result.code === "notFound") throw notFound();
    return formError(formData, "listingReview.staleStatus", 409);
  }
  return redirect(`/admin/listings/${result.listing.id}?decided=${decision.intent}`);
}
