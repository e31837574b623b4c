import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { getReportFile } from "~/models/plan-files.server.ts";
import { notFound, planTrackingRoles, requirePlatformRole } from "~/models/policy.server.ts";
import { attachmentDisposition } from "~/models/project.server.ts";

/**
 * An evidence file of a plan report, as a download, for plan officers and platform administrators (who can
 * read the report itself). The content type was read from the bytes at upload; the sandbox CSP and nosniff
 * (set on every response) keep the browser from running anything in it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePlatformRole(request, planTrackingRoles);
  const file = await getReportFile(appDb(), params.id ?? "");
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ETag: `"${file.sha256}"`,
    },
  });
}
