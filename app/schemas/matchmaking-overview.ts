import { z } from "zod";
import { filterText } from "./fields.ts";
import { orderStatuses } from "./order.ts";
import { projectStatuses, responseStatuses } from "./response.ts";

// The staff overview of matchmaking (/admin/matchmaking): responses, projects and orders of every organisation.

export const overviewViews = ["responses", "projects", "orders"] as const;
export type OverviewView = (typeof overviewViews)[number];

export const overviewStatuses = {
  responses: responseStatuses,
  projects: projectStatuses,
  orders: orderStatuses,
} as const satisfies Record<OverviewView, readonly string[]>;

const firstOf = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/**
 * Read from the URL: a value that makes no sense falls back to its default instead of failing, and a status
 * that does not belong to the view is dropped.
 */
export const overviewFilterSchema = z
  .object({
    view: z.preprocess(firstOf, z.enum(overviewViews)).catch("responses"),
    status: z.preprocess(firstOf, z.string().optional()).catch(undefined),
    q: filterText(100),
    page: z.preprocess(firstOf, z.coerce.number().int().min(1).max(10_000)).catch(1),
  })
  .transform((f) => ({
    ...f,
    status: f.status && (overviewStatuses[f.view] as readonly string[]).includes(f.status) ? f.status : undefined,
  }));
export type OverviewFilter = z.infer<typeof overviewFilterSchema>;
