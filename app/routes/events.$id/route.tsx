import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { canManageEvent } from "~/models/matchmaking/events/events.server.ts";
import { getEvent } from "~/models/matchmaking/events/views.server.ts";
import { getActor, isPlatformStaff, notFound } from "~/models/policy.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { uuidParam } from "~/http/params.server.ts";
import { FormAlert } from "~/components/form.tsx";
import { eventPageAction } from "./actions.server.ts";
import { AttendanceCard, EventFacts, RegistrationCard } from "./forms.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  if (!data) return [{ title: `${t("events.title")} · 产教通` }];
  return [
    { title: `${data.event.title} · ${t("events.title")} · 产教通` },
    { name: "description", content: `${data.event.startsAt} ${data.event.place}` },
  ];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const view = await getEvent(appDb(), uuidParam(params), actor, { staff: isPlatformStaff(actor) });
  if (!view) throw notFound();
  const { event } = view;
  const now = Date.now();
  return {
    event: {
      id: event.id,
      title: event.title,
      startsAt: formatDateTime(event.starts_at),
      endsAt: formatDateTime(event.ends_at),
      place: event.place,
      capacity: event.capacity,
      audience: event.audience,
      agenda: event.agenda,
      status: event.status,
      started: event.starts_at.getTime() <= now,
    },
    organizerName: view.organizerName,
    registered: view.registered,
    waitlisted: view.waitlisted,
    own: view.own,
    viewer: !actor ? "anonymous" : !actor.organization ? "staff" : actor.organization.status !== "verified" ? "unverified" : "org",
    canManage: canManageEvent(actor, event),
    registrations:
      view.registrations?.map((r) => ({
        organizationId: r.organization_id,
        name: r.organization_name,
        status: r.status,
        attended: r.attended,
        at: formatDateTime(r.created_at),
      })) ?? null,
  };
}

export const action = (args: ActionFunctionArgs) => eventPageAction(args);

export default function EventDetail() {
  const { event, organizerName, registered, waitlisted, own, viewer, canManage, registrations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const full = registered >= event.capacity;
  const open = event.status === "published" && !event.started;
  const flash = params.get("done");
  const loginLink = `/login?redirectTo=${encodeURIComponent(`/events/${event.id}`)}`;
  const agenda = event.agenda
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <article aria-labelledby="event-title" className="page-stack">
      <header>
        <p>
          <Link to="/events">{t("events.title")}</Link>
        </p>
        <h1 id="event-title">{event.title}</h1>
        {event.status === "cancelled" ? <p className="status status-event-cancelled">{t("events.cancelled")}</p> : null}
      </header>
      {flash === "created" || flash === "saved" || flash === "cancelled" ? (
        <p className="alert alert-ok" role="status">
          {t(flash === "created" ? "events.created" : flash === "saved" ? "events.saved" : "events.cancelledDone")}
        </p>
      ) : null}
      <FormAlert feedback={result && !result.ok ? result : null} />
      {result?.ok ? (
        <p className={result.done === "waitlisted" ? "alert" : "alert alert-ok"} role="status" data-testid="event-result">
          {result.done === "registered"
            ? t("events.register.done")
            : result.done === "waitlisted"
              ? t("events.register.waitlisted", { position: result.position ?? 1 })
              : result.done === "cancelled"
                ? t("events.register.cancelled")
                : t("events.manage.attendanceSaved", { n: result.position ?? 0 })}
        </p>
      ) : null}

      <EventFacts event={event} registered={registered} waitlisted={waitlisted} organizerName={organizerName} />

      {agenda.length ? (
        <section aria-labelledby="event-agenda" className="card">
          <h2 id="event-agenda">{t("events.agenda")}</h2>
          <ul className="plain-list">
            {agenda.map((line, i) => (
              <li key={i} className="preserve-lines">
                {line}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <RegistrationCard own={own} open={open} full={full} viewer={viewer} loginLink={loginLink} />

      {registrations ? <AttendanceCard event={event} canManage={canManage} registrations={registrations} /> : null}
    </article>
  );
}
