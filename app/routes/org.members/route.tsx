import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { appDb } from "~/db.server.ts";
import { messageOrText, useT, metaTranslator } from "~/i18n/index.ts";
import { listMembers } from "~/models/membership.server.ts";
import { listInvitations } from "~/models/invitation.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { orgRoles } from "~/schemas/membership.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { membersAction } from "./actions.server.ts";
import { ConfirmRemoval, InvitationList, InviteForm, MemberList } from "./forms.tsx";

const shownTime = (value: Date | null) => formatDateTime(value) || null;

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("members.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const db = appDb();
  const isAdmin = actor.user.org_role === "admin";
  const members = await listMembers(db, actor.organization.id);
  const invitations = isAdmin ? await listInvitations(db, actor.organization.id) : [];
  const removeId = new URL(request.url).searchParams.get("remove");
  const confirm = isAdmin && removeId ? (members.find((m) => m.id === removeId && m.id !== actor.user.id) ?? null) : null;
  return {
    organizationName: actor.organization.name,
    isAdmin,
    me: actor.user.id,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      role: m.org_role ?? "member",
      disabled: m.status !== "active",
      lastLogin: shownTime(m.last_login_at),
    })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expires: shownTime(i.expires_at) })),
    confirm: confirm ? { id: confirm.id, name: confirm.name, email: confirm.email } : null,
  };
}

export type MembersLoader = typeof loader;

export const action = (args: ActionFunctionArgs) => membersAction(args);

export default function Members() {
  const { organizationName, isAdmin, me, members, invitations, confirm } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const refusal = result && !result.ok ? result : null;
  const inviteFeedback = refusal?.values.intent === "invite" ? refusal : null;
  const roleOptions = orgRoles.map((r) => ({ value: r, label: t(`members.role.${r}`) }));
  const message = (key: string | undefined) => (key ? messageOrText(t, key) : "");

  return (
    <section aria-labelledby="members-title" className="stack">
      <p>
        <Link to="/org">{organizationName}</Link>
      </p>
      <h1 id="members-title">{t("members.title")}</h1>
      <p className="muted">{isAdmin ? t("members.intro") : t("members.readOnly")}</p>

      {result?.ok ? (
        <div className="alert alert-ok" role="status">
          <p>{t(result.message, result.vars)}</p>
          {result.link ? (
            <div className="field">
              <label htmlFor="invite-link">{t("members.inviteLink")}</label>
              <input id="invite-link" type="text" readOnly value={result.link} aria-describedby="invite-link-hint" />
              <p className="field-hint" id="invite-link-hint">
                {t("members.inviteLinkOnce")}
              </p>
            </div>
          ) : null}
        </div>
      ) : null}
      {refusal && !inviteFeedback ? (
        <div className="alert alert-error" role="alert">
          {message(refusal.formError ?? Object.values(refusal.fieldErrors)[0])}
        </div>
      ) : null}

      {confirm ? <ConfirmRemoval member={confirm} /> : null}
      <MemberList members={members} me={me} isAdmin={isAdmin} roleOptions={roleOptions} />
      {isAdmin ? (
        <>
          <InvitationList invitations={invitations} />
          <InviteForm feedback={inviteFeedback} roleOptions={roleOptions} />
        </>
      ) : null}
    </section>
  );
}
