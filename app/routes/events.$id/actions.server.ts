import type { ActionFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { createTranslator } from "~/i18n/index.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { canManageEvent, eventRefusals } from "~/models/matchmaking/events/events.server.ts";
import { cancelRegistration, registerForEvent } from "~/models/matchmaking/events/registrations.server.ts";
import { markAttendance } from "~/models/matchmaking/events/attendance.server.ts";
import { getEvent } from "~/models/matchmaking/events/views.server.ts";
import { forbidden, notFound, requireActor, type Actor, type OrgActor } from "~/models/policy.server.ts";
import { eventPageActionSchema } from "~/schemas/event.ts";
import { formError, parseForm } from "~/utils/forms.server.ts";

type Done = { ok: true; done: "registered" | "waitlisted" | "cancelled" | "attendance"; position: number | null };

function asMember(actor: Actor): OrgActor {
  if (!actor.organization) throw forbidden(createTranslator()("events.register.orgOnly"));
  return actor as OrgActor;
}

export async function eventPageAction({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const view = await getEvent(db, uuidParam(params), actor);
  if (!view) throw notFound();
  const id = view.event.id;
  const formData = await request.formData();
  const parsed = parseForm(eventPageActionSchema, formData);
  if (!parsed.ok) return formError(formData, "events.error.badIntent");

  const input = parsed.data;
  switch (input.intent) {
    case "register": {
      const result = await registerForEvent(db, asMember(actor), id);
      if (!result.ok) return refusalResponse(formData, eventRefusals, result);
      return { ok: true, done: result.status, position: result.position ?? null } satisfies Done;
    }
    case "cancel-registration": {
      const result = await cancelRegistration(db, asMember(actor), id);
      if (!result.ok) return refusalResponse(formData, eventRefusals, result);
      return { ok: true, done: "cancelled", position: null } satisfies Done;
    }
    case "attendance": {
      if (!canManageEvent(actor, view.event)) throw forbidden();
      const result = await markAttendance(db, actor, id, input.attended);
      if (!result.ok) return refusalResponse(formData, eventRefusals, result);
      return { ok: true, done: "attendance", position: result.attended } satisfies Done;
    }
  }
}
