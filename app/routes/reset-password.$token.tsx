import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { checkResetToken, passwordResetRefusals, resetPassword, type PasswordResetRefusal } from "~/models/account/passwords.server.ts";
import { statusOfRefusal } from "~/http/refusal.server.ts";
import { authAttemptAllowed } from "~/models/auth-limits.server.ts";
import { resetPasswordSchema } from "~/schemas/auth.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("account.reset.title")} · 产教通` }];

const noStore = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** An unknown link answers 404, a used or expired one 410 Gone: both with a page that explains what to do. */
function unusable(state: PasswordResetRefusal) {
  return data({ state }, { status: statusOfRefusal[passwordResetRefusals[state].kind], headers: noStore });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await checkResetToken(appDb(), params.token ?? "");
  if (state !== "valid") return unusable(state);
  return data({ state }, { headers: noStore });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const limit = await authAttemptAllowed(context.clientIp, "reset-password");
  if (!limit.allowed) {
    return formError(formData, "auth.rateLimited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await resetPassword(appDb(), params.token ?? "", parsed.data.password, { ip: context.clientIp });
  if (!result.ok) return unusable(result.code);
  return data({ state: "done" as const }, { headers: noStore });
}

function Unusable({ state }: { state: string }) {
  const t = useT();
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("account.reset.invalidTitle")}</h1>
      <p>{state === "unknown" ? t("account.reset.unknownText") : t("account.reset.expiredText")}</p>
      <p>
        <Link to="/forgot-password" className="btn">
          {t("account.reset.requestNew")}
        </Link>
      </p>
    </section>
  );
}

export default function ResetPassword() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (ActionFeedback & { state?: string }) | { state: string } | undefined;
  const feedback = result && "ok" in result && !result.ok ? (result as ActionFeedback) : null;
  const form = useSchemaForm(resetPasswordSchema, { feedback });
  const state = result && "state" in result && result.state ? result.state : loaded.state;

  if (state === "done") {
    return (
      <section className="narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">{t("account.reset.title")}</h1>
        <p className="alert alert-ok" role="status">
          {t("account.reset.done")}
        </p>
        <p>
          <Link to="/login" className="btn">
            {t("account.reset.loginLink")}
          </Link>
        </p>
      </section>
    );
  }
  if (state !== "valid") return <Unusable state={state} />;
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("account.reset.title")}</h1>
      <p>{t("account.reset.intro")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="reset-title">
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
        <SubmitButton>{t("account.reset.button")}</SubmitButton>
      </SchemaForm>
    </section>
  );
}
