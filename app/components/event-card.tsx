import { Link } from "@remix-run/react";
import { useT } from "../i18n/index.ts";
import type { EventSummary } from "../models/matchmaking/events/views.server.ts";
import { formatDateTime } from "../utils/dates.ts";

export interface EventCardData {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  capacity: number;
  registered: number;
  waitlisted: number;
  status: "published" | "cancelled";
  organizerName: string | null;
}

/** One event in a list: title, when, where and how full. */
export function EventCard({ event, headingLevel = 3 }: { event: EventCardData; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const full = event.registered >= event.capacity;
  return (
    <li className="card event-card">
      <Heading>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </Heading>
      <p className="hit-meta">
        {event.status === "cancelled" ? <span className="status status-event-cancelled">{t("events.cancelled")}</span> : null}
        {event.status === "published" && full ? <span className="tag">{t("events.full")}</span> : null}
        <span className="tag">{t("events.seats", { registered: event.registered, capacity: event.capacity })}</span>
        {event.waitlisted > 0 ? <span className="tag">{t("events.waitlistCount", { n: event.waitlisted })}</span> : null}
      </p>
      <p className="small">
        {t("events.when")}：{t("events.timeRange", { start: event.startsAt, end: event.endsAt })}
      </p>
      <p className="small">
        {t("events.place")}：{event.place}
      </p>
      <p className="small muted">
        {t("events.organizer")}：{event.organizerName ?? t("events.organizerPlatform")}
      </p>
    </li>
  );
}

/** A list row from the model, as the card shows it (times in Beijing time). */
export function eventCardData(e: EventSummary): EventCardData {
  return {
    id: e.id,
    title: e.title,
    startsAt: formatDateTime(e.starts_at),
    endsAt: formatDateTime(e.ends_at),
    place: e.place,
    capacity: e.capacity,
    registered: e.registered,
    waitlisted: e.waitlisted,
    status: e.status,
    organizerName: e.organizer_name,
  };
}
