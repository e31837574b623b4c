import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { z } from "zod";
import { appDb } from "~/db.server.ts";
import { isMessageKey, useT, type Translate, metaTranslator } from "~/i18n/index.ts";
import { zhCN } from "~/i18n/zh-CN.ts";
import { auditActionsInLog, listAuditLog } from "~/models/audit.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { filterText } from "~/schemas/fields.ts";
import { Pagination } from "~/components/pagination.tsx";
import { isUuid } from "~/schemas/ids.ts";
import { DataTable } from "~/components/data-table.tsx";

dayjs.extend(utc);
dayjs.extend(timezone);
const TZ = "Asia/Shanghai";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("audit.title")} · 产教通` }];

const outcomes = ["success", "failure", "denied"] as const;
const ACTION_PREFIX = "audit.action.";
/** The actions the catalog names, in catalog order. */
const catalogActions = Object.keys(zhCN)
  .filter((k) => k.startsWith(ACTION_PREFIX))
  .map((k) => k.slice(ACTION_PREFIX.length));

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => dayjs.tz(v, TZ).isValid() && dayjs.tz(v, TZ).format("YYYY-MM-DD") === v);

// Filters come from the address bar: anything unexpected is dropped (and a bad date is pointed out).
const filterSchema = z.object({
  action: z.string().trim().regex(/^[a-z0-9_.-]{1,100}$/).optional().catch(undefined),
  outcome: z.enum(outcomes).optional().catch(undefined),
  actor: filterText(254),
  org: z.string().trim().refine(isUuid).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const params = new URL(request.url).searchParams;
  const raw = Object.fromEntries(params);
  const filter = filterSchema.parse(raw);
  const badDate = (!!raw.from && !filter.from) || (!!raw.to && !filter.to);
  const db = appDb();
  const [result, inLog] = await Promise.all([
    listAuditLog(db, {
      action: filter.action,
      outcome: filter.outcome,
      actor: filter.actor || undefined,
      organizationId: filter.org,
      from: filter.from ? dayjs.tz(filter.from, TZ).toDate() : undefined,
      to: filter.to ? dayjs.tz(filter.to, TZ).add(1, "day").toDate() : undefined,
      page: filter.page,
    }),
    auditActionsInLog(db),
  ]);
  const actions = [...catalogActions, ...inLog.filter((a) => !catalogActions.includes(a)).sort()];
  return {
    filter: {
      action: filter.action ?? "",
      outcome: filter.outcome ?? "",
      actor: filter.actor ?? "",
      org: filter.org ?? "",
      from: filter.from ?? "",
      to: filter.to ?? "",
    },
    badDate,
    actions,
    page: result.page,
    hasNext: result.hasNext,
    rows: result.rows.map((r) => ({
      id: r.id,
      at: dayjs(r.at).tz(TZ).format("YYYY-MM-DD HH:mm:ss"),
      action: r.action,
      outcome: r.outcome,
      actorEmail: r.actor_email ?? r.actor_label,
      actorName: r.actor_name,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      target: r.target_label ?? (r.target_type ? `${r.target_type}${r.target_id ? ` ${r.target_id}` : ""}` : null),
      ip: r.ip,
      detail: Object.entries(r.detail)
        .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join("；"),
    })),
  };
}

function actionLabel(t: Translate, action: string): string {
  const key = `${ACTION_PREFIX}${action}`;
  return isMessageKey(key) ? t(key) : action;
}

function hrefFor(filter: Record<string, string>, changes: Record<string, string | number>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...changes })) if (v !== "" && !(k === "page" && v === 1)) params.set(k, String(v));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

export default function AuditLog() {
  const { filter, badDate, actions, page, hasNext, rows } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="audit-title" className="stack">
      <p>
        <Link to="/admin">{t("nav.admin")}</Link>
      </p>
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="alert">{t("audit.note")}</p>
      {badDate ? (
        <p className="alert alert-error" role="alert">
          {t("audit.badDate")}
        </p>
      ) : null}

      <Form method="get" className="filter-bar" role="search" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={filter.action}>
            <option value="">{t("audit.all")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-outcome">{t("audit.outcome")}</label>
          <select id="audit-outcome" name="outcome" defaultValue={filter.outcome}>
            <option value="">{t("audit.all")}</option>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`audit.outcome.${o}`)}
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
                  <th scope="col">{t("audit.actor")}</th>
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
                      {r.organizationId && r.organizationName ? (
                        <Link to={hrefFor(filter, { org: r.organizationId, page: 1 })}>{r.organizationName}</Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <th scope="row">{actionLabel(t, r.action)}</th>
                    <td className="audit-wrap">{r.target ?? "—"}</td>
                    <td>
                      <span className={`status status-${r.outcome === "success" ? "verified" : r.outcome === "denied" ? "suspended" : "pending"}`}>
                        {t(`audit.outcome.${r.outcome}`)}
                      </span>
                    </td>
                    <td>{r.ip ?? "—"}</td>
                    <td className="audit-wrap">{r.detail || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        )}
      </section>

      {page > 1 || hasNext ? (
        <Pagination page={page} hasNext={hasNext} hrefFor={(n) => hrefFor(filter, { page: n })} />
      ) : null}
    </section>
  );
}
