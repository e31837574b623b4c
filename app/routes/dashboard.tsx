import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/index.ts";
import { PlanDashboardCard } from "~/components/plan-dashboard-card.tsx";
import { CertificationDashboardCard } from "~/components/certification.tsx";
import { isPlatformStaff, requireActor } from "~/models/policy.server.ts";
import { appDb } from "~/db.server.ts";
import { internshipIndicator } from "~/models/listing-views.server.ts";
import { RecommendationsSection } from "~/components/recommendations.tsx";
import { dashboardRecommendations } from "~/models/recommendations.server.ts";
import { matchmakingCounts } from "~/models/matchmaking/responses.server.ts";
import { orderCounts } from "~/models/matchmaking/orders.server.ts";
import { eventCounts } from "~/models/matchmaking/events/views.server.ts";
import { workWaiting, type WorkItem } from "~/models/work-waiting.server.ts";
import { educationKinds } from "~/domain/organization-kinds.ts";
import { roleCan } from "~/domain/permissions.ts";

export const meta: MetaFunction = () => [{ title: "工作台 · 产教通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const kind = actor.organization?.kind;
  // Recommendations match enterprises with schools; a district department or park committee has no side to match.
  const matched = kind === "enterprise" || (kind !== undefined && educationKinds.includes(kind));
  return {
    work: await workWaiting(appDb(), actor),
    user: { name: actor.user.name, orgRole: actor.user.org_role, platformRole: actor.user.platform_role },
    organization: actor.organization
      ? { name: actor.organization.name, kind: actor.organization.kind, status: actor.organization.status }
      : null,
    staff: isPlatformStaff(actor),
    // Task 16: enterprises host interns at 2% of their staff.
    internships: actor.organization?.kind === "enterprise" ? await internshipIndicator(appDb(), actor.organization) : null,
    // Task 56: explained recommendations; a note instead of an error when search is unavailable.
    recommendations: actor.organization && matched ? await dashboardRecommendations(actor.organization.id) : null,
    // Training-package orders (task 30) and matchmaking events (task 57).
    orders: actor.organization ? await orderCounts(appDb(), actor.organization.id) : null,
    events: await eventCounts(appDb(), actor.user.organization_id),
    // Responses waiting for a decision and cooperation projects in progress.
    matchmaking: actor.organization ? await matchmakingCounts(appDb(), actor.organization.id) : null,
  };
}

export default function Dashboard() {
  const { work, user, organization, staff, internships, recommendations, orders, events, matchmaking } = useLoaderData<typeof loader>();
  const t = useT();
  // Staff and plan officers come to work through queues: their cards lead, before the organisation's own.
  const planFirst = roleCan(user.platformRole, "plan:track");
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboard.title", { name: user.name })}</h1>
      <WorkCard items={work} />
      {staff ? (
        <div className="card">
          <h2>{t("nav.admin")}</h2>
          <p>
            <Link to="/admin">{t("dashboard.adminLink")}</Link>
          </p>
        </div>
      ) : null}
      {planFirst ? <PlanDashboardCard platformRole={user.platformRole} /> : null}
      {organization ? (
        <div className="card">
          <h2>{organization.name}</h2>
          <p>
            {t(`orgKind.${organization.kind}`)} ·{" "}
            <span className={`status status-${organization.status}`}>{t(`org.status.${organization.status}`)}</span>
          </p>
          {organization.status !== "verified" ? <p>{t("dashboard.pendingHint")}</p> : null}
          <p>
            <Link to="/org">{t("dashboard.orgLink")}</Link>
          </p>
        </div>
      ) : null}
      {organization ? <ListingsCard internships={internships} /> : null}
      {matchmaking ? <MatchmakingCard counts={matchmaking} /> : null}
      {recommendations ? <RecommendationsSection state={recommendations} /> : null}
      <MatchmakingLinks orders={orders} events={events} />
      {planFirst ? null : <PlanDashboardCard platformRole={user.platformRole} />}
      <CertificationDashboardCard organization={organization} platformRole={user.platformRole} />
    </section>
  );
}

/** What waits for this person, with a link to each queue; counts of zero are left out. */
function WorkCard({ items }: { items: WorkItem[] }) {
  const t = useT();
  const waiting = items.filter((i) => i.count > 0);
  return (
    <section className="card" aria-labelledby="work-title" data-testid="work-waiting">
      <h2 id="work-title">{t("dashboard.work.title")}</h2>
      {waiting.length ? (
        <ul className="plain-list">
          {waiting.map((item) => (
            <li key={item.kind} data-work={item.kind}>
              <Link to={item.href}>{t(`dashboard.work.${item.kind}`, { count: item.count })}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("dashboard.work.none")}</p>
      )}
    </section>
  );
}

function ListingsCard({ internships }: { internships: { staff: number; target: number; positionsPublished: number } | null }) {
  const t = useT();
  const percent = internships && internships.target > 0 ? Math.min(100, Math.round((internships.positionsPublished / internships.target) * 100)) : 0;
  return (
    <div className="card">
      <h2>{t("listings.dashboard.title")}</h2>
      <p>
        <Link to="/listings">{t("listings.dashboard.link")}</Link>
      </p>
      {internships ? (
        <section aria-labelledby="internship-indicator-title" data-testid="internship-indicator">
          <h3 id="internship-indicator-title">{t("listings.dashboard.indicatorTitle")}</h3>
          {internships.staff > 0 ? (
            <>
              <p>{t("listings.dashboard.indicator", { target: internships.target, published: internships.positionsPublished })}</p>
              <div className="indicator-bar" aria-hidden="true">
                <span style={{ width: `${percent}%` }} />
              </div>
              <p className="muted">
                {t("listings.dashboard.indicatorProgress", { percent })}
                {percent >= 100 ? ` ${t("listings.dashboard.indicatorDone")}` : ""}
              </p>
            </>
          ) : (
            <p className="muted">{t("listings.dashboard.indicatorNoStaff")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}

function MatchmakingLinks({ orders, events }: { orders: { asBuyer: number; asProvider: number } | null; events: { upcoming: number; mine: number } }) {
  const t = useT();
  return (
    <div className="card" data-testid="matchmaking-links">
      {orders ? (
        <>
          <h2>{t("orders.dashboard.title")}</h2>
          <p>
            <Link to="/orders">{t("orders.dashboard.link")}</Link>{" "}
            <span className="muted">{t("orders.dashboard.counts", { buyer: orders.asBuyer, provider: orders.asProvider })}</span>
          </p>
        </>
      ) : null}
      <h2>{t("events.dashboard.title")}</h2>
      <p>
        <Link to="/events">{t("events.dashboard.link")}</Link>{" "}
        <span className="muted">{t("events.dashboard.counts", { upcoming: events.upcoming, mine: events.mine })}</span>
      </p>
    </div>
  );
}

function MatchmakingCard({ counts }: { counts: { incomingPending: number; projectsInProgress: number } }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="matchmaking-title" data-testid="matchmaking-card">
      <h2 id="matchmaking-title">{t("responses.dashboard.title")}</h2>
      <p>
        <Link to="/responses?tab=incoming&status=pending">{t("responses.dashboard.pending", { count: counts.incomingPending })}</Link>
      </p>
      <p>
        <Link to="/projects?status=in_progress">{t("responses.dashboard.projects", { count: counts.projectsInProgress })}</Link>
      </p>
      <p className="actions">
        <Link to="/responses">{t("responses.dashboard.responsesLink")}</Link>
        <Link to="/projects">{t("responses.dashboard.projectsLink")}</Link>
      </p>
    </section>
  );
}
