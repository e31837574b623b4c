import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { ListingResponse, ResponseStatus } from "../../../db/schema-matchmaking.ts";
import type { ListingKind } from "../../domain/listing-kinds.ts";
import { isRespondableKind, type RespondableKind, type ResponseDecision, type ResponseInput } from "../../schemas/response.ts";
import { notify } from "../notification.server.ts";
import { canRespondToListing, isPlatformStaff, type Actor } from "../policy.server.ts";
import { createProjectFromResponse } from "./projects.server.ts";
import { logMatchmakingEvent as logEvent } from "./log.server.ts";
import { isUuid } from "../../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";

export { timelineOf, type TimelineEntry } from "./log.server.ts";

/**
 * Responses to listings: a member of a verified organisation responds to another organisation's
 * published listing; the owner accepts (which starts a cooperation project) or declines, each with a reason;
 * the responder may withdraw while it is pending. Only the two organisations (and platform staff, read-only)
 * ever see a response; every step is in matchmaking_events_log and notifies the other side.
 */

export type ResponseError = "notFound" | "notAllowed" | "wrongStatus" | "duplicate" | "ownListing" | "notVerified" | "notRespondable";
export type ResponseResult<T = ListingResponse> = Result<{ response: T }, ResponseError>;

export const responseRefusals = {
  notFound: { kind: "notFound", message: "error.notFound" },
  notAllowed: { kind: "forbidden", message: "responses.error.notAllowed", page: true },
  wrongStatus: { kind: "conflict", message: "responses.error.wrongStatus" },
  duplicate: { kind: "conflict", message: "responses.error.duplicate" },
  ownListing: { kind: "forbidden", message: "responses.refusal.ownListing" },
  notVerified: { kind: "forbidden", message: "responses.refusal.notVerified" },
  notRespondable: { kind: "forbidden", message: "responses.refusal.notRespondable" },
} satisfies RefusalTable<ResponseError>;

export interface RespondTarget {
  id: string;
  kind: RespondableKind;
  title: string;
  organizationId: string;
  organizationName: string;
}

/** The listing a member wants to respond to, or why they may not. */
export async function respondTarget(
  db: DB,
  actor: Actor,
  listingId: string,
): Promise<Result<{ listing: RespondTarget; pendingId: string | null }, ResponseError>> {
  if (!isUuid(listingId)) return refused("notFound");
  const listing = await db
    .selectFrom("listings")
    .innerJoin("organizations", "organizations.id", "listings.organization_id")
    .select(["listings.id", "listings.kind", "listings.title", "listings.organization_id", "organizations.name as org_name"])
    .where("listings.id", "=", listingId)
    .where("listings.status", "=", "published")
    .where("organizations.status", "=", "verified")
    .executeTakeFirst();
  if (!listing) return refused("notFound");
  if (!isRespondableKind(listing.kind)) return refused("notRespondable");
  if (actor.user.organization_id === listing.organization_id) return refused("ownListing");
  if (!canRespondToListing(actor, { kind: listing.kind, organizationId: listing.organization_id })) return refused("notVerified");
  const pending = await db
    .selectFrom("listing_responses")
    .select("id")
    .where("listing_id", "=", listing.id)
    .where("responder_org_id", "=", actor.user.organization_id!)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return {
    ok: true,
    listing: { id: listing.id, kind: listing.kind, title: listing.title, organizationId: listing.organization_id, organizationName: listing.org_name },
    pendingId: pending?.id ?? null,
  };
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "23505";

/** Creates a pending response; a second pending one from the same organisation is refused as "duplicate". */
export async function createResponse(db: DB, actor: Actor, listingId: string, input: ResponseInput): Promise<ResponseResult> {
  const target = await respondTarget(db, actor, listingId);
  if (!target.ok) return target;
  if (target.pendingId) return refused("duplicate");
  try {
    return await inTransaction(db, async (trx): Promise<ResponseResult> => {
      const response = await trx
        .insertInto("listing_responses")
        .values({
          listing_id: target.listing.id,
          responder_org_id: actor.user.organization_id!,
          responder_user_id: actor.user.id,
          message: input.message,
          details: JSON.stringify(input.details),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await logEvent(trx, "response", response.id, "pending", actor, null, { title: target.listing.title, otherOrgId: target.listing.organizationId });
      await notify(
        trx,
        { organizationId: target.listing.organizationId },
        {
          kind: "response.new",
          title: "responses.notify.newTitle",
          body: "responses.notify.newBody",
          params: { org: actor.organization?.name ?? "", listing: target.listing.title },
          link: `/responses/${response.id}`,
        },
      );
      return { ok: true, response };
    });
  } catch (error) {
    // The partial unique index is the last word when two members of one organisation respond at once.
    if (isUniqueViolation(error)) return refused("duplicate");
    throw error;
  }
}

export type ResponseRole = "owner" | "responder" | "staff";

export interface ResponseView {
  response: ListingResponse;
  role: ResponseRole;
  listing: { id: string; kind: ListingKind; title: string; status: string };
  owner: { id: string; name: string };
  responder: { id: string; name: string };
  responderUserName: string | null;
  decidedByName: string | null;
  projectId: string | null;
  /**
   * Each side's contact as its organisation recorded it, once the owner has accepted; null before (and after a
   * decline or withdrawal), so it never reaches the page then.
   */
  contacts: { owner: PartyContact; responder: PartyContact } | null;
}

export interface PartyContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A response as the viewer may see it: a party or platform staff; anyone else gets null (answer 404). */
export async function getResponseForViewer(db: DB, actor: Actor, id: string): Promise<ResponseView | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom("listing_responses as r")
    .innerJoin("listings as l", "l.id", "r.listing_id")
    .innerJoin("organizations as owner", "owner.id", "l.organization_id")
    .innerJoin("organizations as responder", "responder.id", "r.responder_org_id")
    .leftJoin("users as ru", "ru.id", "r.responder_user_id")
    .leftJoin("users as du", "du.id", "r.decided_by")
    .leftJoin("cooperation_projects as p", "p.response_id", "r.id")
    .selectAll("r")
    .select([
      "l.kind as listing_kind",
      "l.title as listing_title",
      "l.status as listing_status",
      "owner.id as owner_id",
      "owner.name as owner_name",
      "responder.name as responder_name",
      "owner.contact_name as owner_contact_name",
      "owner.contact_phone as owner_contact_phone",
      "owner.contact_email as owner_contact_email",
      "responder.contact_name as responder_contact_name",
      "responder.contact_phone as responder_contact_phone",
      "responder.contact_email as responder_contact_email",
      "ru.name as responder_user_name",
      "du.name as decided_by_name",
      "p.id as project_id",
    ])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const orgId = actor.user.organization_id;
  const role: ResponseRole | null =
    orgId && orgId === row.owner_id ? "owner" : orgId && orgId === row.responder_org_id ? "responder" : isPlatformStaff(actor) ? "staff" : null;
  if (!role) return null;
  const {
    listing_kind,
    listing_title,
    listing_status,
    owner_id,
    owner_name,
    responder_name,
    responder_user_name,
    decided_by_name,
    project_id,
    owner_contact_name,
    owner_contact_phone,
    owner_contact_email,
    responder_contact_name,
    responder_contact_phone,
    responder_contact_email,
    ...response
  } = row;
  return {
    response,
    role,
    listing: { id: response.listing_id, kind: listing_kind, title: listing_title, status: listing_status },
    owner: { id: owner_id, name: owner_name },
    responder: { id: response.responder_org_id, name: responder_name },
    responderUserName: responder_user_name,
    decidedByName: decided_by_name,
    projectId: project_id,
    contacts:
      response.status === "accepted"
        ? {
            owner: { name: owner_contact_name, phone: owner_contact_phone, email: owner_contact_email },
            responder: { name: responder_contact_name, phone: responder_contact_phone, email: responder_contact_email },
          }
        : null,
  };
}

/**
 * The owner accepts or declines a pending response, with a reason. Accepting starts a cooperation project in
 * the same transaction. The status check and the change are one UPDATE, so two members deciding at once
 * cannot both win.
 */
export async function decideResponse(
  db: DB,
  actor: Actor,
  id: string,
  decision: ResponseDecision,
): Promise<Result<{ response: ListingResponse; projectId: string | null }, ResponseError>> {
  const view = await getResponseForViewer(db, actor, id);
  if (!view) return refused("notFound");
  if (view.role !== "owner") return refused("notAllowed");
  const status: ResponseStatus = decision.intent === "accept" ? "accepted" : "declined";
  return inTransaction(db, async (trx) => {
    const response = await trx
      .updateTable("listing_responses")
      .set({ status, decision_reason: decision.reason, decided_by: actor.user.id, decided_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .returningAll()
      .executeTakeFirst();
    if (!response) return refused("wrongStatus");
    await logEvent(trx, "response", id, status, actor, decision.reason, {
      title: view.listing.title,
      otherOrgId: view.responder.id,
      detail: { reason: decision.reason },
    });
    let projectId: string | null = null;
    if (status === "accepted") {
      const listing = await trx.selectFrom("listings").select(["id", "kind", "title", "organization_id"]).where("id", "=", response.listing_id).executeTakeFirstOrThrow();
      const project = await createProjectFromResponse(trx, actor, response, listing);
      projectId = project.id;
    }
    await notify(
      trx,
      { organizationId: response.responder_org_id },
      {
        kind: `response.${status}`,
        title: status === "accepted" ? "responses.notify.acceptedTitle" : "responses.notify.declinedTitle",
        body: status === "accepted" ? "responses.notify.acceptedBody" : "responses.notify.declinedBody",
        params: { org: view.owner.name, listing: view.listing.title, reason: decision.reason },
        link: projectId ? `/projects/${projectId}` : `/responses/${id}`,
      },
    );
    return { ok: true as const, response, projectId };
  });
}

/** The responder takes back a pending response. */
export async function withdrawResponse(db: DB, actor: Actor, id: string): Promise<ResponseResult> {
  const view = await getResponseForViewer(db, actor, id);
  if (!view) return refused("notFound");
  if (view.role !== "responder") return refused("notAllowed");
  return inTransaction(db, async (trx): Promise<ResponseResult> => {
    const response = await trx
      .updateTable("listing_responses")
      .set({ status: "withdrawn", updated_at: sql`now()` })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .returningAll()
      .executeTakeFirst();
    if (!response) return refused("wrongStatus");
    await logEvent(trx, "response", id, "withdrawn", actor, null, { title: view.listing.title, otherOrgId: view.owner.id });
    await notify(
      trx,
      { organizationId: view.owner.id },
      {
        kind: "response.withdrawn",
        title: "responses.notify.withdrawnTitle",
        body: "responses.notify.withdrawnBody",
        params: { org: view.responder.name, listing: view.listing.title },
        link: `/responses/${id}`,
      },
    );
    return { ok: true, response };
  });
}

export interface ResponseListItem {
  id: string;
  status: ResponseStatus;
  createdAt: Date;
  listingId: string;
  listingTitle: string;
  listingKind: ListingKind;
  otherOrgName: string;
}

/** Responses to the organisation's listings (incoming) or from it (outgoing), newest first, with counts per status. */
export async function listResponses(
  db: DB,
  organizationId: string,
  filter: { tab: "incoming" | "outgoing"; status?: ResponseStatus },
): Promise<{ items: ResponseListItem[]; counts: Partial<Record<ResponseStatus, number>> }> {
  const base = () => {
    const q = db
      .selectFrom("listing_responses as r")
      .innerJoin("listings as l", "l.id", "r.listing_id");
    return filter.tab === "incoming" ? q.where("l.organization_id", "=", organizationId) : q.where("r.responder_org_id", "=", organizationId);
  };
  let query = base()
    .innerJoin("organizations as o", (join) =>
      filter.tab === "incoming" ? join.onRef("o.id", "=", "r.responder_org_id") : join.onRef("o.id", "=", "l.organization_id"),
    )
    .select(["r.id", "r.status", "r.created_at", "l.id as listing_id", "l.title", "l.kind", "o.name as other_name"]);
  if (filter.status) query = query.where("r.status", "=", filter.status);
  const [rows, counts] = await Promise.all([
    query.orderBy("r.created_at", "desc").orderBy("r.id").limit(200).execute(),
    base().select(["r.status", sql<number>`count(*)::int`.as("n")]).groupBy("r.status").execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.created_at,
      listingId: r.listing_id,
      listingTitle: r.title,
      listingKind: r.kind,
      otherOrgName: r.other_name,
    })),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

/** For the dashboard: pending responses to the organisation's listings and its projects in progress. */
export async function matchmakingCounts(db: DB, organizationId: string): Promise<{ incomingPending: number; projectsInProgress: number }> {
  const [incoming, projects] = await Promise.all([
    db
      .selectFrom("listing_responses as r")
      .innerJoin("listings as l", "l.id", "r.listing_id")
      .where("l.organization_id", "=", organizationId)
      .where("r.status", "=", "pending")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("cooperation_projects")
      .where((eb) => eb.or([eb("owner_org_id", "=", organizationId), eb("partner_org_id", "=", organizationId)]))
      .where("status", "=", "in_progress")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { incomingPending: Number(incoming.n), projectsInProgress: Number(projects.n) };
}
