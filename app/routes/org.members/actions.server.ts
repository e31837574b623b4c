import type { ActionFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { refused } from "~/domain/refusal.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { createTranslator, type MessageKey } from "~/i18n/index.ts";
import { mailLink, sendMail } from "~/models/mailer.server.ts";
import { changeMemberRole, membershipRefusals, removeMember } from "~/models/membership.server.ts";
import { inviteMember, revokeInvitation } from "~/models/invitation.server.ts";
import { requireOrgMember, type OrgActor } from "~/models/policy.server.ts";
import { hitRateLimit } from "~/models/rate-limit.server.ts";
import { memberActionSchema, type MemberAction } from "~/schemas/membership.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

// Invitations per organisation and hour: enough for onboarding a department, not for mass mailing.
const INVITES_PER_HOUR = 30;

type Intent = MemberAction["intent"];

interface Step<I extends Intent> {
  actor: OrgActor;
  input: Extract<MemberAction, { intent: I }>;
  formData: FormData;
  meta: { ip: string | null | undefined };
}

function done(intent: Intent, message: MessageKey, vars: Record<string, string> = {}, extra: { link?: string } = {}) {
  return { ok: true as const, intent, message, vars, ...extra };
}

async function invite({ actor, input, formData, meta }: Step<"invite">) {
  const db = appDb();
  const t = createTranslator();
  const limit = await hitRateLimit(db, `invite:${actor.organization.id}`, INVITES_PER_HOUR, 3600);
  if (!limit.allowed) return formError(formData, "members.inviteRateLimited", 429);
  const result = await inviteMember(db, actor.user, input, meta);
  if (!result.ok) return refusalResponse(formData, membershipRefusals, result);
  const link = mailLink(`/invite/${result.token}`);
  const expires = formatDateTime(result.expiresAt);
  const sent = await sendMail({
    to: result.email,
    subject: t("members.mailSubject", { organization: result.organizationName }),
    text: t("members.mailBody", {
      inviter: actor.user.name,
      role: t(`members.role.${result.role}`),
      organization: result.organizationName,
      expires,
      link,
    }),
  });
  return done("invite", sent.delivered ? "members.invited" : "members.invitedNoMail", { email: result.email, expires }, { link });
}

async function changeRole({ actor, input, formData, meta }: Step<"role">) {
  const result = await changeMemberRole(appDb(), actor.user, input.userId, input.role, meta);
  if (!result.ok) return refusalResponse(formData, membershipRefusals, result);
  const role = createTranslator()(`members.role.${input.role}`);
  return done("role", result.changed ? "members.roleChanged" : "members.roleUnchanged", { name: result.user.name, role });
}

async function remove({ actor, input, formData, meta }: Step<"remove">) {
  const result = await removeMember(appDb(), actor.user, input.userId, meta);
  if (!result.ok) return refusalResponse(formData, membershipRefusals, result);
  return done("remove", "members.removed", { name: result.user.name });
}

async function revoke({ actor, input, formData, meta }: Step<"revoke">) {
  const result = await revokeInvitation(appDb(), actor.user, input.invitationId, meta);
  if (!result.ok) return refusalResponse(formData, membershipRefusals, result);
  return done("revoke", "members.revoked", { email: result.email });
}

/** The members page's one action, for the organisation's administrators: the intent picks the step. */
export async function membersAction({ request, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const formData = await request.formData();
  const parsed = parseForm(memberActionSchema, formData);
  if (!parsed.ok) {
    const { fieldErrors } = parsed.failure;
    // A member or invitation id that is no record id is one that is not there.
    if (fieldErrors.userId || fieldErrors.invitationId) return refusalResponse(formData, membershipRefusals, refused("notFound"));
    if (fieldErrors.intent) return formError(formData, "members.notFound");
    return invalid(parsed.failure);
  }
  const meta = { ip: context.clientIp };
  const input = parsed.data;
  switch (input.intent) {
    case "invite":
      return invite({ actor, input, formData, meta });
    case "role":
      return changeRole({ actor, input, formData, meta });
    case "remove":
      return remove({ actor, input, formData, meta });
    case "revoke":
      return revoke({ actor, input, formData, meta });
  }
}
