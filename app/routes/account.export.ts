import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { exportPersonalData } from "~/models/account/personal-data.server.ts";
import { requireActor } from "~/models/policy.server.ts";

// PIPL art. 45: a copy of one's own personal data, as a JSON download, for the signed-in user only.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const data = await exportPersonalData(appDb(), actor.user.id, { ip: context.clientIp });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="chanjiaotong-personal-data.json"',
      "Cache-Control": "no-store",
    },
  });
}
