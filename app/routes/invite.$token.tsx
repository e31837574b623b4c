import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { CheckboxField, Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, type MessageKey, metaTranslator } from "~/i18n/index.ts";
import { authAttemptAllowed } from "~/models/auth-limits.server.ts";
import { acceptInvitation, findInvitation, invitationRefusals, type InvitationState } from "~/models/invitation.server.ts";
import { refusalResponse, statusOfRefusal } from "~/http/refusal.server.ts";
import { sessionCookie } from "~/models/session-cookie.server.ts";
import { createSession } from "~/models/session.server.ts";
import { acceptInvitationSchema } from "~/schemas/auth.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

dayjs.extend(utc);
dayjs.extend(timezone);

export const meta: MetaFunction = ({ matches }) => [
  { title: `${metaTranslator(matches)("invite.title")} · 产教通` },
  // The token is in the address: it must not travel to other sites in a Referer header.
  { name: "referrer", content: "no-referrer" },
];

type Closed = Exclude<InvitationState, "valid">;
// A closed link is answered with this page, explaining what to do, under the status its refusal has.
const closedStatus = (state: Closed) => statusOfRefusal[invitationRefusals[state].kind];

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await findInvitation(appDb(), params.token ?? "");
  if (view.state !== "valid") return data({ state: view.state, invitation: null }, { status: closedStatus(view.state) });
  return {
    state: view.state,
    invitation: {
      email: view.email!,
      role: view.role!,
      organizationName: view.organizationName!,
      expires: dayjs(view.expiresAt).tz("Asia/Shanghai").format("YYYY-MM-DD HH:mm"),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const limit = await authAttemptAllowed(context.clientIp, "invite");
  if (!limit.allowed) {
    return formError(formData, "auth.rateLimited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const parsed = parseForm(acceptInvitationSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await acceptInvitation(appDb(), params.token ?? "", parsed.data, { ip: context.clientIp });
  if (!result.ok) {
    if (result.code === "email_taken") return refusalResponse(formData, invitationRefusals, result);
    return data({ ok: false as const, state: result.code, fieldErrors: {}, values: {} }, { status: closedStatus(result.code) });
  }
  const { token } = await createSession(appDb(), result.user, {
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  return redirect("/dashboard", { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

const closedText: Record<Closed, [MessageKey, MessageKey]> = {
  not_found: ["invite.notFoundTitle", "invite.notFoundText"],
  expired: ["invite.expiredTitle", "invite.expiredText"],
  used: ["invite.usedTitle", "invite.usedText"],
  revoked: ["invite.revokedTitle", "invite.revokedText"],
};

export default function AcceptInvitation() {
  const loaded = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const form = useSchemaForm(acceptInvitationSchema, { feedback });
  const state: InvitationState = feedback && "state" in feedback ? feedback.state : loaded.state;

  if (state !== "valid" || !loaded.invitation) {
    const [title, text] = closedText[state === "valid" ? "not_found" : state];
    return (
      <section className="narrow error-page" aria-labelledby="invite-title">
        <h1 id="invite-title">{t(title)}</h1>
        <p>{t(text)}</p>
        <p>
          <Link to="/login">{t("invite.loginLink")}</Link> · <Link to="/">{t("error.backHome")}</Link>
        </p>
      </section>
    );
  }

  const { invitation } = loaded;
  return (
    <section className="narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.title")}</h1>
      <p>{t("invite.intro", { organization: invitation.organizationName, role: t(`members.role.${invitation.role}`) })}</p>
      <p className="muted">
        {t("invite.emailNote", { email: invitation.email })}
        <br />
        {t("invite.expiresNote", { expires: invitation.expires })}
      </p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="invite-title">
        <Field form={form} name="name" label={t("auth.userName")} autoComplete="name" required />
        <Field
          form={form}
          name="password"
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          required
        />
        <Field form={form} name="passwordConfirm" label={t("auth.passwordConfirm")} type="password" autoComplete="new-password" required />
        <CheckboxField form={form} name="consent">
          {t("invite.consent")} <Link to="/privacy">{t("auth.privacyLink")}</Link>
        </CheckboxField>
        <div>
          <SubmitButton>{t("invite.button")}</SubmitButton>
        </div>
      </SchemaForm>
    </section>
  );
}
