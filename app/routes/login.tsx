import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { authAttemptAllowed } from "~/models/auth-limits.server.ts";
import { authenticate } from "~/models/auth.server.ts";
import { getActor } from "~/models/policy.server.ts";
import { sessionCookie } from "~/models/session-cookie.server.ts";
import { createSession } from "~/models/session.server.ts";
import { loginSchema } from "~/schemas/auth.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("auth.loginTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const limit = await authAttemptAllowed(context.clientIp, "login");
  if (!limit.allowed) {
    return formError(formData, "auth.rateLimited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await authenticate(appDb(), { ...parsed.data, ip: context.clientIp });
  if (!result.ok) return formError(formData, "auth.loginFailed", 401);
  // A new session id at every login: a token planted before login is worthless.
  const { token } = await createSession(appDb(), result.user, {
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  return redirect(safeRedirect(parsed.data.redirectTo, "/dashboard"), {
    headers: { "Set-Cookie": sessionCookie(request, token) },
  });
}

export default function Login() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useSchemaForm(loginSchema, { feedback, defaults: { redirectTo: params.get("redirectTo") ?? "" } });
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth.loginTitle")}</h1>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="login-title">
        <Field form={form} name="email" label={t("auth.email")} type="email" autoComplete="username" required />
        <Field form={form} name="password" label={t("auth.password")} type="password" autoComplete="current-password" required />
        <input type="hidden" {...form.register("redirectTo")} />
        <SubmitButton>{t("auth.loginButton")}</SubmitButton>
      </SchemaForm>
      <p>
        <Link to="/forgot-password">{t("auth.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/register">{t("auth.registerLink")}</Link>
      </p>
    </section>
  );
}
