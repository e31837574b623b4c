import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { notFound, requireActor } from "~/models/policy.server.ts";
import { getProjectFile } from "~/models/matchmaking/projects.server.ts";
import { storedFileDownload } from "~/models/stored-file.server.ts";
import { uuidParam } from "~/http/params.server.ts";

/** An agreement file, as a download, for the two parties and platform staff; anyone else gets 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const file = await getProjectFile(appDb(), actor, uuidParam(params), uuidParam(params, "fileId"));
  if (!file) throw notFound();
  return storedFileDownload(file);
}
