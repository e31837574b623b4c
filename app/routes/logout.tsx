import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { audit } from "~/models/audit.server.ts";
import { getActor } from "~/models/policy.server.ts";
import { clearSessionCookie } from "~/models/session-cookie.server.ts";
import { revokeSession } from "~/models/session.server.ts";

// GET never signs out (no GET changes data); the header's button posts here.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request);
  if (actor) {
    await revokeSession(appDb(), actor.session.id, "logout");
    await audit(appDb(), {
      action: "auth.logout",
      outcome: "success",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      organizationId: actor.user.organization_id,
      ip: context.clientIp,
    });
  }
  return redirect("/login?loggedOut=1", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}
