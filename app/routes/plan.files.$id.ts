import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { getReportFile } from "~/models/plan/files.server.ts";
import { notFound, requirePermission } from "~/models/policy.server.ts";
import { storedFileDownload } from "~/models/stored-file.server.ts";
import { uuidParam } from "~/http/params.server.ts";

/** An evidence file of a plan report, for plan officers and platform administrators (who can read the report). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "plan:track");
  const file = await getReportFile(appDb(), uuidParam(params));
  if (!file) throw notFound();
  return storedFileDownload(file);
}
