import { z } from "zod";
import { industryGroups, industryIds } from "../domain/industries.ts";
import { listingKinds } from "../domain/listing-kinds.ts";
import { locationIds } from "../domain/locations.ts";
import { organizationKinds } from "../domain/organization-kinds.ts";
import { cleanControls } from "./fields.ts";
import { UUID_PATTERN } from "./ids.ts";

// The search parameters, shared by the /search page and GET /api/v1/search. A list parameter may be
// repeated (?kind=a&kind=b) or comma-separated (?kind=a,b). Messages are catalog keys.

export const catalogKinds = [...listingKinds, "organization"] as const;
export const sortOrders = ["relevance", "newest", "closing"] as const;

const list = <T extends readonly [string, ...string[]]>(values: T, max = 20) =>
  z.preprocess(
    (v) => {
      const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(",") : v === undefined ? [] : v;
      return Array.isArray(items) ? [...new Set(items.map((s) => String(s).trim()).filter(Boolean))] : items;
    },
    z.array(z.enum(values, { message: "search.badValue" })).max(max, { message: "search.tooMany" }),
  );

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : Array.isArray(v) ? v[0] : v);

const int = (min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "search.badNumber" })
      .int({ message: "search.badNumber" })
      .min(min, { message: "search.outOfRange" })
      .max(max, { message: "search.outOfRange" })
      .optional(),
  );

const date = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "search.badDate" })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { message: "search.badDate" })
    .optional(),
);

export const searchParamsSchema = z
  .object({
    q: z.preprocess(
      (v) => {
        const value = Array.isArray(v) ? v[0] : (v ?? "");
        return typeof value === "string" ? cleanControls(value) : value;
      },
      z.string({ message: "search.badValue" }).trim().max(100, { message: "search.queryTooLong" }),
    ),
    kind: list(catalogKinds),
    industryGroup: list(industryGroups.map((g) => g.id) as unknown as readonly [string, ...string[]]),
    industry: list(industryIds as unknown as readonly [string, ...string[]]),
    location: list(locationIds as unknown as readonly [string, ...string[]]),
    orgKind: list(organizationKinds),
    /** One publishing organisation (its profile's "see all" link). */
    org: z.preprocess(
      emptyToUndefined,
      z.string({ message: "search.badValue" }).trim().regex(UUID_PATTERN, { message: "search.badValue" }).transform((v) => v.toLowerCase()).optional(),
    ),
    major: z.preprocess(
      (v) => {
        const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(",") : v === undefined ? [] : v;
        return Array.isArray(items) ? items.map((s) => (typeof s === "string" ? cleanControls(s) : s)) : items;
      },
      z
        .array(z.string().trim().min(1).max(30, { message: "search.badValue" }))
        .max(5, { message: "search.tooMany" }),
    ),
    certified: z.preprocess(emptyToUndefined, z.enum(["true", "false"], { message: "search.badBoolean" }).optional()),
    payMin: int(0, 1_000_000),
    payMax: int(0, 1_000_000),
    startFrom: date,
    endBy: date,
    sort: z.preprocess(emptyToUndefined, z.enum(sortOrders, { message: "search.badSort" }).default("relevance")),
    page: z.preprocess(emptyToUndefined, z.coerce.number({ message: "search.badNumber" }).int({ message: "search.badNumber" }).min(1, { message: "search.outOfRange" }).max(500, { message: "search.outOfRange" }).default(1)),
    hitsPerPage: z.preprocess(emptyToUndefined, z.coerce.number({ message: "search.badNumber" }).int({ message: "search.badNumber" }).min(1, { message: "search.outOfRange" }).max(50, { message: "search.outOfRange" }).default(20)),
  })
  .superRefine((v, ctx) => {
    if (v.payMin !== undefined && v.payMax !== undefined && v.payMax < v.payMin) {
      ctx.addIssue({ code: "custom", path: ["payMax"], message: "search.payRange" });
    }
    // A listing cannot start after the day it must have ended by: a reversed period would find nothing.
    if (v.startFrom && v.endBy && v.endBy < v.startFrom) {
      ctx.addIssue({ code: "custom", path: ["endBy"], message: "search.dateRange" });
    }
  });

export type SearchParams = z.infer<typeof searchParamsSchema>;

export const searchParamNames = Object.keys(searchParamsSchema.shape ?? {});

/** Reads URLSearchParams into the object the schema expects (repeated keys become arrays). */
export function paramsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}
