import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import { addDays, todayInChina } from "../../utils/dates.ts";

/**
 * What the platform itself knows about an organisation's integration activity, shown beside each criterion
 * as "平台记录" so the evidence is checkable, not only claimed:
 *
 * - cooperation projects (as owner or partner): years since the first project with a university or vocational
 *   school; internship projects' students_count = interns hosted (projects running in the last 12 months);
 *   order-training projects = cohorts; co-built training bases = cooperation projects whose details say
 *   cooperationType "training_base";
 * - training-package orders delivered or completed: as buyer = staff training bought; as provider = training given;
 * - published internship listings: positions offered;
 * - the organisation's staff count and annual payroll: the 2% interns target (task 16) and the 8% training-fund
 *   target (task 19).
 */
export { isPlatformFigureKey, platformFigureKeys, type PlatformFigureKey, type PlatformFigures } from "../../domain/certification-figures.ts";
import type { PlatformFigures } from "../../domain/certification-figures.ts";

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function platformFigures(db: DB, organizationId: string, today: string = todayInChina()): Promise<PlatformFigures> {
  const yearAgo = addDays(today, -365);
  const [org, projects, firstSchool, orders, positions] = await Promise.all([
    db.selectFrom("organizations").select(["staff_count", "annual_payroll"]).where("id", "=", organizationId).executeTakeFirst(),
    db
      .selectFrom("cooperation_projects")
      .where((eb) => eb.or([eb("owner_org_id", "=", organizationId), eb("partner_org_id", "=", organizationId)]))
      .select([
        sql<number>`count(*)`.as("projects"),
        sql<number>`coalesce(sum(students_count) filter (where kind = 'internship' and start_date <= ${today}::date
          and (end_date is null or end_date >= ${yearAgo}::date)), 0)`.as("interns"),
        sql<number>`count(*) filter (where kind = 'order_training' and status <> 'ended')`.as("cohorts"),
        sql<number>`coalesce(sum(students_count) filter (where kind = 'order_training' and status <> 'ended'), 0)`.as("cohort_students"),
        sql<number>`count(*) filter (where kind = 'cooperation' and details->>'cooperationType' = 'training_base' and status <> 'ended')`.as(
          "bases",
        ),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("cooperation_projects as p")
      .innerJoin("organizations as other", (join) =>
        join.on(
          sql<boolean>`other.id = case when p.owner_org_id = ${organizationId} then p.partner_org_id else p.owner_org_id end`,
        ),
      )
      .where((eb) => eb.or([eb("p.owner_org_id", "=", organizationId), eb("p.partner_org_id", "=", organizationId)]))
      .where("other.kind", "in", ["university", "vocational_school"])
      .select(sql<string | null>`min(p.start_date)::text`.as("first"))
      .executeTakeFirst(),
    db
      .selectFrom("package_orders")
      .where("status", "in", ["delivered", "completed"])
      .where((eb) => eb.or([eb("buyer_org_id", "=", organizationId), eb("provider_org_id", "=", organizationId)]))
      .select([
        sql<number>`count(*) filter (where buyer_org_id = ${organizationId})`.as("bought"),
        sql<number>`coalesce(sum(seats) filter (where buyer_org_id = ${organizationId}), 0)`.as("seats"),
        sql<number>`coalesce(sum(total_yuan) filter (where buyer_org_id = ${organizationId}), 0)`.as("spend"),
        sql<number>`count(*) filter (where provider_org_id = ${organizationId})`.as("provided"),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("listings")
      .where("organization_id", "=", organizationId)
      .where("kind", "=", "internship")
      .where("status", "=", "published")
      .select(sql<number>`coalesce(sum(case when jsonb_typeof(details->'positions') = 'number' then (details->>'positions')::numeric else 0 end), 0)`.as("positions"))
      .executeTakeFirstOrThrow(),
  ]);
  const staff = org?.staff_count ?? null;
  const payroll = org?.annual_payroll ?? null;
  let years: number | null = null;
  if (firstSchool?.first) {
    const first = new Date(`${firstSchool.first}T00:00:00Z`);
    const now = new Date(`${today}T00:00:00Z`);
    years = Math.max(0, Math.floor(((now.getTime() - first.getTime()) / (365.25 * 86_400_000)) * 10) / 10);
  }
  return {
    schoolCooperationYears: years,
    cooperationProjects: n(projects.projects),
    internsHosted: n(projects.interns),
    internsTarget: staff === null ? null : Math.ceil(staff * 0.02),
    internshipPositions: n(positions.positions),
    staffCount: staff,
    orderTrainingCohorts: n(projects.cohorts),
    orderTrainingStudents: n(projects.cohort_students),
    trainingBases: n(projects.bases),
    staffTrainingOrders: n(orders.bought),
    staffTrainingSeats: n(orders.seats),
    staffTrainingSpendYuan: Math.round(n(orders.spend) * 100) / 100,
    trainingProvidedOrders: n(orders.provided),
    trainingFundTargetYuan: payroll === null ? null : Math.round(Number(payroll) * 0.08),
    annualPayrollYuan: payroll === null ? null : Number(payroll),
  };
}
