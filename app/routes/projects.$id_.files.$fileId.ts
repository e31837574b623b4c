import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { notFound, requireActor } from "~/models/policy.server.ts";
import { attachmentDisposition, getProjectFile } from "~/models/project.server.ts";

/**
 * An agreement file, as a download, for the two parties and platform staff; anyone else gets 404. The stored
 * content type was read from the file's bytes at upload; X-Content-Type-Options: nosniff (set on every response by
 * securityHeaders in app/security-headers.server.ts, so not repeated here) keeps the browser from guessing another.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const file = await getProjectFile(appDb(), actor, params.id ?? "", params.fileId ?? "");
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
