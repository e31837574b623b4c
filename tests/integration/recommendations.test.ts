import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.ts";
import type { NewOrganization } from "../../db/schema.ts";
import type { ListingKind } from "../../app/domain/listing-kinds.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { ensureAllIndexes } from "../../search/indexes/index.ts";
import { drainOutboxOnce, enqueueIndexJob } from "../../search/outbox.ts";
import { loadOrganizationProfile, recommendForOrganization, similarListings, type Recommendation } from "../../search/recommend.ts";
import { createLogger } from "../../app/logger.server.ts";
import { dashboardRecommendations, recommendationsFor, similarToListing } from "../../app/models/recommendations.server.ts";
import { SearchUnavailableError } from "../../app/models/search.server.ts";
import { setRuntime, type Runtime } from "../../app/runtime.server.ts";
import { connectMeili } from "../../search/client.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { openTestSearch } from "../support/search.ts";

// Explained recommendations against the real Meilisearch: rows written to the database, indexed through the
// outbox, then recommended both ways.

async function addOrganization(db: DB, values: Omit<NewOrganization, "status">): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("organizations").values({ ...values, status: "verified" }).returning("id").executeTakeFirstOrThrow();
    await enqueueIndexJob(trx, "organization", row.id);
    return row.id;
  });
}

async function addListing(
  db: DB,
  organizationId: string,
  values: { kind: ListingKind; title: string; industry: string; majors: string[]; skills: string[]; location?: string; details?: Record<string, unknown>; daysAgo?: number },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const published = new Date(Date.now() - (values.daysAgo ?? 1) * 86_400_000);
    const row = await trx
      .insertInto("listings")
      .values({
        organization_id: organizationId,
        kind: values.kind,
        status: "published",
        title: values.title,
        description: `${values.title}的说明。`,
        industry: values.industry,
        majors: values.majors,
        skills: values.skills,
        location: values.location ?? null,
        valid_until: addDays(todayInChina(), 60),
        details: JSON.stringify(values.details ?? {}),
        published_at: published,
        created_at: published,
        updated_at: published,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueIndexJob(trx, "listing", row.id);
    return row.id;
  });
}

const reasonTexts = (item: Recommendation | undefined) => item?.reasons.map((r) => r.text) ?? [];

describe.each(backends)("recommendations on %s", (backend) => {
  let database: TestDatabase;
  const search = openTestSearch();
  const ids: Record<string, string> = {};
  const tag = crypto.randomBytes(3).toString("hex");

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await ensureAllIndexes(search);
    const db = database.db;
    ids.enterprise = await addOrganization(db, {
      kind: "enterprise",
      name: `秦岭数控测试${tag}`,
      industry: "equipment_manufacturing",
      location: "fengjing_park",
      staff_count: 420,
    });
    ids.pharma = await addOrganization(db, { kind: "enterprise", name: `康元制药测试${tag}`, industry: "biomedicine", location: "xihu_hitech_zone", staff_count: 300 });
    ids.cncShop = await addOrganization(db, { kind: "enterprise", name: `精密加工测试${tag}`, industry: "equipment_manufacturing", location: "auto_parts_park", staff_count: 120 });
    ids.school = await addOrganization(db, {
      kind: "vocational_school",
      name: `国防职院测试${tag}`,
      location: "caotang",
      majors: ["数控技术", "机电一体化技术"],
      student_count: 5000,
    });
    ids.nursing = await addOrganization(db, { kind: "vocational_school", name: `护理学校测试${tag}`, majors: ["护理"], student_count: 2000 });

    ids.internship = await addListing(db, ids.enterprise, {
      kind: "internship",
      title: `数控车床操作实习生${tag}`,
      industry: "equipment_manufacturing",
      majors: ["数控技术"],
      skills: ["数控车床操作", "机械识图"],
      location: "fengjing_park",
      details: { positions: 4 },
    });
    ids.enterpriseCooperation = await addListing(db, ids.enterprise, {
      kind: "cooperation",
      title: `数控机床联合攻关${tag}`,
      industry: "equipment_manufacturing",
      majors: ["数控技术"],
      skills: ["热误差补偿"],
    });
    ids.otherCnc = await addListing(db, ids.cncShop, {
      kind: "internship",
      title: `CNC 编程实习生${tag}`,
      industry: "equipment_manufacturing",
      majors: ["数控技术", "模具设计与制造"],
      skills: ["机械识图", "UG NX"],
      location: "auto_parts_park",
      details: { positions: 2 },
    });
    ids.pharmaInternship = await addListing(db, ids.pharma, {
      kind: "internship",
      title: `药品生产操作实习生${tag}`,
      industry: "biomedicine",
      majors: ["药品生产技术"],
      skills: ["GMP 规范"],
      location: "xihu_hitech_zone",
      details: { positions: 5 },
    });
    ids.package = await addListing(db, ids.school, {
      kind: "training_package",
      title: `数控车铣加工培训包${tag}`,
      industry: "equipment_manufacturing",
      majors: ["数控技术"],
      skills: ["数控车削", "机械识图"],
      location: "caotang",
    });
    ids.nursingPackage = await addListing(db, ids.nursing, {
      kind: "training_package",
      title: `养老护理员培训包${tag}`,
      industry: "health_elderly_care",
      majors: ["护理"],
      skills: ["生活照料"],
    });
    for (;;) {
      const drained = await drainOutboxOnce(db, search);
      expect(drained.failed).toBe(0);
      if (drained.claimed === 0) break;
    }
  });

  afterAll(async () => {
    await database?.dispose();
    await search.dispose();
  });

  it("reads the profile from the organisation and its published listings", async () => {
    const profile = await loadOrganizationProfile(database.db, ids.enterprise);
    expect(profile).toMatchObject({ kind: "enterprise", industry: "equipment_manufacturing", location: "fengjing_park", staffCount: 420 });
    expect(profile!.majors).toEqual(["数控技术"]);
    expect(profile!.skills).toEqual(expect.arrayContaining(["数控车床操作", "机械识图", "热误差补偿"]));
    expect(await loadOrganizationProfile(database.db, crypto.randomUUID())).toBeNull();
  });

  it("recommends an equipment-manufacturing enterprise the CNC school and its training package, with reasons", async () => {
    const items = await recommendForOrganization(database.db, search, ids.enterprise, { limit: 10 });
    const school = items.find((i) => i.id === ids.school);
    const pkg = items.find((i) => i.id === ids.package);
    expect(school).toMatchObject({ type: "organization", kind: "organization", url: `/orgs/${ids.school}`, organization: { id: ids.school } });
    expect(reasonTexts(school)).toEqual(expect.arrayContaining(["产业对口：装备制造", "专业匹配：数控技术", "在校生规模可满足实习岗位需求"]));
    expect(pkg).toMatchObject({ type: "listing", kind: "training_package", url: `/l/${ids.package}`, organization: { id: ids.school, name: `国防职院测试${tag}` } });
    expect(reasonTexts(pkg)).toEqual(expect.arrayContaining(["产业对口：装备制造", "专业匹配：数控技术", "技能相同：机械识图", "近 30 天发布"]));
    expect(pkg!.score).toBe(pkg!.reasons.reduce((s, r) => s + r.points, 0));
    // Never its own items, never the same side, never what has no reason to fit.
    const returned = items.map((i) => i.id);
    for (const excluded of [ids.enterprise, ids.internship, ids.enterpriseCooperation, ids.otherCnc, ids.cncShop, ids.pharma, ids.nursingPackage, ids.nursing]) {
      expect(returned).not.toContain(excluded);
    }
    expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((a, b) => b - a));
  });

  it("recommends a school with 数控技术 the CNC internships, with 专业匹配：数控技术", async () => {
    const items = await recommendForOrganization(database.db, search, ids.school, { limit: 10 });
    const internship = items.find((i) => i.id === ids.internship);
    expect(internship).toMatchObject({ kind: "internship", title: `数控车床操作实习生${tag}`, organization: { id: ids.enterprise } });
    expect(reasonTexts(internship)).toEqual(
      expect.arrayContaining(["产业对口：装备制造", "专业匹配：数控技术", "岗位数与在校生规模相当", "近 30 天发布"]),
    );
    expect(reasonTexts(items.find((i) => i.id === ids.otherCnc))).toContain("专业匹配：数控技术");
    expect(items.map((i) => i.id)).toContain(ids.enterprise);
    const returned = items.map((i) => i.id);
    for (const excluded of [ids.school, ids.package, ids.nursing, ids.nursingPackage, ids.pharmaInternship]) expect(returned).not.toContain(excluded);
  });

  it("respects the limit and answers an unknown organisation with nothing", async () => {
    expect(await recommendForOrganization(database.db, search, ids.school, { limit: 1 })).toHaveLength(1);
    expect(await recommendForOrganization(database.db, search, crypto.randomUUID())).toEqual([]);
  });

  it("finds listings similar to a listing in its kind family, never itself", async () => {
    const similar = await similarListings(search, ids.internship, { limit: 6 });
    expect(similar.map((s) => s.id)).not.toContain(ids.internship);
    const cnc = similar.find((s) => s.id === ids.otherCnc);
    expect(reasonTexts(cnc)).toEqual(
      expect.arrayContaining(["同属产业：装备制造", "专业匹配：数控技术", "技能相同：机械识图", "地点相近：西安汽车零部件产业园（同为产业园区）"]),
    );
    // A training package is not an internship's kind family; a pharma internship shares nothing.
    expect(similar.map((s) => s.id)).not.toContain(ids.package);
    expect(similar.map((s) => s.id)).not.toContain(ids.pharmaInternship);
    expect(await similarListings(search, crypto.randomUUID())).toEqual([]);
  });
});

describe("when search cannot answer", () => {
  let database: TestDatabase;
  // Nothing listens on port 9: every request fails to connect.
  const unreachable = connectMeili("http://127.0.0.1:9", "key", "x_");
  let organizationId: string;

  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    organizationId = await addOrganization(database.db, { kind: "vocational_school", name: "断网测试学院", majors: ["数控技术"] });
  });
  afterAll(async () => {
    setRuntime(undefined);
    await unreachable.close();
    await database?.dispose();
  });

  const installRuntime = (searchReady: boolean) =>
    setRuntime({ db: database.db, search: unreachable, searchReady, log: createLogger("fatal") } as unknown as Runtime);

  it("the dashboard gets “unavailable” instead of an error, the API's gateway a SearchUnavailableError", async () => {
    for (const ready of [true, false]) {
      installRuntime(ready);
      expect(await dashboardRecommendations(organizationId)).toEqual({ status: "unavailable" });
      await expect(recommendationsFor(organizationId)).rejects.toBeInstanceOf(SearchUnavailableError);
      expect(await similarToListing(crypto.randomUUID())).toEqual({ status: "unavailable" });
    }
  });
});
