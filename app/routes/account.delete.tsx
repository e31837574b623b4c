import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CheckboxField, Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { accountRefusals } from "~/models/account/profile.server.ts";
import { accountPasswordAttemptAllowed } from "~/models/account/passwords.server.ts";
import { deleteAccount } from "~/models/account/personal-data.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { requireActor } from "~/models/policy.server.ts";
import { clearSessionCookie } from "~/models/session-cookie.server.ts";
import { deleteAccountSchema } from "~/schemas/account.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("account.delete.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await request.formData();
  const parsed = parseForm(deleteAccountSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const db = appDb();
  const limit = await accountPasswordAttemptAllowed(db, actor.user.id);
  if (!limit.allowed) {
    return formError(formData, "account.tooManyAttempts", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const result = await deleteAccount(db, actor.user, parsed.data.password, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, accountRefusals, result);
  return redirect("/?accountDeleted=1", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

export default function DeleteAccount() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  const form = useSchemaForm(deleteAccountSchema, { feedback });
  return (
    <section className="narrow" aria-labelledby="delete-title">
      <h1 id="delete-title">{t("account.delete.title")}</h1>
      <p className="alert">{t("account.delete.intro")}</p>
      <h2>{t("account.delete.removedTitle")}</h2>
      <ul>
        <li>{t("account.delete.removedIdentity")}</li>
        <li>{t("account.delete.removedAccess")}</li>
        <li>{t("account.delete.removedRoles")}</li>
      </ul>
      <h2>{t("account.delete.keptTitle")}</h2>
      <ul>
        <li>{t("account.delete.keptAudit")}</li>
        <li>{t("account.delete.keptOrg")}</li>
      </ul>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="delete-title">
        <Field form={form} name="password" label={t("account.delete.password")} type="password" autoComplete="current-password" required />
        <CheckboxField form={form} name="confirm">
          {t("account.delete.confirm")}
        </CheckboxField>
        <div>
          <SubmitButton>{t("account.delete.button")}</SubmitButton> <Link to="/account">{t("account.delete.cancel")}</Link>
        </div>
      </SchemaForm>
    </section>
  );
}
