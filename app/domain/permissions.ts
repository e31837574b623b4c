import type { PlatformRole } from "../../db/schema.ts";

/**
 * What each platform role may do. Every authorisation question about a platform role is asked through this
 * table (`roleCan`, and `can`/`requirePermission` in policy.server.ts), never by comparing role names in place;
 * an ESLint rule refuses `platform_role === "…"` elsewhere. Rights inside an organisation come from membership.
 */
const grants = {
  /** The staff area: the review queues for organisations, listings and certification, and its figures. */
  "staff:review": ["platform_admin", "reviewer"],
  /** Any organisation's contacts, orders and recommendations, read as staff. */
  "staff:read": ["platform_admin", "reviewer"],
  /** Assigning reviewers, deciding applications, notices, certificates, objections and certification types. */
  "certification:decide": ["platform_admin"],
  "users:manage": ["platform_admin"],
  "audit:read": ["platform_admin"],
  /** The status page of the background jobs, the outbox, the index and mail. */
  "system:operate": ["platform_admin"],
  /** What the site says about itself: 主办/承办单位, contact, filing numbers, where written objections go. */
  "site:administer": ["platform_admin"],
  /** Changing the internship rules' figures and sources. */
  "internship:administer": ["platform_admin"],
  /** The 63 plan tasks: reading them, and files attached to them. */
  "plan:track": ["plan_officer", "platform_admin"],
  /** Filing reports and contributions for one's own unit. */
  "plan:report": ["plan_officer"],
  /** Reviewing reports, correcting tasks, supervision settings, the dashboard and exports. */
  "plan:administer": ["platform_admin"],
  /** Organising matchmaking events for the whole platform (park committees organise their own). */
  "events:organize": ["platform_admin"],
} as const satisfies Record<string, readonly PlatformRole[]>;

export type Permission = keyof typeof grants;

export function roleCan(role: PlatformRole | string | null | undefined, permission: Permission): boolean {
  return !!role && (grants[permission] as readonly string[]).includes(role);
}

/** Whether a role is the platform administrator's (a fact about an account, not a permission check). */
export const isPlatformAdminRole = (role: PlatformRole | string | null | undefined): boolean => role === "platform_admin";
