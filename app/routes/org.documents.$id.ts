import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { getOrganizationDocument } from "~/models/organization-documents.server.ts";
import { notFound, requireActor } from "~/models/policy.server.ts";
import { storedFileDownload } from "~/models/stored-file.server.ts";

/** A registration document, as a download, for its organisation's members and platform staff; anyone else gets 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const document = await getOrganizationDocument(appDb(), actor, uuidParam(params));
  if (!document) throw notFound();
  return storedFileDownload(document);
}
