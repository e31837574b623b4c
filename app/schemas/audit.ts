import { z } from "zod";
import { auditActionList, auditCategories, type AuditAction } from "../domain/audit-actions.ts";
import { CHINA_TZ, dayjs } from "../utils/dates.ts";
import { filterText } from "./fields.ts";
import { isUuid } from "./ids.ts";

// The audit log's filters, read from the address bar (/admin/audit and its export). Anything that makes no sense
// is dropped rather than failing the page; an unknown action or an impossible date is also pointed out.

export const auditOutcomes = ["success", "failure", "denied"] as const;
/** The highest page the log is paged to. */
export const AUDIT_MAX_PAGE = 10_000;

const firstOf = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => dayjs.tz(v, CHINA_TZ).isValid() && dayjs.tz(v, CHINA_TZ).format("YYYY-MM-DD") === v);

export const auditFilterSchema = z.object({
  action: z.preprocess(firstOf, z.enum(auditActionList as [AuditAction, ...AuditAction[]]).optional()).catch(undefined),
  category: z.preprocess(firstOf, z.enum(auditCategories).optional()).catch(undefined),
  outcome: z.preprocess(firstOf, z.enum(auditOutcomes).optional()).catch(undefined),
  actor: filterText(254),
  org: z.preprocess(firstOf, z.string().trim().refine(isUuid).optional()).catch(undefined),
  from: z.preprocess(firstOf, day.optional()).catch(undefined),
  to: z.preprocess(firstOf, day.optional()).catch(undefined),
  page: z.preprocess(firstOf, z.coerce.number().int().min(1).max(AUDIT_MAX_PAGE)).catch(1),
});
export type AuditFilterInput = z.infer<typeof auditFilterSchema>;

const present = (v: unknown) => typeof firstOf(v) === "string" && String(firstOf(v)).trim() !== "";

/** The filters, and whether a date or an action given was dropped (the page says so). */
export function parseAuditFilter(params: URLSearchParams): { filter: AuditFilterInput; badDate: boolean; badAction: boolean } {
  const raw: Record<string, string> = {};
  for (const key of ["action", "category", "outcome", "actor", "org", "from", "to", "page"]) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const filter = auditFilterSchema.parse(raw);
  return {
    filter,
    badDate: (present(raw.from) && !filter.from) || (present(raw.to) && !filter.to),
    badAction: present(raw.action) && !filter.action,
  };
}

/** The filter as the model takes it: days as China-time bounds (the end day included). */
export function auditQueryOf(filter: AuditFilterInput) {
  return {
    action: filter.action,
    category: filter.category,
    outcome: filter.outcome,
    actor: filter.actor,
    organizationId: filter.org,
    from: filter.from ? dayjs.tz(filter.from, CHINA_TZ).toDate() : undefined,
    to: filter.to ? dayjs.tz(filter.to, CHINA_TZ).add(1, "day").toDate() : undefined,
    page: filter.page,
  };
}
