import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { createTranslator } from "~/i18n/index.ts";
import { planWorkbook } from "~/models/plan/export.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { todayInChina } from "~/utils/dates.ts";
import { attachmentDisposition } from "~/models/stored-file.server.ts";

// The plan table with status and latest progress, as an Excel workbook (platform administrators).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "plan:administer");
  const body = await planWorkbook(appDb());
  const name = `${createTranslator()("plan.pageTitle")}-${todayInChina()}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentDisposition(name),
      "Cache-Control": "private, no-store",
    },
  });
}
