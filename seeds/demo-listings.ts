import { sql } from "kysely";
import { listingColumns } from "../app/models/listing.server.ts";
import type { DB } from "../db/client.ts";
import type { Listing, ListingsTable } from "../db/schema.ts";
import type { IndustryId } from "../app/domain/industries.ts";
import { canPublishKind, deliveryModes, maturityLevels, transferModes, type ListingKind } from "../app/domain/listing-kinds.ts";
import { parkIds, type LocationId } from "../app/domain/locations.ts";
import type { OrganizationKind } from "../app/domain/organization-kinds.ts";
import { listingSchemaFor, splitListingInput, type ListingInput } from "../app/schemas/listing.ts";
import { addDays, todayInChina } from "../app/utils/dates.ts";
import { enqueueIndexJob } from "../search/outbox.ts";
import { demoOrganizations } from "./demo-organizations.ts";
import {
  cooperationTemplates,
  demoContacts,
  internshipTemplates,
  orderTrainingTemplates,
  researchTemplates,
  trainingPackageTemplates,
  type CooperationTemplate,
  type InternshipTemplate,
  type OrderTrainingTemplate,
  type ResearchTemplate,
  type TrainingPackageTemplate,
} from "./listing-templates.ts";

// Demo listings: hand-written templates (listing-templates.ts) combined with a seeded PRNG, so the same
// believable listings come out on every run. Every generated listing goes through its kind's form schema.

/** A tiny deterministic PRNG (mulberry32): the same seed gives the same sequence, everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** A multiple of `step` between min and max. */
  step(min: number, max: number, step: number): number {
    return Math.round(this.int(min, max) / step) * step;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface DemoPublisher {
  key: string;
  name: string;
  kind: OrganizationKind;
  location?: LocationId;
}

/** The demo organisations that publish, by key; district departments as `dept:<name>`. */
export const demoPublishers: Map<string, DemoPublisher> = new Map([
  ...demoOrganizations.map((o) => [o.key, { key: o.key, name: o.name, kind: o.kind, location: o.location }] as const),
  ...Object.keys(demoContacts)
    .filter((k) => k.startsWith("dept:"))
    .map((k) => [k, { key: k, name: k.slice(5), kind: "district_department" as const, location: "ganting" as const }] as const),
]);

export interface GeneratedListing {
  /** Key of the publishing organisation (see demoPublishers). */
  organization: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  kind: ListingKind;
  /** What the publisher would type into the form: strings, as a browser sends them. */
  values: Record<string, string>;
  /** How long before now it was published, in minutes (within the last 120 days). */
  ageMinutes: number;
}

type Slot =
  | { kind: "internship"; template: InternshipTemplate }
  | { kind: "order_training"; template: OrderTrainingTemplate }
  | { kind: "training_package"; template: TrainingPackageTemplate }
  | { kind: "cooperation"; template: CooperationTemplate }
  | { kind: "research_result"; template: ResearchTemplate };

const defaultCopies: Record<ListingKind, number> = {
  internship: 2,
  order_training: 2,
  training_package: 2,
  cooperation: 1,
  research_result: 1,
};

function slotsOf(): Slot[] {
  return [
    ...internshipTemplates.map((template) => ({ kind: "internship" as const, template })),
    ...orderTrainingTemplates.map((template) => ({ kind: "order_training" as const, template })),
    ...trainingPackageTemplates.map((template) => ({ kind: "training_package" as const, template })),
    ...cooperationTemplates.map((template) => ({ kind: "cooperation" as const, template })),
    ...researchTemplates.map((template) => ({ kind: "research_result" as const, template })),
  ];
}

const internshipSuffixes = ["", "（暑期）", "（岗位实习）", "（跟岗实习）", "（工学交替）"];
const packageSuffixes = ["", "（周末班）", "（企业定制班）"];
const otherSuffixes = ["", "（二期）", "（续签）"];
const teams = ["一组", "二组", "三组", "技术部", "生产部", "运营部", "培训部", "项目部", "华西片区", "关中片区"];
const trainingPeriods = ["两年（第三至第六学期）", "一年半（第四至第六学期）", "三年（全学段）", "一年（第五、六学期）"];
const schedules = [
  "每周六、日全天，共 6 周",
  "工作日晚上 19:00–21:00，共 8 周",
  "集中培训 10 天，随报随开班",
  "每月开班一期，每期两周",
  "线上课程随时学习，线下实操每周六集中",
];
const internshipExtras = [
  "",
  "欢迎鄠邑区及周边院校学生报名。",
  "可根据学校教学安排灵活确定实习时间。",
  "实习结束颁发实习证明，表现优秀者优先录用。",
];
const extraPlaces: LocationId[] = ["yuxia", "ganting", "qindu", "dawang", "jiangcun", "laodian", "ganhe", "weifeng", "zuan", "shijing"];

function patentNumber(dice: Dice): string {
  const year = dice.int(2018, 2024);
  const type = dice.pick(["1", "2"]);
  return `ZL${year}${type}${String(dice.int(0, 9_999_999)).padStart(7, "0")}.${dice.int(0, 9)}`;
}

function build(slot: Slot, copy: number, dice: Dice, today: string, label: string | null): GeneratedListing {
  const { template } = slot;
  const organization = dice.pick(template.orgs);
  const publisher = demoPublishers.get(organization);
  const contact = demoContacts[organization];
  if (!publisher || !contact) throw new Error(`unknown demo publisher ${organization}`);
  if (!canPublishKind(publisher.kind, slot.kind)) throw new Error(`${publisher.name} may not publish ${slot.kind}`);
  const year = Number(today.slice(0, 4));
  const location: LocationId =
    (template.locations ? dice.pick(template.locations) : undefined) ??
    (dice.chance(0.15) ? dice.pick(extraPlaces) : undefined) ??
    publisher.location ??
    dice.pick(parkIds);

  let title = template.title;
  let description = template.description;
  let details: Record<string, string>;
  switch (slot.kind) {
    case "internship": {
      const t = slot.template;
      title += copy === 1 ? `（${year + 1} 届）` : internshipSuffixes[copy % internshipSuffixes.length];
      description += dice.pick(internshipExtras);
      const startDate = addDays(today, dice.int(7, 75));
      details = {
        positions: String(dice.int(t.positions[0], t.positions[1])),
        startDate,
        endDate: addDays(startDate, dice.pick([60, 90, 120, 150, 180])),
        hoursPerWeek: String(dice.pick([40, 40, 40, 36, 44])),
        monthlyPay: String(dice.step(t.pay[0], t.pay[1], 100)),
        insurance: dice.chance(0.9) ? "on" : "",
        accommodation: dice.pick(["provided", "provided", "subsidised", "none"]),
        meals: dice.pick(["provided", "subsidised", "subsidised", "none"]),
        supervisor: dice.chance(0.95) ? "on" : "",
      };
      break;
    }
    case "order_training": {
      const t = slot.template;
      const cohort = year + 1 + (copy % 2);
      title = `${cohort} 级${title}`;
      details = {
        major: t.major,
        students: String(dice.step(t.students[0], t.students[1], 5)),
        cohort: String(cohort),
        trainingPeriod: dice.pick(trainingPeriods),
        employmentOnCompletion: dice.chance(0.9) ? "on" : "",
        scholarship: dice.pick(["", "2000", "3000", "5000"]),
        practiceShare: String(dice.step(30, 60, 5)),
        certificate: t.certificate ?? "",
      };
      break;
    }
    case "training_package": {
      const t = slot.template;
      title += packageSuffixes[copy % packageSuffixes.length];
      details = {
        courses: t.courses.map(([name, hours]) => `${name} ${hours}`).join("\n"),
        priceYuan: String(t.price[1] === 0 ? 0 : dice.step(t.price[0], t.price[1], 100)),
        mode: copy % packageSuffixes.length === 1 ? "offline" : dice.pick(deliveryModes),
        audience: t.audience,
        certificate: t.certificate ?? "",
        seats: String(dice.step(20, 60, 5)),
        schedule: dice.pick(schedules),
      };
      break;
    }
    case "cooperation": {
      const t = slot.template;
      title += otherSuffixes[copy % otherSuffixes.length];
      const [low, high] = t.budgetWan ?? [0, 0];
      const min = t.budgetWan ? dice.step(low, high, 10) : undefined;
      details = {
        cooperationType: t.cooperationType,
        budgetMinWan: min === undefined ? "" : String(min),
        budgetMaxWan: min === undefined ? "" : String(Math.max(min, dice.step(min, high * 1.5, 10))),
        durationMonths: t.months ? String(t.months) : "",
      };
      break;
    }
    case "research_result": {
      const t = slot.template;
      title += otherSuffixes[copy % otherSuffixes.length];
      details = {
        field: t.field,
        maturity: copy === 0 ? dice.pick(["pilot", "industrial", "pilot"]) : dice.pick(maturityLevels),
        transferMode: dice.pick(transferModes),
        // Demo patents carry their hand-written numbers; further copies get fresh (fictitious) ones.
        patents: (copy === 0 ? t.patents : t.patents.map((p) => `${patentNumber(dice)} ${p.split(" ").slice(1).join(" ")}`)).join("、"),
      };
      break;
    }
  }
  if (label) title = `${title} · ${label}`;
  return {
    organization,
    organizationName: publisher.name,
    organizationKind: publisher.kind,
    kind: slot.kind,
    values: {
      title,
      description,
      industry: template.industry satisfies IndustryId,
      majors: template.majors.join("、"),
      skills: template.skills.join("、"),
      location,
      validUntil: addDays(today, dice.int(30, 300)),
      contactName: contact.name,
      contactPhone: contact.phone,
      contactEmail: contact.email,
      ...details,
    },
    ageMinutes: dice.int(0, 120 * 24 * 60 - 1),
  };
}

export const DEMO_SEED = 20261126;

/**
 * Listings, one at a time. Without `count`: the demo set (every template, as many copies as it asks for).
 * With `count`: that many, templates drawn at random, titles labelled with a team and a number so they differ.
 */
export function* listingStream(options: { seed: number; today: string; count?: number; labelled?: boolean }): Generator<GeneratedListing> {
  const dice = new Dice(mulberry32(options.seed));
  const slots = slotsOf();
  if (options.count === undefined) {
    for (const slot of slots) {
      const copies = slot.template.copies ?? defaultCopies[slot.kind];
      for (let copy = 0; copy < copies; copy++) yield build(slot, copy, dice, options.today, null);
    }
    return;
  }
  for (let i = 0; i < options.count; i++) {
    const slot = dice.pick(slots);
    const label = options.labelled ? `${dice.pick(teams)}第 ${i + 1} 号` : null;
    yield build(slot, dice.int(0, 4), dice, options.today, label);
  }
}

/** The demo set: the same listings on every run (for a given day). */
export function generateDemoListings(options: { seed?: number; today?: string } = {}): GeneratedListing[] {
  return [...listingStream({ seed: options.seed ?? DEMO_SEED, today: options.today ?? todayInChina() })];
}

/** The listing as the form's action would receive it: parsed by its kind's schema (throws if invalid). */
export function toListingInput(listing: GeneratedListing): ListingInput {
  return splitListingInput(listing.kind, listingSchemaFor(listing.kind).parse(listing.values));
}

// ---------------------------------------------------------------------------------------------------
// Inserting

interface Context {
  orgIds: Map<string, string>;
  admins: Map<string, string>;
  reviewerId: string | null;
  now: number;
}

const minute = 60_000;

/** What listing_revisions keeps of a submission (the same keys as the model's snapshot). */
function snapshot(input: ListingInput): string {
  return JSON.stringify({ ...listingColumns(input), details: input.details });
}

/** The columns a generated published listing is inserted with, as JSON for jsonb_to_recordset. */
const recordsetColumns: Array<[keyof ListingsTable, string]> = [
  ["organization_id", "uuid"],
  ["kind", "text"],
  ["status", "text"],
  ["title", "text"],
  ["description", "text"],
  ["industry", "text"],
  ["majors", "text[]"],
  ["skills", "text[]"],
  ["location", "text"],
  ["valid_until", "date"],
  ["contact_name", "text"],
  ["contact_phone", "text"],
  ["contact_email", "text"],
  ["details", "jsonb"],
  ["submitted_at", "timestamptz"],
  ["reviewed_at", "timestamptz"],
  ["reviewed_by", "uuid"],
  ["published_at", "timestamptz"],
  ["created_by", "uuid"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
];
const insertColumns = recordsetColumns.map(([c]) => c);
const recordsetTypes = recordsetColumns.map(([c, type]) => `${c} ${type}`).join(", ");
const snapshotColumns = ["title", "description", "industry", "majors", "skills", "location", "valid_until", "contact_name", "contact_phone", "contact_email", "details"] as const;

type Row = Record<string, unknown>;

function publishedRow(listing: GeneratedListing, input: ListingInput, ctx: Context): Row | null {
  const orgId = ctx.orgIds.get(listing.organizationName);
  if (!orgId) return null;
  const published = new Date(ctx.now - listing.ageMinutes * minute);
  // Reviewed within two days of submission, drafted up to three days before: spread, but deterministic.
  const submitted = new Date(published.getTime() - ((listing.ageMinutes * 7919) % 2880 + 20) * minute);
  const created = new Date(submitted.getTime() - ((listing.ageMinutes * 104729) % 4320) * minute);
  return {
    ...listingColumns(input),
    details: input.details,
    organization_id: orgId,
    kind: listing.kind,
    status: "published",
    submitted_at: submitted.toISOString(),
    reviewed_at: published.toISOString(),
    reviewed_by: ctx.reviewerId,
    published_at: published.toISOString(),
    created_by: ctx.admins.get(orgId) ?? null,
    created_at: created.toISOString(),
    updated_at: published.toISOString(),
  };
}

type Inserted = Pick<Listing, "id" | "created_by" | "submitted_at" | (typeof snapshotColumns)[number]>;

/**
 * Inserts published listings in one transaction with their index jobs (and, for the demo, the submission
 * each was approved from). The whole batch travels as one JSON parameter: a multi-row VALUES list would
 * bind some twenty parameters per row, which is several times slower, most of all on PGlite.
 */
async function insertPublished(
  db: DB,
  batch: Array<{ listing: GeneratedListing; input: ListingInput }>,
  ctx: Context,
  options: { revisions: boolean },
): Promise<number> {
  const records = batch.map((b) => publishedRow(b.listing, b.input, ctx)).filter((r): r is Row => r !== null);
  if (records.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const returned = options.revisions ? sql.join([sql.ref("id"), sql.ref("created_by"), sql.ref("submitted_at"), ...snapshotColumns.map((c) => sql.ref(c))]) : sql.ref("id");
    const inserted = await sql<Inserted>`
      insert into listings (${sql.join(insertColumns.map((c) => sql.ref(c)))})
      select ${sql.join(insertColumns.map((c) => sql.ref(`x.${c}`)))}
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${sql.raw(recordsetTypes)})
      returning ${returned}`.execute(trx);
    const rows = inserted.rows;
    if (options.revisions) {
      await trx
        .insertInto("listing_revisions")
        .values(
          rows.map((row) => ({
            listing_id: row.id,
            snapshot: JSON.stringify(Object.fromEntries(snapshotColumns.map((c) => [c, row[c]]))),
            submitted_by: row.created_by,
            created_at: row.submitted_at ?? undefined,
          })),
        )
        .execute();
    }
    await enqueueIndexJob(
      trx,
      "listing",
      rows.map((r) => r.id),
    );
    return rows.length;
  });
}

async function loadContext(db: DB): Promise<Context> {
  const names = [...demoPublishers.values()].map((p) => p.name);
  const orgs = await db.selectFrom("organizations").select(["id", "name"]).where("name", "in", names).execute();
  const orgIds = new Map(orgs.map((o) => [o.name, o.id]));
  const admins = new Map<string, string>();
  if (orgs.length) {
    const users = await db
      .selectFrom("users")
      .select(["id", "organization_id"])
      .where("organization_id", "in", orgs.map((o) => o.id))
      .where("org_role", "=", "admin")
      .where("status", "=", "active")
      .orderBy("created_at")
      .execute();
    for (const u of users) if (u.organization_id && !admins.has(u.organization_id)) admins.set(u.organization_id, u.id);
  }
  const reviewer = await db
    .selectFrom("users")
    .select("id")
    .where("platform_role", "in", ["reviewer", "platform_admin"])
    .orderBy(sql`email = 'reviewer@cjt-demo.cn'`, "desc")
    .orderBy("created_at")
    .executeTakeFirst();
  return { orgIds, admins, reviewerId: reviewer?.id ?? null, now: Date.now() };
}

/**
 * A few submitted listings, so a reviewer has a queue to work on; three were rejected once and corrected.
 * They come from organisations with a demo account (so their side can be shown too), never 秦岭精工.
 */
async function insertReviewQueue(db: DB, ctx: Context, today: string): Promise<number> {
  const wanted: Record<ListingKind, number> = { internship: 3, order_training: 1, training_package: 2, cooperation: 1, research_result: 1 };
  const picked: GeneratedListing[] = [];
  for (const listing of listingStream({ seed: DEMO_SEED + 1, today, count: 2000 })) {
    const orgId = ctx.orgIds.get(listing.organizationName);
    if (listing.organization === "qinling" || !orgId || !ctx.admins.has(orgId) || wanted[listing.kind] === 0) continue;
    if (picked.some((p) => p.values.title === listing.values.title)) continue;
    wanted[listing.kind]--;
    picked.push(listing);
  }
  const reviewer2 = await db.selectFrom("users").select(["id", "email"]).where("email", "=", "reviewer2@cjt-demo.cn").executeTakeFirst();
  const rejections = [
    {
      reason: "描述过于简单，请补充具体内容、时间安排和对参与人员的要求后重新提交。",
      before: (i: ListingInput): ListingInput => ({ ...i, description: `${i.title}，欢迎有意向的单位和个人联系。` }),
    },
    {
      reason: "联系电话位数不对，无法接通，请核实后重新提交。",
      before: (i: ListingInput): ListingInput => ({ ...i, contactPhone: "029-848123" }),
    },
    {
      reason: "技能要求与内容不符，请填写与本信息相关的专业技能。",
      before: (i: ListingInput): ListingInput => ({ ...i, skills: ["吃苦耐劳", "服从安排"] }),
    },
  ];
  return db.transaction().execute(async (trx) => {
    let count = 0;
    for (const [index, listing] of picked.entries()) {
      const orgId = ctx.orgIds.get(listing.organizationName);
      if (!orgId) continue;
      const input = toListingInput(listing);
      const author = ctx.admins.get(orgId) ?? null;
      const submitted = new Date(ctx.now - (index * 397 + 90) * minute);
      const rejection = rejections[index] ?? null;
      const firstSubmitted = new Date(submitted.getTime() - 3 * 24 * 60 * minute);
      const rejectedAt = new Date(firstSubmitted.getTime() + 26 * 60 * minute);
      const reviewerId = reviewer2?.id ?? ctx.reviewerId;
      const row = await trx
        .insertInto("listings")
        .values({
          ...listingColumns(input),
          details: JSON.stringify(input.details),
          organization_id: orgId,
          kind: listing.kind,
          status: "submitted",
          submitted_at: submitted,
          created_by: author,
          created_at: rejection ? firstSubmitted : submitted,
          updated_at: submitted,
          ...(rejection ? { review_note: rejection.reason, reviewed_by: reviewerId, reviewed_at: rejectedAt } : {}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (rejection) {
        await trx
          .insertInto("listing_revisions")
          .values({ listing_id: row.id, snapshot: snapshot(rejection.before(input)), submitted_by: author, created_at: firstSubmitted })
          .execute();
        await trx
          .insertInto("audit_log")
          .values({
            at: rejectedAt,
            action: "listing.reject",
            outcome: "success",
            actor_user_id: reviewerId,
            actor_label: reviewer2?.email ?? null,
            organization_id: orgId,
            target_type: "listing",
            target_id: row.id,
            detail: JSON.stringify({ title: input.title, reason: rejection.reason }),
          })
          .execute();
      }
      await trx
        .insertInto("listing_revisions")
        .values({ listing_id: row.id, snapshot: snapshot(input), submitted_by: author, created_at: submitted })
        .execute();
      count++;
    }
    return count;
  });
}

/**
 * Loads the demo listings: 200+ published ones and a short review queue. Does nothing when the demo
 * organisations already have listings (or are not there). Returns how many listings were created.
 */
export async function seedDemoListings(db: DB, options: { today?: string } = {}): Promise<number> {
  const ctx = await loadContext(db);
  if (ctx.orgIds.size === 0) return 0;
  const existing = await db
    .selectFrom("listings")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organization_id", "in", [...ctx.orgIds.values()])
    .executeTakeFirstOrThrow();
  if (Number(existing.count) > 0) return 0;
  const today = options.today ?? todayInChina();
  const batch = generateDemoListings({ today }).map((listing) => ({ listing, input: toListingInput(listing) }));
  const published = await insertPublished(db, batch, ctx, { revisions: true });
  const queued = await insertReviewQueue(db, ctx, today);
  return published + queued;
}

export class DemoOrganizationsMissingError extends Error {
  constructor() {
    super("找不到演示机构，请先运行 npm run seed / the demo organisations are missing; run npm run seed first");
  }
}

/**
 * Many generated listings for benchmarks, in transactions of `batchSize` with their index jobs. Every
 * `validateEvery`-th listing is checked by its schema; the rest are built the same way without the check.
 */
export async function seedBulkListings(
  db: DB,
  options: { count: number; seed?: number; batchSize?: number; validateEvery?: number; onBatch?: (inserted: number) => void },
): Promise<number> {
  const ctx = await loadContext(db);
  if (ctx.orgIds.size === 0) throw new DemoOrganizationsMissingError();
  const batchSize = options.batchSize ?? 1000;
  const validateEvery = Math.max(1, options.validateEvery ?? 1);
  const today = todayInChina();
  let total = 0;
  let index = 0;
  let batch: Array<{ listing: GeneratedListing; input: ListingInput }> = [];
  const flush = async () => {
    const inserted = await insertPublished(db, batch, ctx, { revisions: false });
    total += inserted;
    options.onBatch?.(inserted);
    batch = [];
  };
  for (const listing of listingStream({ seed: options.seed ?? DEMO_SEED + 7, today, count: options.count, labelled: true })) {
    const input = index++ % validateEvery === 0 ? toListingInput(listing) : unchecked(listing);
    batch.push({ listing, input });
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length) await flush();
  return total;
}

const numberKeys = new Set([
  "positions",
  "hoursPerWeek",
  "monthlyPay",
  "students",
  "cohort",
  "scholarship",
  "practiceShare",
  "priceYuan",
  "seats",
  "budgetMinWan",
  "budgetMaxWan",
  "durationMonths",
]);
const booleanKeys = new Set(["insurance", "supervisor", "employmentOnCompletion"]);
const listKeys = new Set(["patents"]);
const commonKeys = new Set(["title", "description", "industry", "majors", "skills", "location", "validUntil", "contactName", "contactPhone", "contactEmail"]);

/** The same conversion as the schema for values the generator made (already well-formed), without checking. */
function unchecked(listing: GeneratedListing): ListingInput {
  const v = listing.values;
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    if (commonKeys.has(key)) continue;
    if (booleanKeys.has(key)) details[key] = value === "on";
    else if (value === "") continue;
    else if (numberKeys.has(key)) details[key] = Number(value);
    else if (listKeys.has(key)) details[key] = value.split("、");
    else if (key === "courses") {
      details.courses = value.split("\n").map((line) => {
        const at = line.lastIndexOf(" ");
        return { name: line.slice(0, at), hours: Number(line.slice(at + 1)) };
      });
    } else details[key] = value;
  }
  if (listing.kind === "training_package") {
    details.totalHours = (details.courses as Array<{ hours: number }>).reduce((sum, c) => sum + c.hours, 0);
  }
  return {
    title: v.title,
    description: v.description,
    industry: v.industry,
    majors: v.majors.split("、"),
    skills: v.skills.split("、"),
    location: v.location || undefined,
    validUntil: v.validUntil,
    contactName: v.contactName,
    contactPhone: v.contactPhone,
    contactEmail: v.contactEmail || undefined,
    details,
  };
}

export { unchecked as uncheckedListingInput };
