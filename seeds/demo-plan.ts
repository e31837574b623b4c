import type { DB } from "../db/client.ts";
import { ensurePlanReference } from "../db/reference/plan.ts";

/**
 * A few progress reports for the demo plan officers (区人社局, 区教科局), so the plan-tracking pages show
 * every state: accepted, awaiting review, a completed task and a cooperating unit's contribution. The tasks
 * themselves are reference data, loaded at start (app/models/plan/reference.server.ts).
 */
interface DemoReport {
  task: number;
  officer: string;
  kind: "lead" | "contribution";
  period: string;
  percent: number | null;
  status: "submitted" | "accepted";
  narrative: string;
  milestones?: string;
  links?: string[];
}

const reports: DemoReport[] = [
  {
    task: 8,
    officer: "officer.rsj@cjt-demo.cn",
    kind: "lead",
    period: "2026-Q3",
    percent: 60,
    status: "accepted",
    narrative: "联合区内 12 家规模以上企业开展新型学徒制培训，本季度新增学徒 86 人，培训补贴已拨付首批。",
    milestones: "出台学徒制培训实施细则；首批补贴拨付。",
    links: ["https://www.huyi.gov.cn/"],
  },
  {
    task: 10,
    officer: "officer.rsj@cjt-demo.cn",
    kind: "lead",
    period: "2026-Q4",
    percent: 40,
    status: "submitted",
    narrative: "组织职业技能等级认定 3 场，覆盖装备制造、电子信息方向，共 240 人参加，通过率 78%。",
  },
  {
    task: 3,
    officer: "officer.jkj@cjt-demo.cn",
    kind: "lead",
    period: "2026-Q3",
    percent: 100,
    status: "accepted",
    narrative: "与西安交通大学、陕西国防工业职业技术学院签订人才联合培养协议，创新型人才联合培育基地已挂牌运行。",
    milestones: "协议签订；基地挂牌。",
  },
  {
    task: 56,
    officer: "officer.jkj@cjt-demo.cn",
    kind: "lead",
    period: "2026-Q3",
    percent: 70,
    status: "accepted",
    narrative: "产教通平台已上线运行，提供机构核验、供需信息发布、检索和推荐服务，区内主要院校和企业已入驻。",
  },
  {
    task: 25,
    officer: "officer.jkj@cjt-demo.cn",
    kind: "lead",
    period: "2026-Q3",
    percent: 80,
    status: "accepted",
    narrative: "鄠邑区职教中心职业体验中心主体装修完成，体验项目设备采购中，预计明年春季开放。",
  },
  {
    task: 57,
    officer: "officer.rsj@cjt-demo.cn",
    kind: "contribution",
    period: "2026-Q3",
    percent: null,
    status: "accepted",
    narrative: "配合举办校企对接招聘会 2 场，组织 35 家企业与 4 所院校现场对接。",
  },
];

export async function seedDemoPlan(db: DB): Promise<number> {
  await ensurePlanReference(db);
  const existing = await db.selectFrom("plan_reports").select("id").limit(1).executeTakeFirst();
  if (existing) return 0;
  const admin = await db.selectFrom("users").select("id").where("email", "=", "admin@cjt-demo.cn").executeTakeFirst();
  let created = 0;
  for (const r of reports) {
    const officer = await db.selectFrom("users").select(["id", "plan_unit_id"]).where("email", "=", r.officer).executeTakeFirst();
    const task = await db.selectFrom("plan_tasks").select("id").where("number", "=", r.task).executeTakeFirst();
    const unit = officer?.plan_unit_id ? { id: officer.plan_unit_id } : undefined;
    if (!officer || !task || !unit) continue;
    await db
      .insertInto("plan_reports")
      .values({
        task_id: task.id,
        unit_id: unit.id,
        kind: r.kind,
        author_id: officer.id,
        period: r.period,
        narrative: r.narrative,
        completion_percent: r.percent,
        milestones: r.milestones ?? "",
        evidence_links: r.links ?? [],
        status: r.status,
        admin_comment: r.status === "accepted" ? "情况属实，予以采纳。" : null,
        accepted_by: r.status === "accepted" ? (admin?.id ?? null) : null,
        accepted_at: r.status === "accepted" ? new Date() : null,
      })
      .execute();
    created++;
  }
  return created;
}
