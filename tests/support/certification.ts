import { expect } from "vitest";
import { createApplication, saveEvidence, submitApplication } from "../../app/models/certification/applications.server.ts";
import { decide } from "../../app/models/certification/certificates.server.ts";
import { assignReviewer, submitReview } from "../../app/models/certification/reviews.server.ts";
import { latestRubric } from "../../app/models/certification/rubrics.server.ts";
import type { Actor, OrgActor } from "../../app/models/policy.server.ts";
import type { DB } from "../../db/client.ts";
import { makeOrgActor } from "./actors.ts";

/**
 * A new enterprise whose 产教融合型企业 application went the whole way: evidence for every criterion, submitted,
 * full marks from each reviewer, approved by the administrator at `now` — so its notice starts then.
 */
export async function approvedApplication(
  db: DB,
  admin: Actor,
  reviewers: Actor[],
  now: Date = new Date(),
): Promise<{ enterprise: OrgActor; applicationId: string }> {
  const enterprise = await makeOrgActor(db);
  const created = await createApplication(db, enterprise, "enterprise", {});
  if (!created.ok) throw new Error(created.code);
  const reload = async () =>
    (await db.selectFrom("certification_applications").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow()) as never;
  const criteria = (await latestRubric(db, "enterprise"))!.criteria;
  await saveEvidence(db, enterprise, await reload(), Object.fromEntries(criteria.map((c) => [c.key, { value: 1, statement: `${c.title}说明` }])));
  expect(await submitApplication(db, enterprise, await reload(), {})).toEqual({ ok: true });
  for (const reviewer of reviewers) {
    expect(await assignReviewer(db, admin, created.id, reviewer.user.id, {})).toEqual({ ok: true });
    const scores = Object.fromEntries(criteria.map((c) => [c.key, { score: c.weight, comment: "符合" }]));
    expect(await submitReview(db, reviewer, created.id, scores, {})).toEqual({ ok: true });
  }
  expect(await decide(db, admin, created.id, { intent: "approve", reason: "两位评审员均给出满分。" }, {}, now)).toEqual({ ok: true });
  return { enterprise, applicationId: created.id };
}
