import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { ApplicationStatus, RubricCriterion } from "../../../db/schema-certification.ts";
import { audit } from "../audit.server.ts";
import type { Actor } from "../policy.server.ts";
import type { ApplicationRow } from "./applications.server.ts";
import { getRubric } from "./rubrics.server.ts";
import { actorFields, DIFFERENCE_SHARE, json, type Meta, REVIEWERS_PER_APPLICATION, lockApplication } from "./shared.server.ts";
import { isUuid } from "../../schemas/ids.ts";
import { refused, type Refused } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";

// Two independent, blind reviews per application: assignment, scores and the comparison staff see.

export type ReviewError = "notFound" | "wrongStatus" | "full" | "alreadyAssigned" | "notReviewer" | "notAssigned" | "alreadyScored";

export const reviewStatuses: ApplicationStatus[] = ["submitted", "under_review"];

/** Assigns a reviewer (an administrator choosing, or a reviewer taking it): two different people per round. */
export async function assignReviewer(
  db: DB,
  actor: Actor,
  applicationId: string,
  reviewerId: string,
  meta: Meta = {},
): Promise<{ ok: true } | Refused<ReviewError>> {
  if (!isUuid(applicationId) || !isUuid(reviewerId)) return refused("notFound");
  return inTransaction(db, async (trx) => {
    const app = await lockApplication(trx, applicationId);
    if (!app) return refused("notFound");
    if (!reviewStatuses.includes(app.status)) return refused("wrongStatus");
    const reviewer = await trx
      .selectFrom("users")
      .select(["id", "email"])
      .where("id", "=", reviewerId)
      .where("status", "=", "active")
      .where("platform_role", "in", ["reviewer", "platform_admin"])
      .executeTakeFirst();
    if (!reviewer) return refused("notReviewer");
    const existing = await trx
      .selectFrom("certification_reviews")
      .select("reviewer_id")
      .where("application_id", "=", applicationId)
      .where("round", "=", app.round)
      .execute();
    if (existing.some((r) => r.reviewer_id === reviewerId)) return refused("alreadyAssigned");
    if (existing.length >= REVIEWERS_PER_APPLICATION) return refused("full");
    await trx
      .insertInto("certification_reviews")
      .values({ application_id: applicationId, round: app.round, reviewer_id: reviewerId, assigned_by: actor.user.id })
      .execute();
    if (app.status === "submitted") {
      await trx
        .updateTable("certification_applications")
        .set({ status: "under_review", updated_at: sql`now()` })
        .where("id", "=", applicationId)
        .execute();
    }
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: app.organization_id,
      action: "certification.reviewer.assign",
      outcome: "success",
      targetType: "certification_application",
      targetId: applicationId,
      detail: { reviewer: reviewer.email, round: app.round, self: reviewerId === actor.user.id },
    });
    return { ok: true as const };
  });
}

export async function submitReview(
  db: DB,
  actor: Actor,
  applicationId: string,
  scores: Record<string, { score: number; comment: string }>,
  meta: Meta = {},
): Promise<{ ok: true } | Refused<ReviewError>> {
  if (!isUuid(applicationId)) return refused("notFound");
  return inTransaction(db, async (trx) => {
    const app = await lockApplication(trx, applicationId);
    if (!app) return refused("notFound");
    if (app.status !== "under_review") return refused("wrongStatus");
    const review = await trx
      .selectFrom("certification_reviews")
      .select(["id", "submitted_at"])
      .where("application_id", "=", applicationId)
      .where("round", "=", app.round)
      .where("reviewer_id", "=", actor.user.id)
      .executeTakeFirst();
    if (!review) return refused("notAssigned");
    if (review.submitted_at) return refused("alreadyScored");
    const rubric = (await getRubric(trx, app.rubric_id))!;
    const clean: Record<string, { score: number; comment: string }> = {};
    let total = 0;
    for (const c of rubric.criteria) {
      const s = scores[c.key];
      if (!s || !Number.isInteger(s.score) || s.score < 0 || s.score > c.weight || !s.comment) {
        return refused("notFound");
      }
      clean[c.key] = { score: s.score, comment: s.comment };
      total += s.score;
    }
    await trx
      .updateTable("certification_reviews")
      .set({ scores: JSON.stringify(clean), total, submitted_at: sql`now()` })
      .where("id", "=", review.id)
      .execute();
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId: app.organization_id,
      action: "certification.review.submit",
      outcome: "success",
      targetType: "certification_application",
      targetId: applicationId,
      detail: { round: app.round, total },
    });
    return { ok: true as const };
  });
}

export interface ReviewView {
  reviewerId: string;
  reviewerName: string;
  mine: boolean;
  submitted: boolean;
  /** Null while blind (another reviewer's, before both are in). */
  scores: Record<string, { score: number; comment: string }> | null;
  total: number | null;
}

export interface ComparisonRow {
  key: string;
  title: string;
  weight: number;
  scores: Array<number | null>;
  difference: number | null;
  highlighted: boolean;
}

export interface ReviewState {
  round: number;
  reviews: ReviewView[];
  allIn: boolean;
  comparison: ComparisonRow[] | null;
  average: number | null;
}

/**
 * The reviews of the current round as one viewer may see them: a reviewer sees the other's scores only once
 * both are in (blind review); so does everyone else.
 */
export async function reviewState(db: DB, application: ApplicationRow, viewerId: string, criteria: RubricCriterion[]): Promise<ReviewState> {
  const rows = await db
    .selectFrom("certification_reviews as r")
    .innerJoin("users as u", "u.id", "r.reviewer_id")
    .select(["r.reviewer_id", "u.name", "r.scores", "r.total", "r.submitted_at"])
    .where("r.application_id", "=", application.id)
    .where("r.round", "=", application.round)
    .orderBy("r.created_at")
    .execute();
  const allIn = rows.length === REVIEWERS_PER_APPLICATION && rows.every((r) => r.submitted_at);
  const reviews: ReviewView[] = rows.map((r) => {
    const mine = r.reviewer_id === viewerId;
    const visible = (allIn || mine) && r.submitted_at;
    return {
      reviewerId: r.reviewer_id,
      reviewerName: r.name,
      mine,
      submitted: !!r.submitted_at,
      scores: visible ? json<Record<string, { score: number; comment: string }>>(r.scores) : null,
      total: visible && r.total !== null ? Number(r.total) : null,
    };
  });
  const comparison = allIn
    ? criteria.map((c) => {
        const scores = reviews.map((r) => r.scores?.[c.key]?.score ?? null);
        const [a, b] = scores;
        const difference = a !== null && b !== null ? Math.abs(a - b) : null;
        return { key: c.key, title: c.title, weight: c.weight, scores, difference, highlighted: difference !== null && difference >= DIFFERENCE_SHARE * c.weight };
      })
    : null;
  const average = allIn ? reviews.reduce((s, r) => s + (r.total ?? 0), 0) / reviews.length : null;
  return { round: application.round, reviews, allIn, comparison, average };
}

export async function listReviewers(db: DB) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "platform_role"])
    .where("status", "=", "active")
    .where("platform_role", "in", ["reviewer", "platform_admin"])
    .orderBy("platform_role", "desc")
    .orderBy("name")
    .execute();
}
