import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { appDb } from "~/db.server.ts";
import { createTranslator, useT, type MessageKey } from "~/i18n/index.ts";
import {
  canManageEvent,
  cancelRegistration,
  getEvent,
  markAttendance,
  registerForEvent,
  type EventError,
} from "~/models/match-event.server.ts";
import { forbidden, getActor, isPlatformStaff, notFound, requireActor, type OrgActor } from "~/models/policy.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = createTranslator();
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

function refusal(error: EventError) {
  if (error === "notFound") throw notFound();
  const status = error === "notVerified" ? 403 : 409;
  const message: MessageKey = `events.error.${error}`;
  return data({ ok: false as const, message }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const view = await getEvent(db, uuidParam(params), actor);
  if (!view) throw notFound();
  const id = view.event.id;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "register" || intent === "cancel-registration") {
    if (!actor.organization) throw forbidden(createTranslator()("events.register.orgOnly"));
    const orgActor = actor as OrgActor;
    if (intent === "register") {
      const result = await registerForEvent(db, orgActor, id);
      if (!result.ok) return refusal(result.error);
      return { ok: true as const, done: result.status, position: result.position ?? null };
    }
    const result = await cancelRegistration(db, orgActor, id);
    if (!result.ok) return refusal(result.error);
    return { ok: true as const, done: "cancelled" as const, position: null };
  }
  if (intent === "attendance") {
    if (!canManageEvent(actor, view.event)) throw forbidden();
    const attended = formData.getAll("attended").filter((v): v is string => typeof v === "string");
    const result = await markAttendance(db, actor, id, attended);
    if (!result.ok) return refusal(result.error);
    return { ok: true as const, done: "attendance" as const, position: result.attended };
  }
  const message: MessageKey = "events.error.badIntent";
  return data({ ok: false as const, message }, { status: 400 });
}

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
      {result && !result.ok ? (
        <p className="alert alert-error" role="alert">
          {t(result.message)}
        </p>
      ) : null}
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

      <section aria-labelledby="event-facts" className="card">
        <h2 id="event-facts" className="visually-hidden">
          {t("events.when")}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t("events.when")}</dt>
            <dd>
              {t("events.timeRange", { start: event.startsAt, end: event.endsAt })}
              {t("events.beijingTime")}
            </dd>
          </div>
          <div>
            <dt>{t("events.place")}</dt>
            <dd>{event.place}</dd>
          </div>
          <div>
            <dt>{t("events.capacity")}</dt>
            <dd>
              {t("events.seats", { registered, capacity: event.capacity })}
              {waitlisted > 0 ? ` · ${t("events.waitlistCount", { n: waitlisted })}` : ""}
            </dd>
          </div>
          {event.audience ? (
            <div>
              <dt>{t("events.audience")}</dt>
              <dd>{event.audience}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("events.organizer")}</dt>
            <dd>{organizerName ?? t("events.organizerPlatform")}</dd>
          </div>
        </dl>
      </section>

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

      <section aria-labelledby="event-register" className="card">
        <h2 id="event-register">{t("events.register.title")}</h2>
        {own ? (
          <>
            <p data-testid="own-registration">
              {own.status === "registered"
                ? t("events.register.registered")
                : t("events.register.waitlisted", { position: own.position ?? 1 })}
            </p>
            {own.attended !== null ? (
              <p>{t("events.register.attended", { value: t(own.attended ? "events.manage.attendedYes" : "events.manage.attendedNo") })}</p>
            ) : null}
            {open ? (
              <Form method="post">
                <button type="submit" name="intent" value="cancel-registration" className="btn-secondary">
                  {own.status === "registered" ? t("events.register.cancel") : t("events.register.leaveWaitlist")}
                </button>
              </Form>
            ) : null}
          </>
        ) : !open ? (
          <p>{t("events.register.closed")}</p>
        ) : viewer === "anonymous" ? (
          <p>
            {t("events.register.loginHint")} <Link to={loginLink}>{t("events.register.login")}</Link>
          </p>
        ) : viewer === "staff" ? (
          <p className="muted">{t("events.register.orgOnly")}</p>
        ) : viewer === "unverified" ? (
          <p>{t("events.register.notVerified")}</p>
        ) : (
          <>
            {full ? <p>{t("events.register.fullHint")}</p> : null}
            <Form method="post">
              <button type="submit" name="intent" value="register">
                {full ? t("events.register.submitWaitlist") : t("events.register.submit")}
              </button>
            </Form>
          </>
        )}
      </section>

      {registrations ? (
        <section aria-labelledby="event-manage" className="card">
          <h2 id="event-manage">{t("events.manage.title")}</h2>
          {canManage && event.status === "published" ? (
            <p>
              <Link to={`/events/${event.id}/edit`}>{t("events.manage.edit")}</Link>
            </p>
          ) : null}
          {registrations.length === 0 ? (
            <p className="muted">{t("events.manage.none")}</p>
          ) : (
            <Form method="post">
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t("events.manage.title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("events.manage.org")}</th>
                      <th scope="col">{t("events.manage.status")}</th>
                      <th scope="col">{t("events.manage.registeredAt")}</th>
                      <th scope="col">{t("events.manage.attended")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {registrations.map((r) => (
                      <tr key={r.organizationId}>
                        <td>{r.name}</td>
                        <td>{t(`events.status.${r.status}`)}</td>
                        <td>{r.at}</td>
                        <td>
                          {r.status !== "registered" ? (
                            "—"
                          ) : canManage && event.started && event.status === "published" ? (
                            <input
                              type="checkbox"
                              name="attended"
                              value={r.organizationId}
                              defaultChecked={r.attended === true}
                              aria-label={t("events.manage.attendedFor", { org: r.name })}
                            />
                          ) : (
                            t(
                              r.attended === null
                                ? "events.manage.attendedUnknown"
                                : r.attended
                                  ? "events.manage.attendedYes"
                                  : "events.manage.attendedNo",
                            )
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {canManage && event.started && event.status === "published" ? (
                <>
                  <p className="muted small">{t("events.manage.attendanceHint")}</p>
                  <button type="submit" name="intent" value="attendance">
                    {t("events.manage.attendanceSave")}
                  </button>
                </>
              ) : null}
            </Form>
          )}
        </section>
      ) : null}
    </article>
  );
}
