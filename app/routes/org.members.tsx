import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { createTranslator, isMessageKey, useT, type MessageKey } from "~/i18n/index.ts";
import { mailLink, sendMail } from "~/models/mailer.server.ts";
import {
  changeMemberRole,
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  type Refusal,
} from "~/models/membership.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { hitRateLimit } from "~/models/rate-limit.server.ts";
import { invitationRevokeSchema, inviteSchema, memberRemoveSchema, memberRoleSchema, orgRoles } from "~/schemas/membership.ts";
import { fieldErrorsOf, formValues } from "~/utils/forms.server.ts";

dayjs.extend(utc);
dayjs.extend(timezone);
const chinaTime = (value: Date | string | null) => (value ? dayjs(value).tz("Asia/Shanghai").format("YYYY-MM-DD HH:mm") : null);

// Invitations per organisation and hour: enough for onboarding a department, not for mass mailing.
const INVITES_PER_HOUR = 30;

export const meta: MetaFunction = () => [{ title: `${createTranslator()("members.title")} · 产教通` }];

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
      lastLogin: chinaTime(m.last_login_at),
    })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expires: chinaTime(i.expires_at) })),
    confirm: confirm ? { id: confirm.id, name: confirm.name, email: confirm.email } : null,
  };
}

type Intent = "invite" | "role" | "remove" | "revoke";

function fail(intent: Intent, formData: FormData, status: number, options: { fieldErrors?: Record<string, string>; formError?: string }) {
  return data(
    { ok: false as const, intent, fieldErrors: options.fieldErrors ?? {}, formError: options.formError, values: formValues(formData) },
    { status },
  );
}

function refused(intent: Intent, formData: FormData, refusal: Refusal) {
  return refusal.field
    ? fail(intent, formData, refusal.status, { fieldErrors: { [refusal.field]: refusal.message } })
    : fail(intent, formData, refusal.status, { formError: refusal.message });
}

function done(intent: Intent, message: MessageKey, vars: Record<string, string> = {}, extra: { link?: string } = {}) {
  return { ok: true as const, intent, message, vars, ...extra };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const db = appDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const meta = { ip: context.clientIp };
  const t = createTranslator();

  if (intent === "invite") {
    const parsed = inviteSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return fail(intent, formData, 400, { fieldErrors: fieldErrorsOf(parsed.error) });
    const limit = await hitRateLimit(db, `invite:${actor.organization.id}`, INVITES_PER_HOUR, 3600);
    if (!limit.allowed) return fail(intent, formData, 429, { formError: "members.inviteRateLimited" });
    const result = await inviteMember(db, actor.user, parsed.data, meta);
    if (!result.ok) return refused(intent, formData, result);
    const link = mailLink(`/invite/${result.token}`);
    const expires = chinaTime(result.expiresAt) ?? "";
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
    return done(intent, sent.delivered ? "members.invited" : "members.invitedNoMail", { email: result.email, expires }, { link });
  }

  if (intent === "role") {
    const parsed = memberRoleSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      return fail(intent, formData, errors.userId ? 404 : 400, { formError: errors.userId ?? errors.role });
    }
    const result = await changeMemberRole(db, actor.user, parsed.data.userId, parsed.data.role, meta);
    if (!result.ok) return refused(intent, formData, result);
    const role = t(`members.role.${parsed.data.role}`);
    return done(intent, result.changed ? "members.roleChanged" : "members.roleUnchanged", { name: result.user.name, role });
  }

  if (intent === "remove") {
    const parsed = memberRemoveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return fail(intent, formData, 404, { formError: "members.notFound" });
    const result = await removeMember(db, actor.user, parsed.data.userId, meta);
    if (!result.ok) return refused(intent, formData, result);
    return done(intent, "members.removed", { name: result.user.name });
  }

  if (intent === "revoke") {
    const parsed = invitationRevokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return fail(intent, formData, 404, { formError: "members.notFound" });
    const result = await revokeInvitation(db, actor.user, parsed.data.invitationId, meta);
    if (!result.ok) return refused(intent, formData, result);
    return done(intent, "members.revoked", { email: result.email });
  }

  return fail("role", formData, 400, { formError: "members.notFound" });
}

export default function Members() {
  const { organizationName, isAdmin, me, members, invitations, confirm } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const inviteFeedback = result && result.intent === "invite" && !result.ok ? result : null;
  const form = useSchemaForm(inviteSchema, { feedback: inviteFeedback, defaults: { role: "member" } });
  const roleOptions = orgRoles.map((r) => ({ value: r, label: t(`members.role.${r}`) }));
  const message = (key: string | undefined) => (key && isMessageKey(key) ? t(key) : (key ?? ""));

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
      {result && !result.ok && result.intent !== "invite" ? (
        <div className="alert alert-error" role="alert">
          {message(result.formError ?? Object.values(result.fieldErrors)[0])}
        </div>
      ) : null}

      {confirm ? (
        <section aria-labelledby="confirm-title" className="card alert">
          <h2 id="confirm-title">{t("members.confirmTitle")}</h2>
          <p>{t("members.confirmText", { name: confirm.name, email: confirm.email })}</p>
          <Form method="post" action="/org/members" className="inline-form">
            <input type="hidden" name="userId" value={confirm.id} />
            <button type="submit" name="intent" value="remove" className="btn btn-danger">
              {t("members.confirmButton")}
            </button>
          </Form>{" "}
          <Link to="/org/members" className="btn btn-secondary">
            {t("members.cancel")}
          </Link>
        </section>
      ) : null}

      <section aria-labelledby="members-list-title">
        <h2 id="members-list-title">{t("members.listTitle")}</h2>
        <div className="table-wrap">
          <table>
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
                  <td>
                    {isAdmin ? (
                      <Form method="post" action="/org/members" className="member-role-form">
                        <input type="hidden" name="userId" value={m.id} />
                        <label htmlFor={`role-${m.id}`} className="visually-hidden">
                          {t("members.roleFor", { name: m.name })}
                        </label>
                        <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                          {roleOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>{" "}
                        <button type="submit" name="intent" value="role" className="btn-secondary" aria-label={t("members.saveRoleFor", { name: m.name })}>
                          {t("members.saveRole")}
                        </button>
                      </Form>
                    ) : (
                      <span className="tag">{t(`members.role.${m.role}`)}</span>
                    )}
                  </td>
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
          </table>
        </div>
      </section>

      {isAdmin ? (
        <>
          <section aria-labelledby="invitations-title">
            <h2 id="invitations-title">{t("members.invitationsTitle")}</h2>
            {invitations.length === 0 ? (
              <p className="muted">{t("members.noInvitations")}</p>
            ) : (
              <div className="table-wrap">
                <table>
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
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="invite-title" className="card narrow">
            <h2 id="invite-title">{t("members.inviteTitle")}</h2>
            <p className="muted">{t("members.inviteHint")}</p>
            <SchemaForm form={form} feedback={inviteFeedback} action="/org/members" aria-labelledby="invite-title">
              <Field form={form} name="email" label={t("members.inviteEmail")} type="email" autoComplete="off" required />
              <Field form={form} name="role" label={t("members.inviteRole")} control="select" options={roleOptions} required />
              <div>
                <SubmitButton name="intent" value="invite">
                  {t("members.inviteButton")}
                </SubmitButton>
              </div>
            </SchemaForm>
          </section>
        </>
      ) : null}
    </section>
  );
}
