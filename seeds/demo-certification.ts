import { sql } from "kysely";
import type { DB } from "../db/client.ts";
import type { CriterionEvidence } from "../db/schema-certification.ts";
import type { FrozenEvidence } from "../app/models/certification/applications.server.ts";
import { latestRubric } from "../app/models/certification/rubrics.server.ts";
import { platformFigures, type PlatformFigures } from "../app/models/certification/evidence.server.ts";
import { addDays, dayjs, todayInChina } from "../app/utils/dates.ts";

// Demo data for certification: one certified enterprise with its certificate (陕西沣京汽车零部件制造有限公司)
// one application in review (西安秦岭精工数控机床有限公司, scored by one of two reviewers) and one approved and on public
// notice for five more days (西安鄠邑智能装备有限公司), open to objections. The types and the 产教融合型企业 rubric are
// reference data, inserted by the migration.

const CERTIFIED = "陕西沣京汽车零部件制造有限公司";
const IN_REVIEW = "西安秦岭精工数控机床有限公司";
const ON_NOTICE = "西安鄠邑智能装备有限公司";

/** What each applicant says beyond what the platform records: its first school partner, its money and its training. */
interface Claims {
  since: number;
  partners: string;
  /** Interns hosted through agreements signed off the platform, in addition to the platform's own records. */
  offlineInterns: number;
  investmentWan: number;
  /** Staff training spending as a percentage of payroll, and the front-line share of it. */
  trainingPercent: number;
  frontlinePercent: number;
}

const claims: Record<string, Claims> = {
  [CERTIFIED]: { since: 2020, partners: "陕西国防工业职业技术学院、鄠邑区职业教育中心", offlineInterns: 16, investmentWan: 180, trainingPercent: 8.1, frontlinePercent: 65 },
  [IN_REVIEW]: { since: 2021, partners: "鄠邑区职业教育中心", offlineInterns: 6, investmentWan: 90, trainingPercent: 8.2, frontlinePercent: 62 },
  [ON_NOTICE]: { since: 2022, partners: "陕西工业职业技术学院", offlineInterns: 4, investmentWan: 60, trainingPercent: 8, frontlinePercent: 61 },
};

const wan = (yuan: number) => Math.round(yuan / 10_000);

/**
 * An applicant's evidence, written from its own records: its staff count and payroll from its profile, and the
 * interns, order classes and training bases the platform holds for it, plus what it declares beyond them. The
 * reviewers' comments say "与平台记录一致" only where the claim and the platform's figure agree.
 */
function evidenceOf(figures: PlatformFigures, claim: Claims): { evidence: Record<string, CriterionEvidence>; comments: Record<string, string> } {
  const hosted = figures.internsHosted ?? 0;
  const cohorts = figures.orderTrainingCohorts ?? 0;
  const bases = figures.trainingBases ?? 0;
  const interns = hosted + claim.offlineInterns;
  const target = figures.internsTarget ?? 0;
  const payrollWan = wan(figures.annualPayrollYuan ?? 0);
  const trainingWan = Math.round((payrollWan * claim.trainingPercent) / 100);
  const years = new Date().getUTCFullYear() - claim.since;
  const checked = (platform: number, claimed: number) =>
    platform === claimed ? "证据齐全，与平台记录一致。" : `平台记录 ${platform}，申报 ${claimed}；差额来自线下协议，需现场核实。`;
  return {
    evidence: {
      cooperation_years: { value: years, statement: `${claim.since} 年起与${claim.partners}签订校企合作协议。` },
      interns: {
        value: interns,
        statement: `近 12 个月接收岗位实习学生 ${interns} 人（平台登记 ${hosted} 人，线下签订三方协议 ${claim.offlineInterns} 人），按职工总数 ${figures.staffCount ?? 0} 人的 2% 计目标为 ${target} 人。`,
      },
      order_training: {
        value: cohorts,
        statement: cohorts
          ? `在读订单班 ${cohorts} 个，共 ${figures.orderTrainingStudents ?? 0} 名学生。`
          : "暂未开设订单班，正与合作院校商议。",
      },
      training_bases: {
        value: bases,
        statement: bases ? `与合作院校共建实训基地 ${bases} 个。` : "暂无共建实训基地。",
      },
      investment: { value: claim.investmentWan, statement: `近一年投入实训设备和兼职教师补贴共 ${claim.investmentWan} 万元。` },
      staff_training: {
        value: trainingWan,
        statement: `职工教育培训经费 ${trainingWan} 万元，占工资总额 ${payrollWan} 万元的 ${claim.trainingPercent}%，其中一线职工培训占 ${claim.frontlinePercent}%。`,
      },
    },
    comments: {
      cooperation_years: "合作协议齐全。",
      interns: checked(hosted, interns),
      order_training: checked(cohorts, cohorts),
      training_bases: checked(bases, bases),
      investment: "投入明细与发票齐全。",
      staff_training: `经费占工资总额 ${claim.trainingPercent}%，达到 8% 的要求。`,
    },
  };
}

const scoresA = { cooperation_years: 13, interns: 18, order_training: 13, training_bases: 12, investment: 12, staff_training: 17 };
const scoresB = { cooperation_years: 12, interns: 17, order_training: 11, training_bases: 13, investment: 10, staff_training: 18 };
const scoresC = { cooperation_years: 11, interns: 15, order_training: 9, training_bases: 10, investment: 10, staff_training: 17 };
const scoresD = { cooperation_years: 12, interns: 16, order_training: 10, training_bases: 11, investment: 9, staff_training: 16 };

function scores(values: Record<string, number>, comments: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).map(([k, score]) => [k, { score, comment: comments[k] ?? "证据齐全。" }]));
}

const total = (values: Record<string, number>) => Object.values(values).reduce((s, v) => s + v, 0);
const average = (...all: Array<Record<string, number>>) => Math.round(all.reduce((sum, v) => sum + total(v), 0) / all.length);

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
  const applicant = async (organizationId: string, name: string, at: Date) => {
    const platform = await platformFigures(db, organizationId);
    const { evidence, comments } = evidenceOf(platform, claims[name]);
    const value: FrozenEvidence = {
      submittedAt: at.toISOString(),
      rubricVersion: rubric.version,
      passMark: rubric.pass_mark,
      criteria: rubric.criteria,
      platform,
      applicant: evidence,
      files: [],
    };
    return { evidence: JSON.stringify(evidence), frozen: JSON.stringify(value), comments };
  };

  // Read before the transaction: PGlite has one connection, so the transaction must not wait on `db`.
  const certified = await applicant(certifiedId, CERTIFIED, daysAgo(50));
  const inReview = await applicant(reviewId, IN_REVIEW, daysAgo(5));
  const onNotice = await applicant(noticeId, ON_NOTICE, daysAgo(12));
  const passed = (avg: number) => `两位评审员平均得分 ${avg} 分，高于合格分 ${rubric.pass_mark} 分。`;
  const certifiedReason = passed(average(scoresA, scoresB));
  return db.transaction().execute(async (trx) => {
    // The certified enterprise: submitted 50 days ago, approved after two reviews, 7 days' notice, certificate issued.
    const certifiedApp = await trx
      .insertInto("certification_applications")
      .values({
        organization_id: certifiedId,
        type_code: "enterprise",
        rubric_id: rubric.id,
        status: "certified",
        evidence: certified.evidence,
        frozen_evidence: certified.frozen,
        submitted_at: daysAgo(50),
        decided_at: daysAgo(45),
        decision_reason: certifiedReason,
        created_at: daysAgo(55),
        updated_at: daysAgo(37),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("certification_reviews")
      .values([
        { application_id: certifiedApp.id, round: 1, reviewer_id: reviewer, assigned_by: admin, scores: JSON.stringify(scores(scoresA, certified.comments)), total: total(scoresA), submitted_at: daysAgo(48) },
        { application_id: certifiedApp.id, round: 1, reviewer_id: reviewer2, assigned_by: admin, scores: JSON.stringify(scores(scoresB, certified.comments)), total: total(scoresB), submitted_at: daysAgo(47) },
      ])
      .execute();
    await trx
      .insertInto("certification_decisions")
      .values([
        { application_id: certifiedApp.id, decision: "submit", decided_by: null, created_at: daysAgo(50) },
        { application_id: certifiedApp.id, decision: "approve", reason: certifiedReason, decided_by: admin, created_at: daysAgo(45) },
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
        evidence: inReview.evidence,
        frozen_evidence: inReview.frozen,
        submitted_at: daysAgo(5),
        created_at: daysAgo(9),
        updated_at: daysAgo(3),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("certification_reviews")
      .values([
        { application_id: reviewApp.id, round: 1, reviewer_id: reviewer, assigned_by: admin, scores: JSON.stringify(scores(scoresC, inReview.comments)), total: total(scoresC), submitted_at: daysAgo(3) },
        { application_id: reviewApp.id, round: 1, reviewer_id: reviewer2, assigned_by: admin },
      ])
      .execute();
    await trx.insertInto("certification_decisions").values({ application_id: reviewApp.id, decision: "submit", decided_by: null, created_at: daysAgo(5) }).execute();

    // On notice: approved 2 days ago, 7 days' notice, so 5 days are left to object.
    const approval = passed(average(scoresC, scoresD));
    const noticeApp = await trx
      .insertInto("certification_applications")
      .values({
        organization_id: noticeId,
        type_code: "enterprise",
        rubric_id: rubric.id,
        status: "approved",
        evidence: onNotice.evidence,
        frozen_evidence: onNotice.frozen,
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
        { application_id: noticeApp.id, round: 1, reviewer_id: reviewer, assigned_by: admin, scores: JSON.stringify(scores(scoresC, onNotice.comments)), total: total(scoresC), submitted_at: daysAgo(6) },
        { application_id: noticeApp.id, round: 1, reviewer_id: reviewer2, assigned_by: admin, scores: JSON.stringify(scores(scoresD, onNotice.comments)), total: total(scoresD), submitted_at: daysAgo(4) },
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
