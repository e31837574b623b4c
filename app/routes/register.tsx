import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FileField } from "~/components/file-field.tsx";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CheckboxField, Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { OrganizationFields } from "~/components/organization-fields.tsx";
import { appDb } from "~/db.server.ts";
import { messageOrText, useT, metaTranslator } from "~/i18n/index.ts";
import { authAttemptAllowed } from "~/models/auth-limits.server.ts";
import { registerOrganization, registrationRefusals } from "~/models/auth.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { getActor } from "~/models/policy.server.ts";
import { sessionCookie } from "~/models/session-cookie.server.ts";
import { createSession } from "~/models/session.server.ts";
import { registrationSchema } from "~/schemas/auth.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { isMultipart, readUpload } from "~/http/upload.server.ts";
import { checkOrganizationDocument, ORGANIZATION_DOCUMENT_MAX_BYTES, organizationDocumentRefusals } from "~/models/organization-documents.server.ts";
import type { CheckedFile } from "~/models/stored-file.server.ts";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { UPLOAD_LIMITS } from "~/domain/upload-limits.ts";

/** The licence's field: a file that cannot be kept is answered there (the documents' refusals, on this field). */
const LICENCE_FIELD = "licence";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("auth.registerTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/dashboard");
  return null;
}

/** The form's fields, read from a multipart body by name (the licence file beside them). */
const registrationFields = [...Object.keys(registrationSchema.shape), LICENCE_FIELD];

/** The registration form as sent: multipart when a licence is attached (the page's form always is), else urlencoded. */
async function readRegistration(request: Request) {
  if (!isMultipart(request)) return { ok: true as const, formData: await request.formData() };
  return readUpload(request, { maxBytes: ORGANIZATION_DOCUMENT_MAX_BYTES, fields: registrationFields });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const read = await readRegistration(request);
  if (!read.ok) return refusalResponse(new FormData(), organizationDocumentRefusals, { ...read, field: LICENCE_FIELD });
  const { formData } = read;
  const limit = await authAttemptAllowed(context.clientIp, "register");
  if (!limit.allowed) {
    return formError(formData, "auth.rateLimited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const parsed = parseForm(registrationSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  // The licence is optional here (it may follow on /org); one that was sent must be a real PDF or image.
  const licence = formData.get(LICENCE_FIELD);
  let document: { file: CheckedFile; fileName: string } | undefined;
  if (licence && typeof licence !== "string" && licence.size > 0) {
    const checked = await checkOrganizationDocument({ name: licence.name, bytes: new Uint8Array(await licence.arrayBuffer()) });
    if (!checked.ok) return refusalResponse(formData, organizationDocumentRefusals, { ...checked, field: LICENCE_FIELD });
    document = checked;
  }
  const result = await registerOrganization(appDb(), parsed.data, { ip: context.clientIp }, document);
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
  const maxMegabytes = UPLOAD_LIMITS.organizationDocument / (1024 * 1024);
  const limit = useUploadLimit(maxMegabytes);
  const fieldErrors: Record<string, string> | undefined = feedback && !feedback.ok ? feedback.fieldErrors : undefined;
  const licenceError = limit.error ?? fieldErrors?.[LICENCE_FIELD];
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{t("auth.registerTitle")}</h1>
      <p className="muted">{t("auth.registerIntro")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="register-title" encType="multipart/form-data">
        <fieldset>
          <legend>{t("auth.orgSection")}</legend>
          <OrganizationFields form={form} />
          <FileField
            id="field-licence"
            name={LICENCE_FIELD}
            label={t("auth.licence", { mb: maxMegabytes })}
            hint={t("auth.licenceHint")}
            error={licenceError ? messageOrText(t, licenceError) : null}
            onChange={limit.onChange}
          />
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
