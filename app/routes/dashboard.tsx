import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT, type MessageKey } from "~/i18n/index.ts";
import { isPlatformStaff, requireActor } from "~/models/policy.server.ts";

export const meta: MetaFunction = () => [{ title: "工作台 · 产教通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return {
    user: { name: actor.user.name, orgRole: actor.user.org_role, platformRole: actor.user.platform_role },
    organization: actor.organization
      ? { name: actor.organization.name, kind: actor.organization.kind, status: actor.organization.status }
      : null,
    staff: isPlatformStaff(actor),
  };
}

export default function Dashboard() {
  const { user, organization, staff } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboard.title", { name: user.name })}</h1>
      {organization ? (
        <div className="card">
          <h2>{organization.name}</h2>
          <p>
            {t(`orgKind.${organization.kind}` as MessageKey)} ·{" "}
            <span className={`status status-${organization.status}`}>{t(`org.status.${organization.status}` as MessageKey)}</span>
          </p>
          {organization.status !== "verified" ? <p>{t("dashboard.pendingHint")}</p> : null}
          <p>
            <Link to="/org">{t("dashboard.orgLink")}</Link>
          </p>
        </div>
      ) : null}
      {staff ? (
        <div className="card">
          <h2>{t("nav.admin")}</h2>
          <p>
            <Link to="/admin">{t("dashboard.adminLink")}</Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
