import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EventCard, eventCardData } from "~/components/event-card.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { canOrganizeEvents } from "~/models/matchmaking/events/events.server.ts";
import { listEvents } from "~/models/matchmaking/events/views.server.ts";
import { getActor } from "~/models/policy.server.ts";
import { eventFilterSchema } from "~/schemas/event.ts";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${t("events.title")} · 产教通` }, { name: "description", content: t("events.intro") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const { q } = eventFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { upcoming, past } = await listEvents(appDb(), { q });
  return { q, canCreate: canOrganizeEvents(actor), upcoming: upcoming.map(eventCardData), past: past.map(eventCardData) };
}

export default function Events() {
  const { q, canCreate, upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="events-title" className="page-stack">
      <h1 id="events-title">{t("events.title")}</h1>
      <p className="muted">{t("events.intro")}</p>
      {canCreate ? (
        <p>
          <Link to="/events/new" className="btn">
            {t("events.new")}
          </Link>
        </p>
      ) : null}
      <Form method="get" role="search" className="search-box" aria-label={t("events.search.label")}>
        <label htmlFor="events-q" className="visually-hidden">
          {t("events.search.label")}
        </label>
        <input id="events-q" name="q" type="search" defaultValue={q} maxLength={100} placeholder={t("events.search.placeholder")} />
        <button type="submit" className="btn-secondary">
          {t("events.search.submit")}
        </button>
        {q ? <Link to="/events">{t("events.search.clear")}</Link> : null}
      </Form>
      {q ? <p role="status">{t("events.search.results", { q })}</p> : null}

      <section aria-labelledby="events-upcoming">
        <h2 id="events-upcoming">{t("events.upcoming")}</h2>
        {upcoming.length ? (
          <ul className="cards">
            {upcoming.map((e) => (
              <EventCard key={e.id} event={e} />
            ))}
          </ul>
        ) : (
          <p className="muted">{q ? t("events.emptySearch") : t("events.emptyUpcoming")}</p>
        )}
      </section>
      <section aria-labelledby="events-past">
        <h2 id="events-past">{t("events.past")}</h2>
        {past.length ? (
          <ul className="cards">
            {past.map((e) => (
              <EventCard key={e.id} event={e} />
            ))}
          </ul>
        ) : (
          <p className="muted">{q ? t("events.emptySearch") : t("events.emptyPast")}</p>
        )}
      </section>
    </section>
  );
}
