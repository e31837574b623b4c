import { Form, Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { useT } from "~/i18n/index.ts";
import type { loader } from "./route.tsx";
import { DataTable } from "~/components/data-table.tsx";

type EventPage = SerializeFrom<typeof loader>;

export function EventFacts({ event, registered, waitlisted, organizerName }: Pick<EventPage, "event" | "registered" | "waitlisted" | "organizerName">) {
  const t = useT();
  return (
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
  );
}

/** Registering, cancelling or leaving the waiting list, or why the viewer cannot. */
export function RegistrationCard({ own, open, full, viewer, loginLink }: Pick<EventPage, "own" | "viewer"> & { open: boolean; full: boolean; loginLink: string }) {
  const t = useT();
  return (
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
  );
}

/** Who registered, and for the organiser once the event has started, who attended. */
export function AttendanceCard({ event, canManage, registrations }: Pick<EventPage, "event" | "canManage"> & { registrations: NonNullable<EventPage["registrations"]> }) {
  const t = useT();
  return (
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
            <DataTable>
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
            </DataTable>
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
  );
}
