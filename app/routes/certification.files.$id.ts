import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { getFile } from "~/models/certification.server.ts";
import { belongsTo, isPlatformStaff, notFound, requireActor } from "~/models/policy.server.ts";

/** An evidence file: for the applying organisation's members and platform staff; anyone else gets 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const file = await getFile(appDb(), params.id ?? "");
  if (!file || !(belongsTo(actor, file.organization_id) || isPlatformStaff(actor))) throw notFound();
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.content_type,
      "Content-Length": String(file.content.length),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
