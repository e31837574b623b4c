import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/index.ts";
import { platformRoleChoices } from "~/schemas/membership.ts";
import type { loader } from "./route.tsx";

type UserRow = SerializeFrom<typeof loader>["rows"][number];

/** The user's platform role and, for a plan officer, the unit. */
export function RoleForm({ user: u, units }: { user: UserRow; units: string[] }) {
  const t = useT();
  return (
    <Form method="post" className="user-role-form">
      <input type="hidden" name="userId" value={u.id} />
      <label htmlFor={`role-${u.id}`} className="visually-hidden">
        {t("adminUsers.roleFor", { name: u.name })}
      </label>
      <select id={`role-${u.id}`} name="role" defaultValue={u.platformRole ?? "none"}>
        {platformRoleChoices.map((r) => (
          <option key={r} value={r}>
            {t(`adminUsers.role.${r}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`unit-${u.id}`} className="visually-hidden">
        {t("adminUsers.planUnitFor", { name: u.name })}
      </label>
      <select id={`unit-${u.id}`} name="planUnit" defaultValue={u.planUnit ?? ""}>
        <option value="">
          {t("adminUsers.planUnit")}（{t("adminUsers.planUnitHint")}）
        </option>
        {units.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" className="btn-secondary" aria-label={t("adminUsers.saveRoleFor", { name: u.name })}>
        {t("adminUsers.saveRole")}
      </button>
    </Form>
  );
}

/** Unlocking a locked account, and disabling or enabling it (never one's own or a deleted one). */
export function AccountActions({ user: u, me }: { user: UserRow; me: string }) {
  const t = useT();
  return (
    <>
    {u.locked && u.status !== "deleted" ? (
      <Form method="post" className="inline-form">
        <input type="hidden" name="userId" value={u.id} />
        <button type="submit" name="intent" value="unlock" className="btn-secondary" aria-label={t("adminUsers.unlockFor", { name: u.name })}>
          {t("adminUsers.unlock")}
        </button>
      </Form>
    ) : null}
    {u.id === me || u.status === "deleted" ? null : (
      <Form method="post" className="inline-form">
        <input type="hidden" name="userId" value={u.id} />
        {u.status === "active" ? (
          <button type="submit" name="intent" value="disable" className="btn-danger" aria-label={t("adminUsers.disableFor", { name: u.name })}>
            {t("adminUsers.disable")}
          </button>
        ) : (
          <button type="submit" name="intent" value="enable" aria-label={t("adminUsers.enableFor", { name: u.name })}>
            {t("adminUsers.enable")}
          </button>
        )}
      </Form>
    )}
    </>
  );
}
