import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { planCsv } from "~/models/plan-export.server.ts";
import { requirePlatformRole } from "~/models/policy.server.ts";
import { todayInChina } from "~/utils/dates.ts";

// The same table as CSV (UTF-8 with BOM, so Excel shows the Chinese), for platform administrators.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformRole(request, ["platform_admin"]);
  const body = await planCsv(appDb());
  const name = `深化产教融合工作任务跟踪-${todayInChina()}.csv`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="plan-tasks.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
