import { sql } from "kysely";
import type { DB } from "../db/client.ts";
import type { CriterionEvidence } from "../db/schema-certification.ts";
import type { FrozenEvidence } from "../app/models/certification/applications.server.ts";
import { latestRubric } from "../app/models/certification/rubrics.server.ts";
import { platformFigures } from "../app/models/certification/evidence.server.ts";
import { addDays, dayjs, todayInChina } from "../app/utils/dates.ts";

// Demo data for certification: one certified enterprise with its certificate (陕西沣京汽车零部件制造有限公司)
// one application in review (西安秦岭精工数控机床有限公司, scored by one of two reviewers) and one approved and on public
// notice for five more days (西安鄠邑智能装备有限公司), open to objections. The types and the 产教融合型企业 rubric are
// reference data, inserted by the migration.

const CERTIFIED = "陕西沣京汽车零部件制造有限公司";
const IN_REVIEW = "西安秦岭精工数控机床有限公司";
const ON_NOTICE = "西安鄠邑智能装备有限公司";

const evidence: Record<string, CriterionEvidence> = {
  cooperation_years: { value: 6, statement: "2020 年起与陕西国防工业职业技术学院、鄠邑区职业教育中心签订校企合作协议。" },
  interns: { value: 24, statement: "2026 年接收实习学生 24 人，按职工总数 2% 计目标为 18 人。" },
  order_training: { value: 2, statement: "开设“沣京汽配冲压焊装订单班”两届，每届 30 人。" },
  training_bases: { value: 1, statement: "与鄠邑区职业教育中心共建汽车零部件焊装实训基地一个。" },
  investment: { value: 180, statement: "2026 年投入实训设备和兼职教师补贴共 180 万元。" },
  staff_training: { value: 560, statement: "职工教育培训经费 560 万元，约占工资总额 8.1%，其中一线职工培训占 65%。" },
};

const scoresA = { cooperation_years: 13, interns: 18, order_training: 13, training_bases: 12, investment: 12, staff_training: 17 };
const scoresB = { cooperation_years: 12, interns: 17, order_training: 11, training_bases: 13, investment: 10, staff_training: 18 };

function scores(values: Record<string, number>) {
  return Object.fromEntries(Object.entries(values).map(([k, score]) => [k, { score, comment: "证据齐全，与平台记录一致。" }]));
}

const total = (values: Record<string, number>) => Object.values(values).reduce((s, v) => s + v, 0);

export async function seedDemoCertification(db: DB): Promise<{ applications: number; certificates: number }> {
  const existing = await db.selectFrom("certification_applications").select("id").limit(1).executeTakeFirst();
  if (existing) return { applications: 0, certificates: 0 };
  const rubric = await latestRubric(db, "enterprise");
  if (!rubric) return { applications: 0, certificates: 0 };
  const orgs = await db.selectFrom("organizations").select(["id", "name"]).where("name", "in", [CERTIFIED, IN_REVIEW, ON_NOTICE]).execute();
  const users = await db
    .selectFrom("users")
    .select(["id", "email"])
    .where("email", "in", ["admin@cjt-demo.cn", "reviewer@cjt-demo.cn", "reviewer2@cjt-demo.cn"])
    .execute();
  const orgId = (name: string) => orgs.find((o) => o.name === name)?.id;
  const userId = (email: string) => users.find((u) => u.email === email)?.id ?? null;
  const certifiedId = orgId(CERTIFIED);
  const reviewId = orgId(IN_REVIEW);
  const noticeId = orgId(ON_NOTICE);
  const [admin, reviewer, reviewer2] = [userId("admin@cjt-demo.cn"), userId("reviewer@cjt-demo.cn"), userId("reviewer2@cjt-demo.cn")];
  if (!certifiedId || !reviewId || !noticeId || !reviewer || !reviewer2) return { applications: 0, certificates: 0 };

  const today = todayInChina();
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  const frozen = async (organizationId: string, at: Date): Promise<string> => {
    const value: FrozenEvidence = {
      submittedAt: at.toISOString(),
      rubricVersion: rubric.version,
      passMark: rubric.pass_mark,
      criteria: rubric.criteria,
      platform: await platformFigures(db, organizationId),
      applicant: evidence,
      files: [],
    };
    return JSON.stringify(value);
  };

  // Read before the transaction: PGlite has one connection, so the transaction must not wait on `db`.
  const frozenCertified = await frozen(certifiedId, daysAgo(50));
  const frozenInReview = await frozen(reviewId, daysAgo(5));
  const frozenOnNotice = await frozen(noticeId, daysAgo(12));
  return db.transaction().execute(async (trx) => {
    // The certified enterprise: submitted 50 days ago, approved after two reviews, 7 days' notice, certificate issued.
    const certifiedApp = await trx
      .insertInto("certification_applications")
      .values({
        organization_id: certifiedId,
        type_code: "enterprise",
        rubric_id: rubric.id,
        status: "certified",
        evidence: JSON.stringify(evidence),
        frozen_evidence: frozenCertified,
        submitted_at: daysAgo(50),
        decided_at: daysAgo(45),
        decision_reason: "两位评审员平均得分 84 分，高于合格分 70 分，证据与平台记录一致。",
        created_at: daysAgo(55),
        updated_at: daysAgo(37),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("certification_reviews")
      .values([
        { application_id: certifiedApp.id, round: 1, reviewer_id: reviewer, assigned_by: admin, scores: JSON.stringify(scores(scoresA)), total: total(scoresA), submitted_at: daysAgo(48) },
        { application_id: certifiedApp.id, round: 1, reviewer_id: reviewer2, assigned_by: admin, scores: JSON.stringify(scores(scoresB)), total: total(scoresB), submitted_at: daysAgo(47) },
      ])
      .execute();
    await trx
      .insertInto("certification_decisions")
      .values([
        { application_id: certifiedApp.id, decision: "submit", decided_by: null, created_at: daysAgo(50) },
        { application_id: certifiedApp.id, decision: "approve", reason: "两位评审员平均得分 84 分，高于合格分 70 分，证据与平台记录一致。", decided_by: admin, created_at: daysAgo(45) },
        { application_id: certifiedApp.id, decision: "issue", decided_by: null, created_at: daysAgo(37) },
      ])
      .execute();
    await trx
      .insertInto("certification_notices")
      .values({ application_id: certifiedApp.id, organization_id: certifiedId, type_code: "enterprise", starts_at: daysAgo(45), ends_at: daysAgo(38) })
      .execute();
    const issuedOn = addDays(today, -37);
    const year = Number(issuedOn.slice(0, 4));
    const counter = await trx
      .insertInto("certificate_number_counters")
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column("year").doUpdateSet({ last: sql`certificate_number_counters.last + 1` }))
      .returning("last")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("certificates")
      .values({
        organization_id: certifiedId,
        type_code: "enterprise",
        application_id: certifiedApp.id,
        number: `HYCJ-${year}-${String(counter.last).padStart(4, "0")}`,
        issued_on: issuedOn,
        valid_until: dayjs.utc(issuedOn).add(3, "year").format("YYYY-MM-DD"),
      })
      .execute();
    // No index job here: seedDemo has just queued every demo organisation and listing, and their documents read
    // the certificate when the outbox is drained after start.

    // In review: submitted 5 days ago; reviewer@ has scored, reviewer2@ not yet.
    const reviewApp = await trx
      .insertInto("certification_applications")
      .values({
        organization_id: reviewId,
        type_code: "enterprise",
        rubric_id: rubric.id,
        status: "under_review",
        evidence: JSON.stringify(evidence),
        frozen_evidence: frozenInReview,
        submitted_at: daysAgo(5),
        created_at: daysAgo(9),
        updated_at: daysAgo(3),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("certification_reviews")
      .values([
        { application_id: reviewApp.id, round: 1, reviewer_id: reviewer, assigned_by: admin, scores: JSON.stringify(scores(scoresA)), total: total(scoresA), submitted_at: daysAgo(3) },
        { application_id: reviewApp.id, round: 1, reviewer_id: reviewer2, assigned_by: admin },
      ])
      .execute();
    await trx.insertInto("certification_decisions").values({ application_id: reviewApp.id, decision: "submit", decided_by: null, created_at: daysAgo(5) }).execute();

    // On notice: approved 2 days ago, 7 days' notice, so 5 days are left to object.
    const approval = "两位评审员平均得分 80 分，高于合格分 70 分，证据与平台记录一致。";
    const noticeApp = await trx
      .insertInto("certification_applications")
      .values({
        organization_id: noticeId,
        type_code: "enterprise",
        rubric_id: rubric.id,
        status: "approved",
        evidence: JSON.stringify(evidence),
        frozen_evidence: frozenOnNotice,
        submitted_at: daysAgo(12),
        decided_at: daysAgo(2),
        decision_reason: approval,
        created_at: daysAgo(15),
        updated_at: daysAgo(2),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("certification_reviews")
      .values([
        { application_id: noticeApp.id, round: 1, reviewer_id: reviewer, assigned_by: admin, scores: JSON.stringify(scores(scoresA)), total: total(scoresA), submitted_at: daysAgo(6) },
        { application_id: noticeApp.id, round: 1, reviewer_id: reviewer2, assigned_by: admin, scores: JSON.stringify(scores(scoresB)), total: total(scoresB), submitted_at: daysAgo(4) },
      ])
      .execute();
    await trx
      .insertInto("certification_decisions")
      .values([
        { application_id: noticeApp.id, decision: "submit", decided_by: null, created_at: daysAgo(12) },
        { application_id: noticeApp.id, decision: "approve", reason: approval, decided_by: admin, created_at: daysAgo(2) },
      ])
      .execute();
    await trx
      .insertInto("certification_notices")
      .values({ application_id: noticeApp.id, organization_id: noticeId, type_code: "enterprise", starts_at: daysAgo(2), ends_at: daysAgo(-5) })
      .execute();
    return { applications: 3, certificates: 1 };
  });
}
