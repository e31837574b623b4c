import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { createTranslator, localeFromCookie } from "~/i18n/index.ts";
import { auditWorkbook } from "~/models/audit-export.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { attachmentDisposition } from "~/models/stored-file.server.ts";
import { auditQueryOf, parseAuditFilter } from "~/schemas/audit.ts";
import { todayInChina } from "~/utils/dates.ts";

// The audit log under the page's filters, as an Excel workbook (whoever may read the log).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const t = createTranslator(localeFromCookie(request.headers.get("cookie")));
  const { filter } = parseAuditFilter(new URL(request.url).searchParams);
  const body = await auditWorkbook(appDb(), t, { ...auditQueryOf(filter), page: undefined });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentDisposition(`${t("audit.sheet")}-${todayInChina()}.xlsx`),
      "Cache-Control": "private, no-store",
    },
  });
}
