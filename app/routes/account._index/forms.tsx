import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { useT } from "~/i18n/index.ts";
import { profileSchema } from "~/schemas/account.ts";
import { changePasswordSchema } from "~/schemas/auth.ts";
import type { AccountLoader } from "./route.tsx";
import { DataTable } from "~/components/data-table.tsx";

type Session = SerializeFrom<AccountLoader>["sessions"][number];

export function ProfileForm({ profile, feedback }: { profile: { email: string; name: string; phone: string }; feedback: ActionFeedback | null }) {
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

export function PasswordForm({ feedback }: { feedback: ActionFeedback | null }) {
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

/** The user's live sessions, each but the current one with its own end button, and one to end all the others. */
export function SessionList({ sessions }: { sessions: Session[] }) {
  const t = useT();
  const others = sessions.filter((s) => !s.current);
  const deviceName = (device: Session["device"]) =>
    device ? t("account.deviceOn", { browser: device.browser ?? t("account.unknown"), os: device.os ?? t("account.unknown") }) : t("account.unknownDevice");
  return (
    <>
      <div className="table-wrap">
        <DataTable>
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
            {sessions.map((s) => (
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
        </DataTable>
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
    </>
  );
}
