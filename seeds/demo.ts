import type { Logger } from "pino";
import type { DB } from "../db/client.ts";
import type { DemoDecision } from "../app/env.server.ts";
import { withCheckChar } from "../app/domain/credit-code.ts";
import { enqueueIndexJob } from "../search/outbox.ts";
import { seedDemoAccounts } from "./demo-accounts.ts";
import { seedDemoListings } from "./demo-listings.ts";
import { seedDemoOrdersEvents } from "./demo-orders-events.ts";
import { seedDemoResponses } from "./demo-responses.ts";
import { demoOrganizations } from "./demo-organizations.ts";
import { seedDemoPlan } from "./demo-plan.ts";
import { seedDemoCertification } from "./demo-certification.ts";
import { seedDemoDocuments } from "./demo-documents.ts";
import { allPlanUnits, planTable } from "../db/reference/plan.ts";

/** District departments are the plan's own units (区教科局, 区人社局, ...), read from the table. */
export function districtDepartmentNames(): string[] {
  return allPlanUnits(planTable()).filter((unit) => /^(区|市)/.test(unit));
}

export interface SeedResult {
  organizations: number;
  accounts: number;
  accountsFile: string;
  listings: number;
}

export async function seedDemo(db: DB, options: { dataDir: string; log?: Logger }): Promise<SeedResult> {
  const { log } = options;
  const departments = districtDepartmentNames().map((name) => ({
    kind: "district_department" as const,
    name,
    description: `《深化产教融合工作任务分解表》的责任单位。`,
  }));
  const rows = [
    ...demoOrganizations.map((o) => ({
      kind: o.kind,
      name: o.name,
      credit_code: o.creditBody ? withCheckChar(o.creditBody) : null,
      industry: o.industry ?? null,
      location: o.location ?? null,
      address: o.address ?? null,
      contact_name: "联络员",
      contact_phone: null,
      contact_email: null,
      staff_count: o.staff ?? null,
      annual_payroll: o.payrollWan ? o.payrollWan * 10_000 : null,
      student_count: o.students ?? null,
      majors: o.majors ?? [],
      description: o.description,
    })),
    ...departments.map((d) => ({ ...d, majors: [] as string[] })),
  ];
  const organizations = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("organizations")
      .values(rows.map((r) => ({ ...r, status: "verified" as const, reviewed_at: new Date() })))
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .execute();
    await enqueueIndexJob(
      trx,
      "organization",
      inserted.map((r) => r.id),
    );
    return inserted.length;
  });
  await seedDemoDocuments(db);
  const accounts = await seedDemoAccounts(db, options.dataDir);
  const listings = await seedDemoListings(db);
  await seedDemoOrdersEvents(db);
  await seedDemoResponses(db);
  await seedDemoCertification(db);
  await seedDemoPlan(db);
  await seedDemoSiteSettings(db);
  log?.info({ organizations, accounts: accounts.created, accountsFile: accounts.file, listings }, "demo data loaded");
  if (accounts.created) process.stdout.write(`演示账号及密码见 / demo accounts and password: ${accounts.file}\n`);
  return { organizations, accounts: accounts.created, accountsFile: accounts.file, listings };
}

/**
 * The footer's sponsor and a contact for the demo. The ICP, public-security and site-code numbers stay empty: a
 * made-up number could be taken for a real filing, and the empty footer lines show that unset items are hidden.
 * No telephone either, for the same reason; the address and mailbox say they are the demo's.
 */
export async function seedDemoSiteSettings(db: DB): Promise<void> {
  await db
    .updateTable("site_settings")
    .set({ sponsor: "鄠邑区教育和科技局", contact_address: "西安市鄠邑区（演示数据，非真实地址）", contact_email: "contact@cjt-demo.cn" })
    .where("id", "=", true)
    .where("updated_by", "is", null)
    .execute();
}

/** Loads the demo data into an empty database; true when it did. */
export async function seedIfEmpty(db: DB, options: { dataDir: string; log?: Logger }): Promise<boolean> {
  const { count } = await db
    .selectFrom("organizations")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) return false;
  await seedDemo(db, options);
  return true;
}

/** The start's demo step: loads or skips as decided (env.server.ts demoSeeding) and says which, and why, on stdout. */
export async function seedAsDecided(db: DB, decision: DemoDecision, options: { dataDir: string; log?: Logger }): Promise<void> {
  let line: string;
  if (!decision.load) line = decision.message;
  else if (await seedIfEmpty(db, options)) line = "已加载演示数据（内置数据库原为空）/ demo data loaded into the empty embedded database";
  else line = "未加载演示数据：数据库中已有数据 / demo data skipped: the database is not empty";
  process.stdout.write(`${line}\n`);
}
