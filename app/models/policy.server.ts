import { redirect } from "@remix-run/node";
import type { Organization, User } from "../../db/schema.ts";
import { appDb } from "../db.server.ts";
import { roleCan, type Permission } from "../domain/permissions.ts";
import { createTranslator } from "../i18n/translate.ts";
import { findSession, SESSION_COOKIE, type SessionUser } from "./session.server.ts";

/**
 * Authorisation for every loader and action lives here: routes call a require* guard on their first
 * line, and the can* predicates answer the finer questions. A record of another organisation is
 * answered with 404, never 403, so its existence does not leak.
 */

export type Actor = SessionUser;

const t = createTranslator();

const cache = new WeakMap<Request, Promise<Actor | null>>();

/**
 * A cookie's value, or undefined when it is missing or not valid percent-encoding (`cjt_session=%`): a garbled
 * cookie means signed out, never an error page.
 */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function getActor(request: Request): Promise<Actor | null> {
  let found = cache.get(request);
  if (!found) {
    const token = readCookie(request, SESSION_COOKIE);
    found = token ? findSession(appDb(), token) : Promise.resolve(null);
    cache.set(request, found);
  }
  return found;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  // safeRedirect ignores a redirectTo over 2000 characters; echoing a longer one only grows the Location header
  // past what clients parse (a 15 KB query became 45 KB escaped).
  return redirect(back.length <= 2000 ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login");
}

export function notFound(): Response {
  return new Response(t("error.notFound"), { status: 404 });
}

export function forbidden(message: string = t("error.forbiddenAction")): Response {
  return new Response(message, { status: 403 });
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) throw loginRedirect(request);
  return actor;
}

export type OrgActor = Actor & { organization: Organization; user: User & { organization_id: string } };

/** A member (or, with admin, an administrator) of an organisation. */
export async function requireOrgMember(request: Request, options: { admin?: boolean } = {}): Promise<OrgActor> {
  const actor = await requireActor(request);
  if (!actor.organization) throw forbidden(t("error.orgUsersOnly"));
  if (options.admin && actor.user.org_role !== "admin") throw forbidden(t("error.orgAdminOnly"));
  return actor as OrgActor;
}

/** Whether the actor's platform role grants a permission (see app/domain/permissions.ts). */
export const can = (actor: Actor | null | undefined, permission: Permission): boolean => roleCan(actor?.user.platform_role, permission);

/** A signed-in user whose platform role grants the permission; others get 403, the signed-out the login page. */
export async function requirePermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireActor(request);
  if (!can(actor, permission)) throw forbidden();
  return actor;
}

export const isPlatformStaff = (actor: Actor | null) => can(actor, "staff:read");

export const canReviewOrganizations = (actor: Actor | null) => can(actor, "staff:review");

export const canViewAuditLog = (actor: Actor | null) => can(actor, "audit:read");

export const canManageOrganization = (actor: Actor | null, organizationId: string) =>
  actor?.user.organization_id === organizationId && actor.user.org_role === "admin";

export const belongsTo = (actor: Actor | null, organizationId: string) => actor?.user.organization_id === organizationId;

/** Only verified organisations publish; pending ones may draft. */
export const canPublish = (actor: Actor | null) => actor?.organization?.status === "verified";

/** Contact details are for signed-in users of verified organisations and platform staff. */
export const canSeeContacts = (actor: Actor | null) => canPublish(actor) || isPlatformStaff(actor);

/** Recommendations for an organisation: its own members, and platform staff (task 56). */
export const canSeeRecommendations = (actor: Actor | null, organizationId: string) =>
  belongsTo(actor, organizationId) || isPlatformStaff(actor);

/**
 * Responding to a listing: a member of a verified organisation, to another organisation's listing.
 * Training packages are ordered instead.
 */
export const canRespondToListing = (actor: Actor | null, listing: { kind: string; organizationId: string }) =>
  actor?.organization?.status === "verified" &&
  actor.user.organization_id !== listing.organizationId &&
  listing.kind !== "training_package";

/** Plan tracking: plan officers and platform administrators; reviewers and organisations have no access. */
export const canUsePlanTracking = (actor: Actor | null) => can(actor, "plan:track");
/** Reviewing reports, correcting tasks, reminders, dashboard and export: platform administrators only. */
export const canAdministerPlan = (actor: Actor | null) => can(actor, "plan:administer");

/** Matchmaking events (task 57): platform administrators and administrators of verified park committees organise. */
export const canOrganizeEvents = (actor: Actor | null): boolean =>
  can(actor, "events:organize") ||
  (actor?.organization?.kind === "park_committee" && actor.organization.status === "verified" && actor.user.org_role === "admin");

/** An event is managed by platform administrators, and by the park committee that organises it. */
export const canManageEvent = (actor: Actor | null, event: { organizer_org_id: string | null }): boolean =>
  can(actor, "events:organize") ||
  (canOrganizeEvents(actor) && event.organizer_org_id !== null && event.organizer_org_id === actor?.user.organization_id);

/** A training-package order (task 30): its buyer's and provider's organisations, and platform staff (read-only). */
export const canSeeOrder = (actor: Actor | null, order: { buyer_org_id: string; provider_org_id: string }): boolean =>
  belongsTo(actor, order.buyer_org_id) || belongsTo(actor, order.provider_org_id) || isPlatformStaff(actor);
