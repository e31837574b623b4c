import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listingKinds } from "../../app/domain/listing-kinds.ts";
import { getListingForReview, listListingDecisions } from "../../app/models/listing-review.server.ts";
import { reviewListing, updateListing } from "../../app/models/listing.server.ts";
import { changesSinceLastSubmission, getPublicListing, listReviewQueue } from "../../app/models/listing-views.server.ts";
import type { OrgActor } from "../../app/models/policy.server.ts";
import { createSession, findSession } from "../../app/models/session.server.ts";
import { listingFormValues, listingSchemaFor, splitListingInput } from "../../app/schemas/listing.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { seedDemo } from "../../seeds/demo.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

describe.each(backends)("demo listings on %s", (backend) => {
  let database: TestDatabase;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-demo-listings-"));
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("seeds 200+ published listings with index jobs and submission history, once", async () => {
    const db = database.db;
    const first = await seedDemo(db, { dataDir });
    expect(first.listings).toBeGreaterThanOrEqual(200);

    const published = await db.selectFrom("listings").selectAll().where("status", "=", "published").execute();
    expect(published.length).toBeGreaterThanOrEqual(200);
    expect(new Set(published.map((l) => l.kind))).toEqual(new Set(listingKinds));
    const now = Date.now();
    const today = todayInChina();
    for (const l of published) {
      expect(l.published_at).toBeInstanceOf(Date);
      expect(now - l.published_at!.getTime()).toBeLessThan(121 * 24 * 3600 * 1000);
      expect(l.submitted_at!.getTime()).toBeLessThan(l.published_at!.getTime());
      expect(l.reviewed_at).toEqual(l.published_at);
      expect(l.valid_until > addDays(today, 29) && l.valid_until <= addDays(today, 300)).toBe(true);
    }
    // Every published listing is visible to the public and queued for the search index.
    const jobs = await db.selectFrom("search_outbox").select("entity_id").where("entity", "=", "listing").execute();
    const queued = new Set(jobs.map((j) => j.entity_id));
    for (const l of published) expect(queued.has(l.id)).toBe(true);
    expect((await getPublicListing(db, published[0].id))?.id).toBe(published[0].id);

    // Written by the organisation's demo administrator where it has one, approved by the demo reviewer.
    const qinling = await db
      .selectFrom("users")
      .select(["id", "organization_id"])
      .where("email", "=", "qinling@cjt-demo.cn")
      .executeTakeFirstOrThrow();
    const own = published.filter((l) => l.organization_id === qinling.organization_id);
    expect(own.length).toBeGreaterThan(5);
    for (const l of own) expect(l.created_by).toBe(qinling.id);
    const reviewer = await db.selectFrom("users").select("id").where("email", "=", "reviewer@cjt-demo.cn").executeTakeFirstOrThrow();
    expect(new Set(published.map((l) => l.reviewed_by))).toEqual(new Set([reviewer.id]));

    // Each was submitted once: an owner's first edit can be compared with it.
    const revisions = await db.selectFrom("listing_revisions").select("listing_id").execute();
    const revised = new Set(revisions.map((r) => r.listing_id));
    for (const l of published) expect(revised.has(l.id)).toBe(true);

    // Running the seed again adds nothing.
    const again = await seedDemo(db, { dataDir });
    expect(again).toMatchObject({ organizations: 0, listings: 0 });
    const count = await db.selectFrom("listings").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(first.listings);
  });

  it("leaves a review queue, oldest first, with corrected resubmissions a reviewer can compare and decide", async () => {
    const db = database.db;
    const queue = await listReviewQueue(db);
    expect(queue.total).toBeGreaterThanOrEqual(5);
    const times = queue.rows.map((r) => r.submitted_at!.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(queue.rows.map((r) => r.kind)).size).toBeGreaterThanOrEqual(4);
    for (const row of queue.rows) expect(row.organization_name).not.toBe("西安秦岭精工数控机床有限公司");

    const resubmitted = queue.rows.filter((r) => Number(r.submissions) === 2);
    expect(resubmitted.length).toBeGreaterThanOrEqual(2);
    for (const row of resubmitted) {
      const diff = await changesSinceLastSubmission(db, row.id);
      expect(diff.first).toBe(false);
      expect(diff.changes.length).toBeGreaterThan(0);
      const history = await listListingDecisions(db, row.id);
      expect(history).toEqual([expect.objectContaining({ action: "listing.reject", reason: expect.any(String) })]);
      const listing = await getListingForReview(db, row.id);
      expect(listing?.submissions).toBe(2);
      expect(listing?.review_note).toBe(history[0].reason);
    }
    const fresh = queue.rows.find((r) => Number(r.submissions) === 1)!;
    expect(await changesSinceLastSubmission(db, fresh.id)).toEqual({ first: true, changes: [] });
    expect(await listListingDecisions(db, fresh.id)).toEqual([]);

    const stored = await getListingForReview(db, fresh.id);
    expect(stored?.organization.status).toBe("verified");
    const author = await db.selectFrom("users").select("email").where("id", "=", stored!.created_by!).executeTakeFirstOrThrow();
    expect(stored?.submittedBy?.email).toBe(author.email);
    // What was queued reopens in the owner's edit form and passes its schema: nothing a form could not have sent.
    for (const row of queue.rows) {
      const listing = (await getListingForReview(db, row.id))!;
      const result = listingSchemaFor(listing.kind).safeParse(listingFormValues(listing));
      expect(result.success, `${listing.title}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }

    // A reviewer approves one: it is published, audited, and disappears from the queue.
    const user = await db.selectFrom("users").selectAll().where("email", "=", "reviewer2@cjt-demo.cn").executeTakeFirstOrThrow();
    const { token } = await createSession(db, user, {});
    const reviewer = (await findSession(db, token))!;
    const approved = await reviewListing(db, reviewer, fresh.id, { approve: true });
    expect(approved.ok && approved.listing.status).toBe("published");
    expect((await listReviewQueue(db)).rows.map((r) => r.id)).not.toContain(fresh.id);
    expect((await listListingDecisions(db, fresh.id)).map((d) => [d.action, d.reviewer])).toEqual([["listing.approve", user.name]]);
  });

  it("lets an owner's first edit of a demo listing show the reviewer exactly what changed", async () => {
    const db = database.db;
    const user = await db.selectFrom("users").selectAll().where("email", "=", "qinling@cjt-demo.cn").executeTakeFirstOrThrow();
    const { token } = await createSession(db, user, {});
    const owner = (await findSession(db, token)) as OrgActor;
    const listing = await db
      .selectFrom("listings")
      .selectAll()
      .where("organization_id", "=", user.organization_id!)
      .where("kind", "=", "internship")
      .where("status", "=", "published")
      .executeTakeFirstOrThrow();
    const values = { ...listingFormValues(listing), monthlyPay: String(Number(listing.details.monthlyPay) + 200) };
    const edited = await updateListing(db, owner, listing.id, splitListingInput("internship", listingSchemaFor("internship").parse(values)), {
      submit: true,
    });
    expect(edited.ok && edited.listing.status).toBe("submitted");
    expect(await changesSinceLastSubmission(db, listing.id)).toEqual({
      first: false,
      changes: [{ field: "details.monthlyPay", before: listing.details.monthlyPay, after: Number(listing.details.monthlyPay) + 200 }],
    });
  });

  it("writes each demo certification application from its own organisation's records, and the reviews agree with them", async () => {
    const db = database.db;
    const apps = await db
      .selectFrom("certification_applications as a")
      .innerJoin("organizations as o", "o.id", "a.organization_id")
      .select(["o.name", "o.annual_payroll", "o.staff_count", "a.id", "a.evidence", "a.frozen_evidence", "a.decision_reason"])
      .execute();
    expect(apps).toHaveLength(3);
    const statements = new Set<string>();
    for (const app of apps) {
      const evidence = app.evidence as Record<string, { value: number; statement: string }>;
      const platform = (app.frozen_evidence as { platform: Record<string, number | null> }).platform;
      const payrollWan = Math.round(Number(app.annual_payroll) / 10_000);
      // The training fund is stated as a share of this organisation's payroll, and the share is right.
      const training = /经费 (\d+) 万元，占工资总额 (\d+) 万元的 ([\d.]+)%/.exec(evidence.staff_training.statement);
      expect(training, app.name).not.toBeNull();
      expect(Number(training![2])).toBe(payrollWan);
      expect(Number(training![1])).toBe(evidence.staff_training.value);
      expect(Math.abs((evidence.staff_training.value / payrollWan) * 100 - Number(training![3]))).toBeLessThan(0.1);
      expect(evidence.interns.statement).toContain(`平台登记 ${platform.internsHosted} 人`);
      expect(evidence.interns.statement).toContain(`目标为 ${Math.ceil(Number(app.staff_count) * 0.02)} 人`);
      statements.add(evidence.staff_training.statement);
      // A review says "与平台记录一致" of a criterion only where the claim equals the platform's figure.
      const reviews = await db.selectFrom("certification_reviews").select("scores").where("application_id", "=", app.id).where("submitted_at", "is not", null).execute();
      const figureOf: Record<string, number | null> = {
        interns: platform.internsHosted,
        order_training: platform.orderTrainingCohorts,
        training_bases: platform.trainingBases,
      };
      for (const review of reviews) {
        const scores = review.scores as Record<string, { comment: string }>;
        for (const [key, figure] of Object.entries(figureOf)) {
          expect(scores[key].comment.includes("与平台记录一致"), `${app.name} ${key}`).toBe((figure ?? 0) === evidence[key].value);
        }
        if (reviews.length === 2 && app.decision_reason) {
          const totals = await db.selectFrom("certification_reviews").select("total").where("application_id", "=", app.id).execute();
          const average = Math.round(totals.reduce((sum, r) => sum + Number(r.total), 0) / totals.length);
          expect(app.decision_reason).toContain(`平均得分 ${average} 分`);
        }
      }
    }
    // Three organisations, three different statements: no example shared by all.
    expect(statements.size).toBe(3);
  });

  it("answers null for unknown or malformed ids", async () => {
    expect(await getListingForReview(database.db, "not-a-uuid")).toBeNull();
    expect(await getListingForReview(database.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await listListingDecisions(database.db, "'; drop table listings; --")).toEqual([]);
  });
});
