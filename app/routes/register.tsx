import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CheckboxField, Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { OrganizationFields } from "~/components/organization-fields.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { authAttemptAllowed } from "~/models/auth-limits.server.ts";
import { registerOrganization, registrationRefusals } from "~/models/auth.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { getActor } from "~/models/policy.server.ts";
import { sessionCookie } from "~/models/session-cookie.server.ts";
import { createSession } from "~/models/session.server.ts";
import { registrationSchema } from "~/schemas/auth.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("auth.registerTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const limit = await authAttemptAllowed(context.clientIp, "register");
  if (!limit.allowed) {
    return formError(formData, "auth.rateLimited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const parsed = parseForm(registrationSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await registerOrganization(appDb(), parsed.data, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, registrationRefusals, result);
  const { token } = await createSession(appDb(), result.user, {
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  return redirect("/org?registered=1", { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

export default function Register() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const form = useSchemaForm(registrationSchema, { feedback, defaults: { kind: "enterprise" } });
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{t("auth.registerTitle")}</h1>
      <p className="muted">{t("auth.registerIntro")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="register-title">
        <fieldset>
          <legend>{t("auth.orgSection")}</legend>
          <OrganizationFields form={form} />
        </fieldset>
        <fieldset>
          <legend>{t("auth.userSection")}</legend>
          <Field form={form} name="userName" label={t("auth.userName")} autoComplete="name" required />
          <Field form={form} name="userEmail" label={t("auth.userEmail")} type="email" autoComplete="email" required />
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
            {t("auth.consent")} <Link to="/privacy">{t("auth.privacyLink")}</Link>
          </CheckboxField>
        </fieldset>
        <SubmitButton>{t("auth.registerButton")}</SubmitButton>
      </SchemaForm>
    </section>
  );
}
