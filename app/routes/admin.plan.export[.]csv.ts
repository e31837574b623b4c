import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { createTranslator } from "~/i18n/index.ts";
import { planCsv } from "~/models/plan/export.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { todayInChina } from "~/utils/dates.ts";
import { attachmentDisposition } from "~/models/stored-file.server.ts";

// The same table as CSV (UTF-8 with BOM, so Excel shows the Chinese), for platform administrators.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "plan:administer");
  const body = await planCsv(appDb());
  const name = `${createTranslator()("plan.pageTitle")}-${todayInChina()}.csv`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(name),
      "Cache-Control": "private, no-store",
    },
  });
}
