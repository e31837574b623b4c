import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { requestPasswordReset } from "~/models/account/passwords.server.ts";
import { authAttemptAllowed } from "~/models/auth-limits.server.ts";
import { forgotPasswordSchema } from "~/schemas/auth.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("account.forgot.title")} · 产教通` }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const limit = await authAttemptAllowed(context.clientIp, "forgot-password");
  if (!limit.allowed) {
    return formError(formData, "auth.rateLimited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const parsed = parseForm(forgotPasswordSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  // The same answer whether or not the address has an account.
  await requestPasswordReset(appDb(), parsed.data.email, { ip: context.clientIp });
  return { ok: true as const, sent: true as const };
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const feedback = result && !result.ok ? (result as ActionFeedback) : null;
  const form = useSchemaForm(forgotPasswordSchema, { feedback });
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("account.forgot.title")}</h1>
      {result?.ok ? (
        <>
          <p className="alert alert-ok" role="status">
            {t("account.forgot.sent")}
          </p>
          <p className="muted">{t("account.forgot.sentHint")}</p>
        </>
      ) : (
        <>
          <p>{t("account.forgot.intro")}</p>
          <SchemaForm form={form} feedback={feedback} aria-labelledby="forgot-title">
            <Field form={form} name="email" label={t("account.forgot.email")} type="email" autoComplete="email" required />
            <SubmitButton>{t("account.forgot.button")}</SubmitButton>
          </SchemaForm>
        </>
      )}
      <p>
        <Link to="/login">{t("account.forgot.backToLogin")}</Link>
      </p>
    </section>
  );
}
