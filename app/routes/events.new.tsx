import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { EventForm } from "~/components/event-form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { canOrganizeEvents, createEvent, eventRefusals } from "~/models/matchmaking/events/events.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { forbidden, requireActor } from "~/models/policy.server.ts";
import { eventSchema } from "~/schemas/event.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("events.form.newTitle")} · 产教通` }];

async function requireOrganizer(request: Request) {
  const actor = await requireActor(request);
  if (!canOrganizeEvents(actor)) throw forbidden();
  return actor;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireOrganizer(request);
  const formData = await request.formData();
  const parsed = parseForm(eventSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await createEvent(appDb(), actor, parsed.data);
  if (!result.ok) return refusalResponse(formData, eventRefusals, result);
  return redirect(`/events/${result.event.id}?done=created`);
}

export default function NewEvent() {
  const feedback = useActionData<typeof action>();
  const t = useT();
  return (
    <section aria-labelledby="event-new-title" className="page-stack narrow">
      <h1 id="event-new-title">{t("events.form.newTitle")}</h1>
      <p className="muted">{t("events.form.intro")}</p>
      <EventForm feedback={feedback} submitLabel={t("events.form.publish")} labelledBy="event-new-title" defaults={{ capacity: "30" }} />
      <p>
        <Link to="/events">{t("events.title")}</Link>
      </p>
    </section>
  );
}
