import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { z } from "zod";
import { appDb } from "~/db.server.ts";
import { createTranslator, isMessageKey, useT, type MessageKey } from "~/i18n/index.ts";
import { disableUser, enableUser, listUsers, planUnits, platformUserRefusals, setPlatformRole, unlockUser } from "~/models/platform-users.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { platformRoleChoices, platformRoleSchema, userStatusSchema } from "~/schemas/membership.ts";
import { filterText } from "~/schemas/fields.ts";
import { fieldErrorsOf } from "~/utils/forms.server.ts";
import { Pagination } from "~/components/pagination.tsx";

/** A message key chosen between literals, checked against the catalog. */
const messageKey = (key: MessageKey): MessageKey => key;

dayjs.extend(utc);
dayjs.extend(timezone);

export const meta: MetaFunction = () => [{ title: `${createTranslator()("adminUsers.title")} · 产教通` }];

const statuses = ["active", "disabled", "deleted"] as const;

// Filters come from the address bar: anything unexpected is dropped rather than refused.
const filterSchema = z.object({
  q: filterText(100),
  role: z.enum(platformRoleChoices).optional().catch(undefined),
  status: z.enum(statuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listUsers(appDb(), filter);
  return {
    me: actor.user.id,
    filter: { q: filter.q ?? "", role: filter.role ?? "", status: filter.status ?? "" },
    total: result.total,
    page: result.page,
    pageCount: Math.max(1, Math.ceil(result.total / result.pageSize)),
    units: await planUnits(appDb()),
    rows: result.rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      organizationName: u.organization_name,
      orgRole: u.org_role,
      platformRole: u.platform_role,
      planUnit: u.plan_unit,
      status: u.status,
      locked: u.locked,
      lastLogin: u.last_login_at ? dayjs(u.last_login_at).tz("Asia/Shanghai").format("YYYY-MM-DD HH:mm") : null,
    })),
  };
}

type Intent = "role" | "disable" | "enable" | "unlock";

/** The page's own refusal, in the shape of a model's (`refusalResponse`): one message above the table. */
function refused(intent: Intent, status: number, message: string) {
  return data({ ok: false as const, fieldErrors: {}, formError: message, values: { intent } }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const db = appDb();
  const formData = await request.formData();
  const form = Object.fromEntries(formData);
  const meta = { ip: context.clientIp };
  const t = createTranslator();
  const intent = form.intent;

  if (intent === "role") {
    const parsed = platformRoleSchema.safeParse(form);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      return errors.userId ? refused(intent, 404, "adminUsers.notFound") : refused(intent, 400, errors.role ?? errors.planUnit);
    }
    const { userId, role, planUnit } = parsed.data;
    const result = await setPlatformRole(db, actor.user, userId, role === "none" ? null : role, planUnit ?? null, meta);
    if (!result.ok) return refusalResponse(formData, platformUserRefusals, result);
    return {
      ok: true as const,
      intent,
      message: messageKey(result.changed ? "adminUsers.roleChanged" : "adminUsers.roleUnchanged"),
      vars: { name: result.user.name, role: t(`adminUsers.role.${role}`) },
    };
  }

  if (intent === "disable" || intent === "enable") {
    const parsed = userStatusSchema.safeParse(form);
    if (!parsed.success) return refused(intent, 404, "adminUsers.notFound");
    const change = intent === "disable" ? disableUser : enableUser;
    const result = await change(db, actor.user, parsed.data.userId, meta);
    if (!result.ok) return refusalResponse(formData, platformUserRefusals, result);
    return {
      ok: true as const,
      intent,
      message: messageKey(intent === "disable" ? "adminUsers.disabledDone" : "adminUsers.enabledDone"),
      vars: { name: result.user.name, role: "" },
    };
  }

  if (intent === "unlock") {
    const parsed = userStatusSchema.safeParse(form);
    if (!parsed.success) return refused(intent, 404, "adminUsers.notFound");
    const result = await unlockUser(db, actor.user, parsed.data.userId, meta);
    if (!result.ok) return refusalResponse(formData, platformUserRefusals, result);
    return {
      ok: true as const,
      intent,
      message: messageKey(result.changed ? "adminUsers.unlockedDone" : "adminUsers.notLocked"),
      vars: { name: result.user.name, role: "" },
    };
  }

  return refused("role", 400, "adminUsers.notFound");
}

function pageHref(filter: { q: string; role: string; status: string }, page: number) {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.role) params.set("role", filter.role);
  if (filter.status) params.set("status", filter.status);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/users?${query}` : "/admin/users";
}

export default function AdminUsers() {
  const { me, filter, total, page, pageCount, units, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const message = (key: string) => (isMessageKey(key) ? t(key) : key);

  return (
    <section aria-labelledby="users-title" className="stack">
      <p>
        <Link to="/admin">{t("nav.admin")}</Link>
      </p>
      <h1 id="users-title">{t("adminUsers.title")}</h1>
      <p className="muted">{t("adminUsers.intro")}</p>

      {result?.ok ? (
        <div className="alert alert-ok" role="status">
          {t(result.message, result.vars)}
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert">
          {message(result.formError ?? Object.values(result.fieldErrors)[0])}
        </div>
      ) : null}

      <Form method="get" className="filter-bar" role="search" aria-label={t("adminUsers.filters")}>
        <div className="field">
          <label htmlFor="filter-q">{t("adminUsers.q")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="filter-role">{t("adminUsers.role")}</label>
          <select id="filter-role" name="role" defaultValue={filter.role}>
            <option value="">{t("adminUsers.all")}</option>
            {platformRoleChoices.map((r) => (
              <option key={r} value={r}>
                {t(`adminUsers.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t("adminUsers.status")}</label>
          <select id="filter-status" name="status" defaultValue={filter.status}>
            <option value="">{t("adminUsers.all")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`adminUsers.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-buttons">
          <button type="submit">{t("adminUsers.filterButton")}</button> <Link to="/admin/users">{t("adminUsers.reset")}</Link>
        </div>
      </Form>

      <section aria-labelledby="users-list-title">
        <h2 id="users-list-title">{t("adminUsers.listTitle")}</h2>
        <p role="status">{t("adminUsers.count", { count: total })}</p>
        {rows.length === 0 ? (
          <p className="muted">{t("adminUsers.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("adminUsers.name")}</th>
                  <th scope="col">{t("adminUsers.organization")}</th>
                  <th scope="col">{t("adminUsers.status")}</th>
                  <th scope="col">{t("adminUsers.lastLogin")}</th>
                  <th scope="col">{t("adminUsers.role")}</th>
                  <th scope="col">{t("adminUsers.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u) => (
                  <tr key={u.id} data-email={u.email}>
                    <th scope="row">
                      {u.name}
                      {u.id === me ? t("adminUsers.you") : null}
                      <br />
                      <span className="muted">{u.email}</span>
                    </th>
                    <td>
                      {u.organizationName ?? t("adminUsers.noOrganization")}
                      {u.orgRole ? <span className="muted">（{t(`members.role.${u.orgRole}`)}）</span> : null}
                    </td>
                    <td>
                      <span className={`status ${u.status === "active" ? "status-verified" : "status-suspended"}`}>
                        {t(`adminUsers.status.${u.status}`)}
                      </span>
                      {u.locked ? <span className="status status-pending"> {t("adminUsers.locked")}</span> : null}
                    </td>
                    <td>{u.lastLogin ?? <span className="muted">{t("adminUsers.never")}</span>}</td>
                    <td>
                      {u.id === me || u.status === "deleted" ? (
                        <span>
                          {t(`adminUsers.role.${u.platformRole ?? "none"}`)}
                          {u.planUnit ? `（${u.planUnit}）` : null}
                        </span>
                      ) : (
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
                      )}
                    </td>
                    <td>
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
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {pageCount > 1 ? (
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => pageHref(filter, n)} />
      ) : null}
    </section>
  );
}
