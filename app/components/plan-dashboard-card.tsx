import { Link } from "@remix-run/react";
import type { PlatformRole } from "../../db/schema.ts";
import { useT } from "~/i18n/index.ts";
import { roleCan } from "../domain/permissions.ts";

/** The dashboard's way into plan tracking, for plan officers and platform administrators. */
export function PlanDashboardCard({ platformRole }: { platformRole: PlatformRole | null }) {
  const t = useT();
  if (!roleCan(platformRole, "plan:track")) return null;
  const admin = roleCan(platformRole, "plan:administer");
  return (
    <section className="card" aria-labelledby="plan-card-title" data-testid="plan-dashboard-card">
      <h2 id="plan-card-title">{t("plan.dashboardCard.title")}</h2>
      <p className="muted">{t(admin ? "plan.dashboardCard.admin" : "plan.dashboardCard.officer")}</p>
      <p className="actions">
        <Link to="/plan">{t("plan.title")}</Link>
        {admin ? <Link to="/admin/plan">{t("plan.links.supervision")}</Link> : null}
        {admin ? <Link to="/admin/plan/dashboard">{t("plan.links.dashboard")}</Link> : null}
      </p>
    </section>
  );
}
