import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { organizationStatuses } from "~/domain/organization-kinds.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { appDb } from "~/db.server.ts";
import { countOrganizationsByStatus } from "~/models/organization-review.server.ts";
import { can, canViewAuditLog, requirePermission } from "~/models/policy.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("admin.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const counts = await countOrganizationsByStatus(appDb());
  return {
    counts,
    canManageUsers: can(actor, "users:manage"),
    canViewAudit: canViewAuditLog(actor),
    canOperate: can(actor, "system:operate"),
    canEditSite: can(actor, "site:administer"),
  };
}

export default function AdminHome() {
  const { counts, canManageUsers, canViewAudit, canOperate, canEditSite } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="admin-title" className="page-stack">
      <h1 id="admin-title">{t("admin.title")}</h1>

      <section aria-labelledby="admin-orgs-title" className="card">
        <h2 id="admin-orgs-title">{t("admin.orgsTitle")}</h2>
        <p>
          {counts.pending > 0 ? t("admin.pendingCount", { count: counts.pending }) : t("admin.nothingPending")}
        </p>
        <ul className="cards">
          {organizationStatuses.map((status) => (
            <li key={status} className="card">
              <h3>{t(`org.status.${status}`)}</h3>
              <p>
                <Link to={`/admin/organizations?status=${status}`} className="stat">
                  {t("home.orgCount", { count: counts[status] })}
                </Link>
              </p>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/admin/organizations" className="btn">
            {t("admin.reviewQueueLink")}
          </Link>
        </p>
      </section>

      <nav aria-label={t("admin.moreTools")} className="card">
        <h2>{t("admin.moreTools")}</h2>
        <ul>
          <li>
            <Link to="/admin/organizations">{t("admin.orgsLink")}</Link>
          </li>
          {canManageUsers ? (
            <li>
              <Link to="/admin/users">{t("admin.usersLink")}</Link>
            </li>
          ) : null}
          {canViewAudit ? (
            <li>
              <Link to="/admin/audit">{t("admin.auditLink")}</Link>
            </li>
          ) : null}
          {canOperate ? (
            <li>
              <Link to="/admin/system">{t("system.adminLink")}</Link>
            </li>
          ) : null}
          {canEditSite ? (
            <li>
              <Link to="/admin/settings">{t("site.settings.adminLink")}</Link>
            </li>
          ) : null}
          <li><Link to="/admin/listings">{t("listingReview.adminLink")}</Link></li>
          <li><Link to="/admin/internship-rules">{t("internshipRules.adminLink")}</Link></li>
          <li><Link to="/admin/matchmaking">{t("overview.adminLink")}</Link></li>
          <li>
            <Link to="/admin/search-stats">{t("searchStats.adminLink")}</Link>
          </li>
        </ul>
      </nav>
    </section>
  );
}
