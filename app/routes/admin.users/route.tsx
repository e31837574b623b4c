import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/utils/dates.ts";
import { z } from "zod";
import { appDb } from "~/db.server.ts";
import { isMessageKey, useT, metaTranslator } from "~/i18n/index.ts";
import { listUsers, planUnits } from "~/models/platform-users.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { platformRoleChoices } from "~/schemas/membership.ts";
import { filterText } from "~/schemas/fields.ts";
import { Pagination } from "~/components/pagination.tsx";
import { usersPageAction } from "./actions.server.ts";
import { AccountActions, RoleForm } from "./forms.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("adminUsers.title")} · 产教通` }];

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
      lastLogin: u.last_login_at ? formatDateTime(u.last_login_at) : null,
    })),
  };
}

export const action = (args: ActionFunctionArgs) => usersPageAction(args);

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
            <DataTable>
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
                        <RoleForm user={u} units={units} />
                      )}
                    </td>
                    <td>
                      <AccountActions user={u} me={me} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        )}
      </section>

      {pageCount > 1 ? (
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => pageHref(filter, n)} />
      ) : null}
    </section>
  );
}
