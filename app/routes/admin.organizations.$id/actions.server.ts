import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { organizationRefusals } from "~/models/organization.server.ts";
import { reviewOrganization } from "~/models/organization-review.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { reviewDecisionSchema } from "~/schemas/organization-review.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

/**
 * The review page's one action. Its four intents are one step with the intent as its argument (the decision
 * schema checks each intent's reason), so the intent does not pick a function here.
 */
export async function reviewDecisionAction({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const formData = await request.formData();
  const parsed = parseForm(reviewDecisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const { intent, reason } = parsed.data;
  const result = await reviewOrganization(appDb(), actor, uuidParam(params), intent, reason, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, organizationRefusals, result);
  return redirect(`/admin/organizations/${result.organization.id}?decided=${intent}`);
}
