import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import { roleCan } from "../domain/permissions.ts";
import type { Actor } from "./policy.server.ts";
import { listPlanTasks } from "./plan/tasks.server.ts";

/**
 * What is waiting for this person, first thing on the dashboard: the review queues for staff, the reports to
 * accept and the overdue tasks of one's unit for the plan, the responses and orders waiting for an organisation's
 * answer. Only what is theirs to do; each item links to where it is done.
 */
export const workKinds = [
  "listingsToReview",
  "organizationsToReview",
  "identityChangesToReview",
  "certificationReviewsAssigned",
  "certificationsToDecide",
  "objectionsOpen",
  "planReportsToAccept",
  "planTasksOverdue",
  "planReportsReturned",
  "responsesToAnswer",
  "ordersToConfirm",
] as const;
export type WorkKind = (typeof workKinds)[number];

export interface WorkItem {
  kind: WorkKind;
  count: number;
  href: string;
}

const n = (row: { n: unknown } | undefined) => Number(row?.n ?? 0);

export async function workWaiting(db: DB, actor: Actor, now: Date = new Date()): Promise<WorkItem[]> {
  const role = actor.user.platform_role;
  const items: Array<Promise<WorkItem>> = [];
  const count = (kind: WorkKind, href: string, query: Promise<{ n: unknown } | undefined>) =>
    items.push(query.then((row) => ({ kind, href, count: n(row) })));

  if (roleCan(role, "staff:review")) {
    count("listingsToReview", "/admin/listings", db.selectFrom("listings").select(sql<number>`count(*)::int`.as("n")).where("status", "=", "submitted").executeTakeFirst());
    count(
      "organizationsToReview",
      "/admin/organizations?status=pending",
      db.selectFrom("organizations").select(sql<number>`count(*)::int`.as("n")).where("status", "=", "pending").executeTakeFirst(),
    );
    count(
      "identityChangesToReview",
      "/admin/organizations",
      db.selectFrom("organization_identity_changes").select(sql<number>`count(*)::int`.as("n")).where("status", "=", "pending").executeTakeFirst(),
    );
    count(
      "certificationReviewsAssigned",
      "/admin/certification",
      db
        .selectFrom("certification_reviews as r")
        .innerJoin("certification_applications as a", "a.id", "r.application_id")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("r.reviewer_id", "=", actor.user.id)
        .where("r.submitted_at", "is", null)
        .where("a.status", "=", "under_review")
        .executeTakeFirst(),
    );
  }
  if (roleCan(role, "certification:decide")) {
    // Submitted and waiting for reviewers to be assigned, or every assigned review is in: the administrator's move.
    count(
      "certificationsToDecide",
      "/admin/certification",
      db
        .selectFrom("certification_applications as a")
        .select(sql<number>`count(*)::int`.as("n"))
        .where((eb) =>
          eb.or([
            eb("a.status", "=", "submitted"),
            eb.and([
              eb("a.status", "=", "under_review"),
              sql<boolean>`not exists (select 1 from certification_reviews r where r.application_id = a.id and r.submitted_at is null)`,
            ]),
          ]),
        )
        .executeTakeFirst(),
    );
    count(
      "objectionsOpen",
      "/admin/certification",
      db.selectFrom("certification_objections").select(sql<number>`count(*)::int`.as("n")).where("status", "=", "open").executeTakeFirst(),
    );
  }
  if (roleCan(role, "plan:administer")) {
    count("planReportsToAccept", "/admin/plan", db.selectFrom("plan_reports").select(sql<number>`count(*)::int`.as("n")).where("status", "=", "submitted").executeTakeFirst());
  }
  const unitId = actor.user.plan_unit_id;
  const unit = roleCan(role, "plan:report") && unitId !== null
    ? await db.selectFrom("plan_units").select("name").where("id", "=", unitId).executeTakeFirst()
    : undefined;
  if (unit && unitId !== null) {
    const unitHref = `/plan?unit=${encodeURIComponent(unit.name)}`;
    items.push(
      listPlanTasks(db, now).then((tasks) => ({
        kind: "planTasksOverdue" as const,
        href: unitHref,
        count: tasks.filter((t) => t.leadUnitIds.includes(unitId) && (t.status === "overdue" || t.status === "silent")).length,
      })),
    );
    count(
      "planReportsReturned",
      unitHref,
      db
        .selectFrom("plan_reports as r")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("r.unit_id", "=", unitId)
        .where("r.status", "=", "returned")
        // A returned report counts until the unit files that task and period again.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("plan_reports as again")
                .select("again.id")
                .whereRef("again.task_id", "=", "r.task_id")
                .whereRef("again.unit_id", "=", "r.unit_id")
                .whereRef("again.kind", "=", "r.kind")
                .whereRef("again.period", "=", "r.period")
                .where("again.status", "<>", "returned"),
            ),
          ),
        )
        .executeTakeFirst(),
    );
  }
  const organizationId = actor.organization?.id;
  if (organizationId) {
    count(
      "responsesToAnswer",
      "/responses?tab=incoming&status=pending",
      db
        .selectFrom("listing_responses as r")
        .innerJoin("listings as l", "l.id", "r.listing_id")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("l.organization_id", "=", organizationId)
        .where("r.status", "=", "pending")
        .executeTakeFirst(),
    );
    count(
      "ordersToConfirm",
      "/orders?side=provider&status=requested",
      db
        .selectFrom("package_orders")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("provider_org_id", "=", organizationId)
        .where("status", "=", "requested")
        .executeTakeFirst(),
    );
  }
  return Promise.all(items);
}
