import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { getFile } from "~/models/certification/applications.server.ts";
import { belongsTo, isPlatformStaff, notFound, requireActor } from "~/models/policy.server.ts";
import { storedFileDownload } from "~/models/stored-file.server.ts";
import { uuidParam } from "~/http/params.server.ts";

/** An evidence file: for the applying organisation's members and platform staff; anyone else gets 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const file = await getFile(appDb(), uuidParam(params));
  if (!file || !(belongsTo(actor, file.organization_id) || isPlatformStaff(actor))) throw notFound();
  return storedFileDownload({ content: file.content, contentType: file.content_type, fileName: file.file_name });
}
