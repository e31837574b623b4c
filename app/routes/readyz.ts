import { checkReadiness } from "~/models/health.server.ts";

/** Readiness: 503 with a reason while the index is still being filled; /healthz stays cheap. */
export async function loader() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
