import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { appDb } from "~/db.server.ts";
import { actionsByGroup, auditCategories } from "~/domain/audit-actions.ts";
import { createTranslator, localeFromCookie, metaTranslator, useT } from "~/i18n/index.ts";
import { AUDIT_EXPORT_MAX, listAuditLog } from "~/models/audit.server.ts";
import { presentAuditRow } from "~/models/audit-view.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { auditOutcomes, auditQueryOf, parseAuditFilter } from "~/schemas/audit.ts";
import { Pagination } from "~/components/pagination.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("audit.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const t = createTranslator(localeFromCookie(request.headers.get("cookie")));
  const { filter, badDate, badAction } = parseAuditFilter(new URL(request.url).searchParams);
  const result = await listAuditLog(appDb(), auditQueryOf(filter));
  return {
    filter: {
      action: filter.action ?? "",
      category: filter.category ?? "",
      outcome: filter.outcome ?? "",
      actor: filter.actor ?? "",
      org: filter.org ?? "",
      from: filter.from ?? "",
      to: filter.to ?? "",
    },
    badDate,
    badAction,
    actionGroups: actionsByGroup().map(({ group, actions }) => ({
      label: t(`audit.group.${group}`),
      actions: actions.map((a) => ({ value: a, label: t(`audit.action.${a}`) })),
    })),
    categories: auditCategories.map((c) => ({ value: c, label: t(`audit.category.${c}`) })),
    outcomes: auditOutcomes.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) })),
    exportMax: AUDIT_EXPORT_MAX,
    page: result.page,
    hasNext: result.hasNext,
    rows: result.rows.map((r) => presentAuditRow(t, r)),
  };
}

function hrefFor(path: string, filter: Record<string, string>, changes: Record<string, string | number> = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...changes })) if (v !== "" && !(k === "page" && v === 1)) params.set(k, String(v));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export default function AuditLog() {
  const { filter, badDate, badAction, actionGroups, categories, outcomes, exportMax, page, hasNext, rows } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="audit-title" className="stack">
      <p>
        <Link to="/admin">{t("nav.admin")}</Link>
      </p>
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="alert">{t("audit.note")}</p>
      {badDate || badAction ? (
        <div className="alert alert-error" role="alert">
          {badDate ? <p>{t("audit.badDate")}</p> : null}
          {badAction ? <p>{t("audit.badAction")}</p> : null}
        </div>
      ) : null}

      <Form method="get" className="filter-bar" role="search" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-category">{t("audit.category")}</label>
          <select id="audit-category" name="category" defaultValue={filter.category}>
            <option value="">{t("audit.all")}</option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={filter.action}>
            <option value="">{t("audit.all")}</option>
            {actionGroups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.actions.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-outcome">{t("audit.outcome")}</label>
          <select id="audit-outcome" name="outcome" defaultValue={filter.outcome}>
            <option value="">{t("audit.all")}</option>
            {outcomes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filter.actor} maxLength={254} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        {filter.org ? <input type="hidden" name="org" value={filter.org} /> : null}
        <div className="filter-buttons">
          <button type="submit">{t("audit.filterButton")}</button> <Link to="/admin/audit">{t("audit.reset")}</Link>
        </div>
      </Form>

      <p>
        <a href={hrefFor("/admin/audit/export.xlsx", filter)} download>
          {t("audit.export")}
        </a>{" "}
        <span className="muted">{t("audit.exportNote", { max: exportMax })}</span>
      </p>

      <section aria-labelledby="audit-list-title">
        <h2 id="audit-list-title">{t("audit.listTitle")}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t("audit.empty")}</p>
        ) : (
          <div className="table-wrap">
            <DataTable className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t("audit.time")}</th>
                  <th scope="col">{t("audit.actorColumn")}</th>
                  <th scope="col">{t("audit.organization")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.target")}</th>
                  <th scope="col">{t("audit.outcome")}</th>
                  <th scope="col">{t("audit.ip")}</th>
                  <th scope="col">{t("audit.detail")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.at}</td>
                    <td>
                      {r.actorEmail ?? <span className="muted">{t("audit.system")}</span>}
                      {r.actorName ? (
                        <>
                          <br />
                          <span className="muted">{r.actorName}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {r.affiliation ? (
                        r.affiliationOrgId ? (
                          <Link to={hrefFor("/admin/audit", filter, { org: r.affiliationOrgId, page: 1 })}>{r.affiliation}</Link>
                        ) : (
                          r.affiliation
                        )
                      ) : (
                        "—"
                      )}
                    </td>
                    <th scope="row">{r.actionLabel}</th>
                    <td className="audit-wrap">
                      {r.target ?? "—"}
                      {r.concerned ? (
                        <>
                          <br />
                          <Link to={hrefFor("/admin/audit", filter, { org: r.concerned.id, page: 1 })}>
                            {t("audit.concerned", { org: r.concerned.name })}
                          </Link>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <span className={`status status-${r.outcome === "success" ? "verified" : r.outcome === "denied" ? "suspended" : "pending"}`}>
                        {r.outcomeLabel}
                      </span>
                    </td>
                    <td>{r.ip ?? "—"}</td>
                    <td className="audit-wrap">
                      {r.details.length ? (
                        <ul className="audit-details">
                          {r.details.map((d, i) => (
                            <li key={i}>
                              {d.label}：{d.value}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        )}
      </section>

      {page > 1 || hasNext ? <Pagination page={page} hasNext={hasNext} hrefFor={(n) => hrefFor("/admin/audit", filter, { page: n })} /> : null}
    </section>
  );
}
