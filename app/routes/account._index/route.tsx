import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ActionFeedback } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { summarizeUserAgent } from "~/domain/user-agent.ts";
import { useT, type MessageKey, metaTranslator } from "~/i18n/index.ts";
import { loginHistory } from "~/models/account/profile.server.ts";
import { listSessions } from "~/models/account/sessions.server.ts";
import { requireActor } from "~/models/policy.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { accountAction } from "./actions.server.ts";
import { PasswordForm, ProfileForm, SessionList } from "./forms.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("account.title")} · 产教通` }];

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

export type AccountLoader = typeof loader;

export const action = (args: ActionFunctionArgs) => accountAction(args);

function feedbackFor(intent: string, feedback: ActionFeedback | undefined): ActionFeedback | null {
  return feedback && feedback.values?.intent === intent ? feedback : null;
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionFeedback | undefined;
  const t = useT();
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
        <SessionList sessions={data.sessions} />
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
