import crypto from "node:crypto";
import type { DB } from "../db/client.ts";
import { responseSchemaFor, splitResponseInput, type RespondableKind } from "../app/schemas/response.ts";
import { addDays, todayInChina } from "../app/utils/dates.ts";

// Demo responses and cooperation projects between demo organisations, so the matchmaking pages are
// populated on a fresh start. Every response goes through its kind's form schema, like one typed in the browser.

interface DemoResponse {
  listingOrg: string;
  listingTitle: string;
  responder: string;
  responderEmail: string;
  ownerEmail: string;
  form: Record<string, string>;
  status: "pending" | "accepted" | "declined";
  reason?: string;
  project?: {
    status?: "in_progress" | "completed";
    milestones?: Array<{ title: string; dueInDays: number; done?: boolean }>;
    placement?: { students: number; tripartite: boolean; insurance: boolean };
    completionNote?: string;
  };
}

const QINLING = "西安秦岭精工数控机床有限公司";
const SXGF = "陕西国防工业职业技术学院";
const ZHIJIAO = "鄠邑区职业教育中心";
const FENGJINGAUTO = "陕西沣京汽车零部件制造有限公司";
const XJTU = "西安交通大学";

function demoResponses(today: string): DemoResponse[] {
  return [
    {
      listingOrg: QINLING,
      listingTitle: "2027 级数控技术专业订单班",
      responder: SXGF,
      responderEmail: "sxgfxy@cjt-demo.cn",
      ownerEmail: "qinling@cjt-demo.cn",
      form: {
        message: "我院数控技术专业年招生 300 余人，愿与贵公司共建“秦岭精工订单班”，按企业岗位标准共同制定培养方案。",
        major: "数控技术",
        students: "40",
        cohort: "2027级",
      },
      status: "accepted",
      reason: "专业对口、规模合适，请校企合作处与我司人事部对接培养方案。",
      project: {
        milestones: [
          { title: "签订订单培养协议", dueInDays: -20, done: true },
          { title: "联合制定人才培养方案", dueInDays: 30 },
          { title: "企业导师进校授课", dueInDays: 90 },
        ],
      },
    },
    {
      listingOrg: QINLING,
      listingTitle: "数控车床操作实习生（岗位实习）",
      responder: ZHIJIAO,
      responderEmail: "zhijiao@cjt-demo.cn",
      ownerEmail: "qinling@cjt-demo.cn",
      form: {
        message: "我中心数控技术专业三年级学生可参加岗位实习，带队教师全程驻企管理。",
        students: "12",
        startDate: addDays(today, -30),
        endDate: addDays(today, 150),
      },
      status: "accepted",
      reason: "欢迎贵中心学生来厂实习，车间已安排师傅一对一带教。",
      project: {
        milestones: [{ title: "学生进企报到与安全培训", dueInDays: -30, done: true }],
        placement: { students: 12, tripartite: true, insurance: true },
      },
    },
    {
      listingOrg: QINLING,
      listingTitle: "CNC 加工中心编程实习生",
      responder: SXGF,
      responderEmail: "sxgfxy@cjt-demo.cn",
      ownerEmail: "qinling@cjt-demo.cn",
      form: {
        message: "我院机电一体化技术专业有 8 名学生希望参加加工中心编程实习。",
        students: "8",
        startDate: addDays(today, 20),
        endDate: addDays(today, 110),
      },
      status: "pending",
    },
    {
      listingOrg: QINLING,
      listingTitle: "数控机床主轴热误差补偿联合攻关",
      responder: XJTU,
      responderEmail: "xjtu@cjt-demo.cn",
      ownerEmail: "qinling@cjt-demo.cn",
      form: {
        message: "我校机械工程学院团队长期从事机床热误差建模研究，愿参与联合攻关。",
        proposal: "拟采用温度场—热变形混合建模方法，一年内完成主轴热误差补偿样机验证，双方共享知识产权。",
      },
      status: "declined",
      reason: "本期已与其他团队签约，感谢关注，后续项目再联系。",
    },
    {
      listingOrg: SXGF,
      listingTitle: "数控刀具磨损在线监测装置",
      responder: QINLING,
      responderEmail: "qinling@cjt-demo.cn",
      ownerEmail: "sxgfxy@cjt-demo.cn",
      form: {
        message: "我司数控车间有刀具磨损监测需求，希望了解该成果的转化条件。",
        proposal: "拟以许可方式在两条产线试用该装置，试用期 6 个月，效果达标后批量采购。",
      },
      status: "pending",
    },
    {
      listingOrg: FENGJINGAUTO,
      listingTitle: "2027 级汽车制造与试验技术订单班",
      responder: ZHIJIAO,
      responderEmail: "zhijiao@cjt-demo.cn",
      ownerEmail: "",
      form: {
        message: "我中心汽车检测与维修技术专业可组建订单班，为贵公司定向培养一线技术工人。",
        major: "汽车检测与维修技术",
        students: "30",
        cohort: "2027",
      },
      status: "accepted",
      reason: "同意组建订单班，第一学期起企业派驻导师。",
      project: {
        status: "completed",
        milestones: [
          { title: "签订订单培养协议", dueInDays: -30, done: true },
          { title: "完成首期企业实践教学", dueInDays: -10, done: true },
        ],
        completionNote: "首期订单班实践教学已全部完成，30 名学生通过企业考核。",
      },
    },
  ];
}

/** Seeds the demo responses and projects once; returns how many responses were created. */
export async function seedDemoResponses(db: DB): Promise<number> {
  const existing = await db.selectFrom("listing_responses").select("id").limit(1).executeTakeFirst();
  if (existing) return 0;
  const today = todayInChina();
  const orgs = new Map((await db.selectFrom("organizations").select(["id", "name"]).execute()).map((o) => [o.name, o.id]));
  const users = new Map((await db.selectFrom("users").select(["id", "email"]).execute()).map((u) => [u.email, u.id]));
  let created = 0;
  await db.transaction().execute(async (trx) => {
    for (const demo of demoResponses(today)) {
      const ownerOrgId = orgs.get(demo.listingOrg);
      const responderOrgId = orgs.get(demo.responder);
      if (!ownerOrgId || !responderOrgId) continue;
      const listing = await trx
        .selectFrom("listings")
        .select(["id", "kind", "title"])
        .where("organization_id", "=", ownerOrgId)
        .where("title", "=", demo.listingTitle)
        .where("status", "=", "published")
        .executeTakeFirst();
      if (!listing || listing.kind === "training_package") continue;
      const kind = listing.kind as RespondableKind;
      const input = splitResponseInput(kind, responseSchemaFor(kind).parse(demo.form));
      const responderUserId = users.get(demo.responderEmail) ?? null;
      const ownerUserId = users.get(demo.ownerEmail) ?? null;
      const createdAt = new Date(Date.now() - 40 * 86_400_000);
      const decidedAt = new Date(Date.now() - 35 * 86_400_000);
      const response = await trx
        .insertInto("listing_responses")
        .values({
          id: crypto.randomUUID(),
          listing_id: listing.id,
          responder_org_id: responderOrgId,
          responder_user_id: responderUserId,
          status: demo.status,
          message: input.message,
          details: JSON.stringify(input.details),
          decision_reason: demo.reason ?? null,
          decided_by: demo.status === "pending" ? null : ownerUserId,
          decided_at: demo.status === "pending" ? null : decidedAt,
          created_at: createdAt,
          updated_at: demo.status === "pending" ? createdAt : decidedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      created++;
      const log = (subject: "response" | "project", id: string, status: string, at: Date, by: "owner" | "responder", note: string | null = null) =>
        trx
          .insertInto("matchmaking_events_log")
          .values({
            subject_type: subject,
            subject_id: id,
            status,
            actor_user_id: by === "owner" ? ownerUserId : responderUserId,
            actor_org_id: by === "owner" ? ownerOrgId : responderOrgId,
            note,
            created_at: at,
          })
          .execute();
      await log("response", response.id, "pending", createdAt, "responder");
      if (demo.status !== "pending") await log("response", response.id, demo.status, decidedAt, "owner", demo.reason ?? null);
      if (demo.status !== "accepted" || !demo.project) continue;

      const p = demo.project;
      const completed = p.status === "completed";
      const project = await trx
        .insertInto("cooperation_projects")
        .values({
          response_id: response.id,
          listing_id: listing.id,
          owner_org_id: ownerOrgId,
          partner_org_id: responderOrgId,
          kind: listing.kind,
          title: listing.title,
          status: completed ? "completed" : "in_progress",
          start_date: input.details.startDate ?? addDays(today, -35),
          end_date: completed ? addDays(today, -5) : (input.details.endDate ?? null),
          students_count: p.placement?.students ?? input.details.students ?? null,
          tripartite_agreement: p.placement ? p.placement.tripartite : null,
          liability_insurance: p.placement ? p.placement.insurance : null,
          details: JSON.stringify({
            ...(input.details.major ? { major: input.details.major } : {}),
            ...(input.details.cohort ? { cohort: input.details.cohort } : {}),
          }),
          end_reason: p.completionNote ?? null,
          created_at: decidedAt,
          updated_at: decidedAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await log("project", project.id, "in_progress", decidedAt, "owner");
      for (const m of p.milestones ?? []) {
        const due = addDays(today, m.dueInDays);
        await trx
          .insertInto("project_milestones")
          .values({ project_id: project.id, title: m.title, due_date: due, done_at: m.done ? new Date(`${due}T10:00:00+08:00`) : null, created_at: decidedAt })
          .execute();
        await log("project", project.id, "milestone_added", decidedAt, "owner", m.title);
        if (m.done) await log("project", project.id, "milestone_done", new Date(`${due}T10:00:00+08:00`), "responder", m.title);
      }
      if (p.placement) await log("project", project.id, "placement_recorded", decidedAt, "responder");
      if (completed) await log("project", project.id, "completed", new Date(Date.now() - 5 * 86_400_000), "owner", p.completionNote ?? null);
    }
  });
  return created;
}
