import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { planWorkbook } from "~/models/plan-export.server.ts";
import { requirePlatformRole } from "~/models/policy.server.ts";
import { todayInChina } from "~/utils/dates.ts";

// The plan table with status and latest progress, as an Excel workbook (platform administrators).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformRole(request, ["platform_admin"]);
  const body = await planWorkbook(appDb());
  const name = `深化产教融合工作任务跟踪-${todayInChina()}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="plan-tasks.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
