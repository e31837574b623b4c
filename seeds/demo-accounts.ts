import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DB } from "../db/client.ts";
import type { OrgRole, PlatformRole } from "../db/schema.ts";
import { hashPassword } from "../app/models/password.server.ts";
import { ensurePlanReference } from "../db/reference/plan.ts";

export interface DemoAccount {
  email: string;
  name: string;
  organization?: string;
  orgRole?: OrgRole;
  platformRole?: PlatformRole;
  planUnit?: string;
  note: string;
}

// One account for every role, so a newcomer can try each side of the platform.
export const demoAccounts: DemoAccount[] = [
  { email: "admin@cjt-demo.cn", name: "平台管理员", platformRole: "platform_admin", note: "平台管理员" },
  { email: "reviewer@cjt-demo.cn", name: "审核员王敏", platformRole: "reviewer", note: "审核员" },
  { email: "reviewer2@cjt-demo.cn", name: "审核员赵磊", platformRole: "reviewer", note: "第二审核员" },
  { email: "officer.rsj@cjt-demo.cn", name: "区人社局联络员", organization: "区人社局", orgRole: "admin", platformRole: "plan_officer", planUnit: "区人社局", note: "任务跟踪联络员（区人社局）" },
  { email: "officer.jkj@cjt-demo.cn", name: "区教科局联络员", organization: "区教科局", orgRole: "admin", platformRole: "plan_officer", planUnit: "区教科局", note: "任务跟踪联络员（区教科局）" },
  { email: "qinling@cjt-demo.cn", name: "秦岭精工人事部", organization: "西安秦岭精工数控机床有限公司", orgRole: "admin", note: "企业管理员" },
  { email: "qinling.hr@cjt-demo.cn", name: "秦岭精工招聘专员", organization: "西安秦岭精工数控机床有限公司", orgRole: "member", note: "企业成员" },
  { email: "autoparts@cjt-demo.cn", name: "汽配园产教融合办", organization: "西安汽车零部件产业园", orgRole: "admin", note: "企业管理员（汽配园）" },
  { email: "sxgfxy@cjt-demo.cn", name: "国防职院校企合作处", organization: "陕西国防工业职业技术学院", orgRole: "admin", note: "职业院校管理员" },
  { email: "zhijiao@cjt-demo.cn", name: "区职教中心招就办", organization: "鄠邑区职业教育中心", orgRole: "admin", note: "职业院校管理员" },
  { email: "xjtu@cjt-demo.cn", name: "西安交大地方合作处", organization: "西安交通大学", orgRole: "admin", note: "本科高校管理员" },
  { email: "peixun@cjt-demo.cn", name: "技能提升培训学校", organization: "鄠邑区技能提升培训学校", orgRole: "admin", note: "培训机构管理员" },
  { email: "fengjing@cjt-demo.cn", name: "沣京工业园招商服务", organization: "沣京工业园管委会", orgRole: "admin", note: "园区管委会" },
];

/** The demo password: DEMO_PASSWORD, or generated and kept in DATA_DIR with the list of accounts. */
export function demoPassword(): string {
  if (process.env.DEMO_PASSWORD) return process.env.DEMO_PASSWORD;
  return `Cjt-${crypto.randomBytes(6).toString("base64url")}-2026`;
}

export async function seedDemoAccounts(db: DB, dataDir: string): Promise<{ file: string; created: number }> {
  const password = demoPassword();
  const hash = await hashPassword(password);
  const orgs = await db.selectFrom("organizations").select(["id", "name"]).execute();
  const orgId = new Map(orgs.map((o) => [o.name, o.id]));
  // The officers' units are the plan's: loaded first so the demo officers can be given theirs.
  await ensurePlanReference(db);
  const unitId = new Map((await db.selectFrom("plan_units").select(["id", "name"]).execute()).map((u) => [u.name, u.id]));
  const rows = demoAccounts.map((a) => ({
    email: a.email,
    name: a.name,
    password_hash: hash,
    organization_id: a.organization ? (orgId.get(a.organization) ?? null) : null,
    org_role: a.organization ? (a.orgRole ?? "member") : null,
    platform_role: a.platformRole ?? null,
    plan_unit_id: a.planUnit ? (unitId.get(a.planUnit) ?? null) : null,
    consent_at: new Date(),
    consent_version: "demo",
  }));
  const inserted = await db.insertInto("users").values(rows).onConflict((oc) => oc.doNothing()).returning("id").execute();
  const file = path.join(dataDir, "demo-accounts.txt");
  if (inserted.length > 0) {
    fs.mkdirSync(dataDir, { recursive: true });
    const lines = [
      "# 产教通演示账号 / demo accounts — 仅用于演示，请勿在生产环境使用",
      `# 密码 / password (all accounts): ${password}`,
      "",
      ...demoAccounts.map((a) => `${a.email.padEnd(28)} ${a.note}${a.organization ? `（${a.organization}）` : ""}`),
      "",
    ];
    fs.writeFileSync(file, lines.join("\n"), { mode: 0o600 });
  }
  return { file, created: inserted.length };
}
