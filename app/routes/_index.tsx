import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { EventCard, eventCardData } from "~/components/event-card.tsx";
import { appDb } from "~/db.server.ts";
import { upcomingEvents } from "~/models/matchmaking/events/views.server.ts";
import { industryGroups } from "~/domain/industries.ts";
import { organizationKinds } from "~/domain/organization-kinds.ts";
import { useT } from "~/i18n/index.ts";
import { countVerifiedOrganizationsByKind } from "~/models/organization.server.ts";
import { planSummary } from "~/models/plan/reference.server.ts";

export async function loader() {
  const [counts, plan, events] = await Promise.all([countVerifiedOrganizationsByKind(), planSummary(appDb()), upcomingEvents(appDb(), 3)]);
  return { counts, plan, events: events.map(eventCardData) };
}

export default function Home() {
  const { counts, plan, events } = useLoaderData<typeof loader>();
  const t = useT();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("accountDeleted") ? (
        <p className="alert alert-ok" role="status">
          {t("account.delete.done")}
        </p>
      ) : null}
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.heroTitle")}</h1>
        <p>{t("home.heroText")}</p>
        <form method="get" action="/search" role="search" className="search-box">
          <label htmlFor="home-q" className="visually-hidden">
            {t("home.searchLabel")}
          </label>
          <input id="home-q" name="q" type="search" placeholder={t("home.searchPlaceholder")} />
          <button type="submit" className="btn-secondary">
            {t("home.searchButton")}
          </button>
        </form>
      </section>

      <section aria-labelledby="stats-title">
        <h2 id="stats-title">{t("home.statsTitle")}</h2>
        <ul className="cards">
          {organizationKinds.map((kind) => (
            <li key={kind} className="card">
              <h3>{t(`orgKind.${kind}`)}</h3>
              <p className="stat">{t("home.orgCount", { count: counts[kind] ?? 0 })}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="home-events-title">
        <h2 id="home-events-title">{t("events.homeTitle")}</h2>
        {events.length ? (
          <ul className="cards">
            {events.map((e) => (
              <EventCard key={e.id} event={e} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("events.homeEmpty")}</p>
        )}
        <p>
          <Link to="/events">{t("events.homeAll")}</Link>
        </p>
      </section>

      <section aria-labelledby="industries-title">
        <h2 id="industries-title">{t("home.industriesTitle")}</h2>
        <ul className="cards">
          {industryGroups.map((group) => (
            <li key={group.id} className="card">
              <h3>{t(`industryGroup.${group.id}`)}</h3>
              <p>
                {group.industries.map((industry) => (
                  <span key={industry} className="tag">
                    {t(`industry.${industry}`)}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="plan-title">
        <h2 id="plan-title">{t("home.sectionsTitle")}</h2>
        <p>{t("home.sectionsText", { tasks: plan.tasks, sections: plan.sections.length })}</p>
        <ol>
          {plan.sections.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </section>
    </>
  );
}
