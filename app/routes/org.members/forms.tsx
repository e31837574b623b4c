import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { useT } from "~/i18n/index.ts";
import { inviteSchema } from "~/schemas/membership.ts";
import type { MembersLoader } from "./route.tsx";
import { DataTable } from "~/components/data-table.tsx";

type Loaded = SerializeFrom<MembersLoader>;
type RoleOption = { value: string; label: string };

export function ConfirmRemoval({ member }: { member: NonNullable<Loaded["confirm"]> }) {
  const t = useT();
  return (
    <section aria-labelledby="confirm-title" className="card alert">
      <h2 id="confirm-title">{t("members.confirmTitle")}</h2>
      <p>{t("members.confirmText", { name: member.name, email: member.email })}</p>
      <Form method="post" action="/org/members" className="inline-form">
        <input type="hidden" name="userId" value={member.id} />
        <button type="submit" name="intent" value="remove" className="btn btn-danger">
          {t("members.confirmButton")}
        </button>
      </Form>{" "}
      <Link to="/org/members" className="btn btn-secondary">
        {t("members.cancel")}
      </Link>
    </section>
  );
}

function RoleForm({ member, roleOptions }: { member: Loaded["members"][number]; roleOptions: RoleOption[] }) {
  const t = useT();
  return (
    <Form method="post" action="/org/members" className="member-role-form">
      <input type="hidden" name="userId" value={member.id} />
      <label htmlFor={`role-${member.id}`} className="visually-hidden">
        {t("members.roleFor", { name: member.name })}
      </label>
      <select id={`role-${member.id}`} name="role" defaultValue={member.role}>
        {roleOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>{" "}
      <button type="submit" name="intent" value="role" className="btn-secondary" aria-label={t("members.saveRoleFor", { name: member.name })}>
        {t("members.saveRole")}
      </button>
    </Form>
  );
}

export function MemberList({ members, me, isAdmin, roleOptions }: { members: Loaded["members"]; me: string; isAdmin: boolean; roleOptions: RoleOption[] }) {
  const t = useT();
  return (
    <section aria-labelledby="members-list-title">
      <h2 id="members-list-title">{t("members.listTitle")}</h2>
      <div className="table-wrap">
        <DataTable>
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.email")}</th>
              <th scope="col">{t("members.role")}</th>
              <th scope="col">{t("members.lastLogin")}</th>
              {isAdmin ? <th scope="col">{t("members.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.name}
                  {m.id === me ? t("members.you") : null}
                  {m.disabled ? <span className="status status-suspended"> {t("members.disabled")}</span> : null}
                </th>
                <td>{m.email}</td>
                <td>{isAdmin ? <RoleForm member={m} roleOptions={roleOptions} /> : <span className="tag">{t(`members.role.${m.role}`)}</span>}</td>
                <td>{m.lastLogin ?? <span className="muted">{t("members.neverLoggedIn")}</span>}</td>
                {isAdmin ? (
                  <td>
                    {m.id !== me ? (
                      <Link to={`/org/members?remove=${m.id}`} className="btn btn-danger" aria-label={t("members.removeFor", { name: m.name })}>
                        {t("members.remove")}
                      </Link>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      </div>
    </section>
  );
}

export function InvitationList({ invitations }: { invitations: Loaded["invitations"] }) {
  const t = useT();
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t("members.invitationsTitle")}</h2>
      {invitations.length === 0 ? (
        <p className="muted">{t("members.noInvitations")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <thead>
              <tr>
                <th scope="col">{t("members.invitedEmail")}</th>
                <th scope="col">{t("members.role")}</th>
                <th scope="col">{t("members.expiresAt")}</th>
                <th scope="col">{t("members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.email}</th>
                  <td>{t(`members.role.${i.role}`)}</td>
                  <td>{i.expires}</td>
                  <td>
                    <Form method="post" action="/org/members" className="inline-form">
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button type="submit" name="intent" value="revoke" className="btn-secondary" aria-label={t("members.revokeFor", { email: i.email })}>
                        {t("members.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}

export function InviteForm({ feedback, roleOptions }: { feedback: ActionFeedback | null; roleOptions: RoleOption[] }) {
  const t = useT();
  const form = useSchemaForm(inviteSchema, { feedback, defaults: { role: "member" } });
  return (
    <section aria-labelledby="invite-title" className="card narrow">
      <h2 id="invite-title">{t("members.inviteTitle")}</h2>
      <p className="muted">{t("members.inviteHint")}</p>
      <SchemaForm form={form} feedback={feedback} action="/org/members" aria-labelledby="invite-title">
        <Field form={form} name="email" label={t("members.inviteEmail")} type="email" autoComplete="off" required />
        <Field form={form} name="role" label={t("members.inviteRole")} control="select" options={roleOptions} required />
        <div>
          <SubmitButton name="intent" value="invite">
            {t("members.inviteButton")}
          </SubmitButton>
        </div>
      </SchemaForm>
    </section>
  );
}
