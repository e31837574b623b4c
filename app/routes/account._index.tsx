import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { summarizeUserAgent } from "~/domain/user-agent.ts";
import { createTranslator, useT, type MessageKey } from "~/i18n/index.ts";
import {
  accountPasswordAttemptAllowed,
  changePassword,
  endOtherSessions,
  endSession,
  listSessions,
  loginHistory,
  updateProfile,
} from "~/models/account.server.ts";
import { notFound, requireActor } from "~/models/policy.server.ts";
import { clearSessionCookie, sessionCookie } from "~/models/session-cookie.server.ts";
import { createSession } from "~/models/session.server.ts";
import { endSessionSchema, profileSchema } from "~/schemas/account.ts";
import { changePasswordSchema } from "~/schemas/auth.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { fieldError, formError, invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: `${createTranslator()("account.title")} · 产教通` }];

const notices: Record<string, MessageKey> = {
  profileSaved: "account.profileSaved",
  passwordChanged: "account.passwordChanged",
  sessionEnded: "account.sessionEnded",
  othersEnded: "account.othersEnded",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const [sessions, logins] = await Promise.all([listSessions(db, actor.user.id, actor.session.id), loginHistory(db, actor.user.id)]);
  const url = new URL(request.url);
  const notice = notices[url.searchParams.get("notice") ?? ""] ?? null;
  const { user } = actor;
  return {
    profile: { email: user.email, name: user.name, phone: user.phone ?? "" },
    organization: actor.organization && user.org_role ? { name: actor.organization.name, role: user.org_role } : null,
    consent: user.consent_at ? { time: formatDateTime(user.consent_at), version: user.consent_version ?? "" } : null,
    lastLogin: logins.lastLoginAt ? formatDateTime(logins.lastLoginAt) : null,
    previousLogin: logins.previous ? { time: formatDateTime(logins.previous.at), ip: logins.previous.ip ?? "" } : null,
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.current,
      device: summarizeUserAgent(s.userAgent),
      ip: s.ip,
      created: formatDateTime(s.createdAt),
      lastSeen: formatDateTime(s.lastSeenAt),
    })),
    notice,
    noticeCount: Number(url.searchParams.get("count")) || 0,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await request.formData();
  const db = appDb();
  const meta = { ip: context.clientIp };
  const t = createTranslator();
  switch (formData.get("intent")) {
    case "profile": {
      const parsed = parseForm(profileSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      await updateProfile(db, actor.user.id, parsed.data, meta);
      return redirect("/account?notice=profileSaved");
    }
    case "password": {
      const parsed = parseForm(changePasswordSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      const limit = await accountPasswordAttemptAllowed(db, actor.user.id);
      if (!limit.allowed) {
        return formError(formData, "account.tooManyAttempts", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
      }
      const result = await changePassword(db, actor.user, actor.session.id, parsed.data, meta);
      if (!result.ok) return fieldError(formData, result.field, result.message);
      // Every old session ended with the change, this one included: a fresh session id for this browser.
      const { token } = await createSession(db, actor.user, { ip: context.clientIp, userAgent: request.headers.get("user-agent") });
      return redirect("/account?notice=passwordChanged", { headers: { "Set-Cookie": sessionCookie(request, token) } });
    }
    case "end-session": {
      const parsed = parseForm(endSessionSchema, formData);
      if (!parsed.ok || !(await endSession(db, actor.user.id, parsed.data.sessionId, meta))) throw notFound();
      if (parsed.data.sessionId === actor.session.id) {
        return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(request) } });
      }
      return redirect("/account?notice=sessionEnded");
    }
    case "end-others": {
      const count = await endOtherSessions(db, actor.user.id, actor.session.id, meta);
      return redirect(`/account?notice=othersEnded&count=${count}`);
    }
    default:
      throw new Response(t("validation.badRequest", { detail: "intent" }), { status: 400 });
  }
}

function feedbackFor(intent: string, feedback: ActionFeedback | undefined): ActionFeedback | null {
  return feedback && feedback.values?.intent === intent ? feedback : null;
}

function ProfileForm({ profile, feedback }: { profile: { email: string; name: string; phone: string }; feedback: ActionFeedback | null }) {
  const t = useT();
  const form = useSchemaForm(profileSchema, { feedback, defaults: { name: profile.name, phone: profile.phone } });
  return (
    <SchemaForm form={form} feedback={feedback} aria-labelledby="profile-title">
      <input type="hidden" name="intent" value="profile" />
      <div>
        <p>
          <strong>{t("account.email")}</strong>：{profile.email}
        </p>
        <p className="field-hint">{t("account.emailHint")}</p>
      </div>
      <Field form={form} name="name" label={t("account.name")} autoComplete="name" required />
      <Field form={form} name="phone" label={t("account.phone")} type="tel" autoComplete="tel" inputMode="numeric" hint={t("account.phoneHint")} />
      <SubmitButton>{t("account.saveProfile")}</SubmitButton>
    </SchemaForm>
  );
}

function PasswordForm({ feedback }: { feedback: ActionFeedback | null }) {
  const t = useT();
  const form = useSchemaForm(changePasswordSchema, { feedback });
  return (
    <SchemaForm form={form} feedback={feedback} aria-labelledby="password-title">
      <input type="hidden" name="intent" value="password" />
      <Field form={form} name="currentPassword" label={t("account.currentPassword")} type="password" autoComplete="current-password" required />
      <Field
        form={form}
        name="password"
        label={t("account.newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        required
      />
      <Field form={form} name="passwordConfirm" label={t("account.newPasswordConfirm")} type="password" autoComplete="new-password" required />
      <SubmitButton>{t("account.changePasswordButton")}</SubmitButton>
    </SchemaForm>
  );
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionFeedback | undefined;
  const t = useT();
  const others = data.sessions.filter((s) => !s.current);
  const deviceName = (device: (typeof data.sessions)[number]["device"]) =>
    device ? t("account.deviceOn", { browser: device.browser ?? t("account.unknown"), os: device.os ?? t("account.unknown") }) : t("account.unknownDevice");
  return (
    <section aria-labelledby="account-title" className="account-page">
      <h1 id="account-title">{t("account.title")}</h1>
      {data.notice ? (
        <p className="alert alert-ok" role="status">
          {t(data.notice, { count: data.noticeCount })}
        </p>
      ) : null}
      <div className="card">
        {data.organization ? (
          <p>
            {t("account.organization", {
              name: data.organization.name,
              role: t(`account.orgRole.${data.organization.role}`),
            })}
          </p>
        ) : null}
        {data.lastLogin ? <p>{t("account.lastLogin", { time: data.lastLogin })}</p> : null}
        <p className="muted">
          {data.previousLogin ? t("account.previousLogin", data.previousLogin) : t("account.noPreviousLogin")}
        </p>
      </div>

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t("account.profileTitle")}</h2>
        <ProfileForm profile={data.profile} feedback={feedbackFor("profile", actionData)} />
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{t("account.passwordTitle")}</h2>
        <p className="muted">{t("account.passwordIntro")}</p>
        {/* Keyed by the session: after a change the new session's id clears the fields. */}
        <PasswordForm key={data.sessions.find((s) => s.current)?.id ?? ""} feedback={feedbackFor("password", actionData)} />
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("account.sessionsTitle")}</h2>
        <p className="muted">{t("account.sessionsIntro")}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("account.sessionDevice")}</th>
                <th scope="col">{t("account.sessionIp")}</th>
                <th scope="col">{t("account.sessionCreated")}</th>
                <th scope="col">{t("account.sessionLastSeen")}</th>
                <th scope="col">{t("account.sessionAction")}</th>
              </tr>
            </thead>
            <tbody>
              {data.sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    {deviceName(s.device)} {s.current ? <span className="tag">{t("account.currentSession")}</span> : null}
                  </td>
                  <td>{s.ip || t("account.unknown")}</td>
                  <td>{s.created}</td>
                  <td>{s.lastSeen}</td>
                  <td>
                    {s.current ? null : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="end-session" />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button
                          type="submit"
                          className="btn-secondary"
                          aria-label={t("account.endSessionLabel", { device: deviceName(s.device), time: s.created })}
                        >
                          {t("account.endSession")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {others.length ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="btn-secondary">
              {t("account.endOthers")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("account.noOtherSessions")}</p>
        )}
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">{t("account.dataTitle")}</h2>
        <p>{t("account.dataIntro")}</p>
        <p className="muted">
          {data.consent ? t("account.consentInfo", data.consent) : t("account.consentNone")}
        </p>
        <ul>
          <li>
            {/* A plain link: the browser downloads the file the server sends. */}
            <a href="/account/export" download>
              {t("account.exportLink")}
            </a>
          </li>
          <li>
            <Link to="/privacy">{t("account.privacyLink")}</Link>
          </li>
          <li>
            <Link to="/account/delete">{t("account.deleteLink")}</Link>
          </li>
        </ul>
      </section>
    </section>
  );
}
