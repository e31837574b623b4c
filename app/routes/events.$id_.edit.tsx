import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EventForm } from "~/components/event-form.tsx";
import { Field, SchemaForm, useSchemaForm } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { canManageEvent, canOrganizeEvents, cancelEvent, eventRefusals, updateEvent } from "~/models/matchmaking/events/events.server.ts";
import { getEvent } from "~/models/matchmaking/events/views.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { forbidden, notFound, requireActor } from "~/models/policy.server.ts";
import { cancelEventSchema, dateToBeijing, eventSchema } from "~/schemas/event.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("events.form.editTitle")} · 产教通` }];

/** Organisers only; another organiser's event is not there (404). */
async function requireManagedEvent(request: Request, params: LoaderFunctionArgs["params"]) {
  const actor = await requireActor(request);
  if (!canOrganizeEvents(actor)) throw forbidden();
  const view = await getEvent(appDb(), uuidParam(params), actor);
  if (!view || !canManageEvent(actor, view.event)) throw notFound();
  return { actor, view };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await requireManagedEvent(request, params);
  const { event } = view;
  return {
    id: event.id,
    title: event.title,
    cancelled: event.status === "cancelled",
    registered: view.registered,
    defaults: {
      title: event.title,
      startsAt: dateToBeijing(event.starts_at),
      endsAt: dateToBeijing(event.ends_at),
      place: event.place,
      capacity: String(event.capacity),
      audience: event.audience,
      agenda: event.agenda,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, view } = await requireManagedEvent(request, params);
  const db = appDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "cancel-event") {
    const parsed = parseForm(cancelEventSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const result = await cancelEvent(db, actor, view.event.id, parsed.data.reason, { ip: context.clientIp });
    if (!result.ok) return refusalResponse(formData, eventRefusals, result);
    return redirect(`/events/${view.event.id}?done=cancelled`);
  }
  if (intent !== "save") return formError(formData, "events.error.badIntent");
  const parsed = parseForm(eventSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await updateEvent(db, actor, view.event.id, parsed.data);
  if (!result.ok) return refusalResponse(formData, eventRefusals, result);
  return redirect(`/events/${view.event.id}?done=saved`);
}

export default function EditEvent() {
  const { id, cancelled, registered, defaults } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const cancelFeedback = feedback && feedback.values?.intent === "cancel-event" ? feedback : null;
  const cancelForm = useSchemaForm(cancelEventSchema, { feedback: cancelFeedback });
  return (
    <section aria-labelledby="event-edit-title" className="page-stack narrow">
      <h1 id="event-edit-title">{t("events.form.editTitle")}</h1>
      {cancelled ? (
        <p className="alert">{t("events.form.cancelledNote")}</p>
      ) : (
        <>
          <p className="muted">{t("events.form.intro")}</p>
          {registered > 0 ? <p className="muted">{t("events.form.registeredNote", { registered })}</p> : null}
          <EventForm feedback={cancelFeedback ? null : feedback} defaults={defaults} submitLabel={t("events.form.save")} labelledBy="event-edit-title" />
          <section aria-labelledby="event-cancel-title" className="card">
            <h2 id="event-cancel-title">{t("events.form.cancelTitle")}</h2>
            <p className="muted small">{t("events.form.cancelHint")}</p>
            <SchemaForm form={cancelForm} feedback={cancelFeedback} aria-labelledby="event-cancel-title">
              <input type="hidden" name="intent" value="cancel-event" />
              <Field form={cancelForm} name="reason" label={t("events.form.cancelReason")} required />
              <div>
                <button type="submit" className="btn-danger">
                  {t("events.form.cancelSubmit")}
                </button>
              </div>
            </SchemaForm>
          </section>
        </>
      )}
      <p>
        <Link to={`/events/${id}`}>{t("events.form.back")}</Link>
      </p>
    </section>
  );
}
