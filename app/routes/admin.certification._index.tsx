import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge } from "~/components/certification.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listApplicationsForStaff } from "~/models/certification/applications.server.ts";
import { can, requirePermission } from "~/models/policy.server.ts";
import { applicationStatuses, queueFilterSchema } from "~/schemas/certification.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("certification.queue.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const filter = queueFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const status = filter.status ?? "open";
  const items = await listApplicationsForStaff(appDb(), status === "draft" ? "all" : status);
  return {
    status,
    isAdmin: can(actor, "certification:decide"),
    items: items.map((i) => ({ ...i, submittedAt: formatDateTime(i.submittedAt) })),
  };
}

export default function CertificationQueue() {
  const { status, items, isAdmin } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="queue-title" className="page-stack">
      <h1 id="queue-title">{t("certification.queue.title")}</h1>
      <p className="muted">{t("certification.queue.intro")}</p>
      <p>
        <Link to="/certification">{t("certification.links.directory")}</Link>
        {" · "}
        <Link to="/certification/notices">{t("certification.links.notices")}</Link>
        {isAdmin ? (
          <>
            {" · "}
            <Link to="/admin/certification/types">{t("certification.links.types")}</Link>
          </>
        ) : null}
      </p>
      <Form method="get" className="stack" aria-label={t("certification.queue.filter")}>
        <div className="field">
          <label htmlFor="queue-status">{t("certification.queue.status")}</label>
          <select id="queue-status" name="status" defaultValue={status}>
            <option value="open">{t("certification.queue.open")}</option>
            <option value="all">{t("certification.queue.all")}</option>
            {applicationStatuses
              .filter((s) => s !== "draft")
              .map((s) => (
                <option key={s} value={s}>
                  {t(`certification.status.${s}`)}
                </option>
              ))}
          </select>
        </div>
        <div>
          <button type="submit">{t("certification.queue.filter")}</button>
        </div>
      </Form>
      {items.length === 0 ? (
        <p className="muted">{t("certification.queue.empty")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("certification.queue.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certification.col.organization")}</th>
                <th scope="col">{t("certification.col.type")}</th>
                <th scope="col">{t("certification.col.status")}</th>
                <th scope="col">{t("certification.col.reviews")}</th>
                <th scope="col">{t("certification.col.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <Link to={`/admin/certification/${i.id}`}>{i.organizationName}</Link>
                  </th>
                  <td>{i.typeName}</td>
                  <td>
                    <ApplicationStatusBadge status={i.status} />
                  </td>
                  <td>{t("certification.queue.reviews", { done: i.reviewsDone, assigned: i.reviewers })}</td>
                  <td>{i.submittedAt || "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}
