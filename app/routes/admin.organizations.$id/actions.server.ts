import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { organizationRefusals } from "~/models/organization.server.ts";
import { decideIdentityChange, identityChangeRefusals } from "~/models/organization-identity-change.server.ts";
import { reviewOrganization } from "~/models/organization-review.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { identityDecisionSchema, isIdentityDecisionIntent } from "~/schemas/identity-change.ts";
import { reviewDecisionSchema } from "~/schemas/organization-review.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

type StepArgs = ActionFunctionArgs & { formData: FormData; orgId: string };

/**
 * The organisation's status decisions. Its four intents are one step with the intent as its argument (the decision
 * schema checks each intent's reason), so the intent does not pick a function here.
 */
async function statusDecision({ formData, orgId, context, request }: StepArgs) {
  const actor = await requirePermission(request, "staff:review");
  const parsed = parseForm(reviewDecisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const { intent, reason } = parsed.data;
  const result = await reviewOrganization(appDb(), actor, orgId, intent, reason, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, organizationRefusals, result);
  return redirect(`/admin/organizations/${result.organization.id}?decided=${intent}`);
}

/** Approve or reject the pending identity change (task "Identity changes go back to review"). */
async function identityDecision({ formData, orgId, context, request }: StepArgs) {
  const actor = await requirePermission(request, "staff:review");
  const parsed = parseForm(identityDecisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const input = parsed.data;
  const decision = input.intent === "approveIdentity" ? "approve" : "reject";
  const reason = input.intent === "rejectIdentity" ? input.reason : null;
  const change = { orgId, changeId: input.changeId };
  const result = await decideIdentityChange(appDb(), actor, change, decision, reason, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, identityChangeRefusals, result);
  return redirect(`/admin/organizations/${orgId}?identity=${decision}`);
}

/** The review page's one action: the intent says whether the status or the identity change is decided. */
export async function reviewDecisionAction(args: ActionFunctionArgs) {
  await requirePermission(args.request, "staff:review");
  const orgId = uuidParam(args.params);
  const formData = await args.request.formData();
  const stepArgs = { ...args, formData, orgId };
  return isIdentityDecisionIntent(formData.get("intent")) ? identityDecision(stepArgs) : statusDecision(stepArgs);
}
