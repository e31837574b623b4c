import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listingKinds } from "../../app/domain/listing-kinds.ts";
import { locationIds } from "../../app/domain/locations.ts";
import { majorNames } from "../../app/domain/majors.ts";
import { industryIds } from "../../app/domain/industries.ts";
import { organizationKinds } from "../../app/domain/organization-kinds.ts";
import {
  MAX_PER_ORGANIZATION,
  RECOMMENDATION_WEIGHTS as W,
  byScore,
  candidateQueries,
  isTarget,
  rankForOrganization,
  rankSimilar,
  scoreForOrganization,
  scoreSimilar,
  targetFilter,
  type Candidate,
  type OrganizationProfile,
  type Recommendation,
} from "../../search/recommend.ts";

const NOW = new Date("2026-12-01T04:00:00Z");
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const daysAgo = (days: number) => nowSeconds - days * 86_400;

const school: OrganizationProfile = {
  id: "school-1",
  name: "某职业技术学院",
  kind: "vocational_school",
  industry: null,
  location: "caotang",
  majors: ["数控技术", "护理"],
  skills: [],
  studentCount: 15_000,
  staffCount: null,
};

const enterprise: OrganizationProfile = {
  id: "enterprise-1",
  name: "某数控机床公司",
  kind: "enterprise",
  industry: "equipment_manufacturing",
  location: "fengjing_park",
  majors: [],
  skills: ["数控车床操作", "机械识图"],
  studentCount: null,
  staffCount: 420,
};

let seq = 0;
function listing(overrides: Partial<Candidate> = {}): Candidate {
  seq++;
  return {
    id: `l-${seq}`,
    type: "listing",
    kind: "internship",
    title: `候选 ${seq}`,
    organizationId: `org-${seq}`,
    organizationName: `机构 ${seq}`,
    organizationKind: "enterprise",
    certified: false,
    industry: null,
    location: null,
    majors: [],
    skills: [],
    publishedAt: daysAgo(200),
    ...overrides,
  };
}

function organization(overrides: Partial<Candidate> = {}): Candidate {
  seq++;
  const id = overrides.id ?? `o-${seq}`;
  return listing({ id, type: "organization", kind: "organization", organizationId: id, title: `机构 ${seq}`, ...overrides });
}

const texts = (r: Recommendation | null) => (r ? r.reasons.map((x) => x.text) : []);
const codes = (r: Recommendation | null) => (r ? r.reasons.map((x) => x.code) : []);

describe("the other side", () => {
  it("offers an enterprise schools' training packages, research results, cooperation and the schools themselves", () => {
    for (const kind of ["training_package", "research_result", "cooperation"] as const) {
      expect(isTarget(enterprise, listing({ kind, organizationKind: "vocational_school" }))).toBe(true);
    }
    expect(isTarget(enterprise, organization({ organizationKind: "university" }))).toBe(true);
    expect(isTarget(enterprise, organization({ organizationKind: "training_provider" }))).toBe(true);
    expect(isTarget(enterprise, listing({ kind: "internship", organizationKind: "enterprise" }))).toBe(false);
    expect(isTarget(enterprise, listing({ kind: "cooperation", organizationKind: "enterprise" }))).toBe(false);
    expect(isTarget(enterprise, organization({ organizationKind: "enterprise" }))).toBe(false);
    expect(isTarget(enterprise, organization({ organizationKind: "park_committee" }))).toBe(false);
  });

  it("offers a school enterprises' internships, order training, cooperation and the enterprises themselves", () => {
    for (const kind of ["internship", "order_training", "cooperation"] as const) {
      expect(isTarget(school, listing({ kind, organizationKind: "enterprise" }))).toBe(true);
    }
    expect(isTarget(school, organization({ organizationKind: "enterprise" }))).toBe(true);
    expect(isTarget(school, listing({ kind: "training_package", organizationKind: "university" }))).toBe(false);
    expect(isTarget(school, listing({ kind: "cooperation", organizationKind: "vocational_school" }))).toBe(false);
    expect(isTarget(school, organization({ organizationKind: "university" }))).toBe(false);
  });

  it("offers parks and district departments both sides", () => {
    for (const kind of ["park_committee", "district_department"] as const) {
      const broker = { ...school, id: `${kind}-1`, kind };
      expect(isTarget(broker, listing({ kind: "internship", organizationKind: "enterprise" }))).toBe(true);
      expect(isTarget(broker, listing({ kind: "training_package", organizationKind: "training_provider" }))).toBe(true);
      expect(isTarget(broker, organization({ organizationKind: "enterprise" }))).toBe(true);
      expect(isTarget(broker, organization({ organizationKind: "university" }))).toBe(true);
      expect(isTarget(broker, organization({ organizationKind: "park_committee" }))).toBe(false);
    }
  });

  it("never offers an organisation its own listings or itself, in the filter and in scoring", () => {
    expect(targetFilter(school)).toContain(`organizationId != "school-1"`);
    for (const query of candidateQueries({ prefix: "p_" }, school)) expect(String(query.filter)).toContain(`organizationId != "school-1"`);
    const own = listing({ organizationId: school.id, organizationKind: "vocational_school", kind: "cooperation", majors: ["数控技术"] });
    const itself = organization({ id: school.id, organizationKind: "vocational_school" });
    expect(scoreForOrganization(school, own, NOW)).toBeNull();
    expect(scoreForOrganization(school, itself, NOW)).toBeNull();
    // Even when a stale document puts its own listing on the other side (say, after a change of kind).
    const stale = listing({ organizationId: school.id, organizationKind: "enterprise", kind: "internship", industry: "equipment_manufacturing", majors: ["数控技术"] });
    expect(isTarget(school, { ...stale, organizationId: "someone-else" })).toBe(true);
    expect(isTarget(school, stale)).toBe(false);
    expect(rankForOrganization(school, [stale], { now: NOW })).toEqual([]);
    const ownEnterpriseListing = listing({ organizationId: enterprise.id, kind: "internship", industry: "equipment_manufacturing" });
    const ranked = rankForOrganization(enterprise, [ownEnterpriseListing, listing({ kind: "training_package", organizationKind: "university", industry: "equipment_manufacturing" })], { now: NOW });
    expect(ranked.map((r) => r.organization.id)).not.toContain(enterprise.id);
    expect(ranked).toHaveLength(1);
  });
});

describe("reasons appear exactly when their condition holds", () => {
  it("产业对口: the candidate's industry is one of the profile's majors' industries", () => {
    const fits = scoreForOrganization(school, listing({ industry: "equipment_manufacturing" }), NOW);
    expect(texts(fits)).toContain("产业对口：装备制造");
    expect(fits!.reasons.find((r) => r.code === "industry")!.points).toBe(W.industry);
    expect(codes(scoreForOrganization(school, listing({ industry: "printing_packaging" }), NOW))).not.toContain("industry");
    expect(codes(scoreForOrganization(school, listing({ industry: null }), NOW))).not.toContain("industry");
  });

  it("产业对口: the candidate's industry is the profile's own, or the candidate's majors serve it", () => {
    const sameIndustry = listing({ kind: "training_package", organizationKind: "vocational_school", industry: "equipment_manufacturing" });
    expect(texts(scoreForOrganization(enterprise, sameIndustry, NOW))).toContain("产业对口：装备制造");
    const schoolWithCnc = organization({ organizationKind: "vocational_school", majors: ["数控技术"] });
    expect(texts(scoreForOrganization(enterprise, schoolWithCnc, NOW))).toContain("产业对口：装备制造");
    const nursingSchool = organization({ organizationKind: "vocational_school", majors: ["护理"] });
    expect(scoreForOrganization(enterprise, nursingSchool, NOW)?.reasons.map((r) => r.code) ?? []).not.toContain("industry");
  });

  it("an organisation that names its industry is not matched on its majors' other industries", () => {
    const profile = { ...enterprise, majors: ["数字印刷技术"] }; // maps to printing_packaging and digital_economy
    const digital = listing({ kind: "training_package", organizationKind: "university", industry: "digital_economy" });
    expect(codes(scoreForOrganization(profile, digital, NOW))).not.toContain("industry");
  });

  it("专业匹配 names the shared majors; each further shared major adds points up to the cap", () => {
    const one = scoreForOrganization(school, listing({ majors: ["数控技术", "机械制造及自动化"] }), NOW);
    expect(texts(one)).toContain("专业匹配：数控技术");
    expect(one!.reasons.find((r) => r.code === "majors")!.points).toBe(W.majorsFirst);
    const two = scoreForOrganization(school, listing({ majors: ["护理", "数控技术"] }), NOW);
    expect(texts(two)).toContain("专业匹配：护理、数控技术");
    expect(two!.reasons.find((r) => r.code === "majors")!.points).toBe(W.majorsFirst + W.majorsEach);
    const many = { ...school, majors: majorNames.slice(0, 8) };
    const all = scoreForOrganization(many, listing({ majors: majorNames.slice(0, 8) }), NOW);
    expect(all!.reasons.find((r) => r.code === "majors")!.points).toBe(W.majorsMax);
    expect(codes(scoreForOrganization(school, listing({ majors: ["旅游管理"], industry: "equipment_manufacturing" }), NOW))).not.toContain("majors");
  });

  it("技能相同 names the skills an organisation's listings share with the candidate", () => {
    const pkg = listing({ kind: "training_package", organizationKind: "training_provider", skills: ["机械识图", "CAD/CAM"] });
    const r = scoreForOrganization(enterprise, pkg, NOW);
    expect(texts(r)).toContain("技能相同：机械识图");
    expect(r!.reasons.find((x) => x.code === "skills")!.points).toBe(W.skills);
    expect(codes(scoreForOrganization(enterprise, listing({ ...pkg, id: "other", skills: ["直播运营"] }), NOW))).not.toContain("skills");
  });

  it("同在 for the same place; 地点相近 for two parks or two sub-districts; nothing across", () => {
    const park = { ...school, location: "fengjing_park" };
    expect(texts(scoreForOrganization(park, listing({ location: "fengjing_park" }), NOW))).toContain("同在沣京工业园");
    expect(texts(scoreForOrganization(park, listing({ location: "xihu_hitech_zone" }), NOW))).toContain("地点相近：西户高新区（同为产业园区）");
    expect(texts(scoreForOrganization(school, listing({ location: "ganting" }), NOW))).toContain("地点相近：甘亭街道（同为镇街）");
    const across = scoreForOrganization(park, listing({ location: "caotang", industry: "equipment_manufacturing" }), NOW);
    expect(codes(across)).not.toContain("location");
    expect(codes(across)).not.toContain("nearby");
    expect(codes(scoreForOrganization({ ...school, location: null }, listing({ location: "caotang", industry: "equipment_manufacturing" }), NOW))).toEqual(["industry"]);
  });

  it("近 30 / 90 天发布 for listings by publication age; never for organisations", () => {
    const base = { industry: "equipment_manufacturing" };
    expect(texts(scoreForOrganization(school, listing({ ...base, publishedAt: daysAgo(10) }), NOW))).toContain("近 30 天发布");
    expect(texts(scoreForOrganization(school, listing({ ...base, publishedAt: daysAgo(30) }), NOW))).toContain("近 30 天发布");
    expect(texts(scoreForOrganization(school, listing({ ...base, publishedAt: daysAgo(31) }), NOW))).toContain("近 90 天发布");
    expect(codes(scoreForOrganization(school, listing({ ...base, publishedAt: daysAgo(91) }), NOW))).not.toContain("recent");
    expect(codes(scoreForOrganization(school, organization({ ...base, publishedAt: daysAgo(1) }), NOW))).not.toContain("recent");
  });

  it("已认证产教融合型企业 only for certified candidates", () => {
    const base = { industry: "equipment_manufacturing" };
    expect(texts(scoreForOrganization(school, listing({ ...base, certified: true }), NOW))).toContain("已认证产教融合型企业");
    expect(codes(scoreForOrganization(school, listing({ ...base, certified: false }), NOW))).not.toContain("certified");
  });

  it("capacity: positions ≤ 5 % and cohorts ≤ 2 % of a school's students; an enterprise's 2 % quota ≤ 5 % of them", () => {
    const base = { industry: "equipment_manufacturing" };
    const small = { ...school, studentCount: 1800 };
    expect(texts(scoreForOrganization(small, listing({ ...base, positions: 90 }), NOW))).toContain("岗位数与在校生规模相当");
    expect(codes(scoreForOrganization(small, listing({ ...base, positions: 91 }), NOW))).not.toContain("capacity");
    expect(texts(scoreForOrganization(small, listing({ ...base, kind: "order_training", students: 36 }), NOW))).toContain("订单班人数与在校生规模相当");
    expect(codes(scoreForOrganization(small, listing({ ...base, kind: "order_training", students: 40 }), NOW))).not.toContain("capacity");
    expect(texts(scoreForOrganization(school, listing({ ...base, kind: "order_training", students: 60 }), NOW))).toContain("订单班人数与在校生规模相当");
    expect(texts(scoreForOrganization(small, organization({ ...base, staffCount: 4500 }), NOW))).toContain("在校生规模可满足实习岗位需求");
    expect(codes(scoreForOrganization(small, organization({ ...base, staffCount: 4600 }), NOW))).not.toContain("capacity");
    // An enterprise of 420: quota 8.4 ≤ 5 % of a school's 200 students (10).
    const cncSchool = { organizationKind: "vocational_school" as const, majors: ["数控技术"] };
    expect(texts(scoreForOrganization(enterprise, organization({ ...cncSchool, studentCount: 200 }), NOW))).toContain("在校生规模可满足实习岗位需求");
    expect(codes(scoreForOrganization(enterprise, organization({ ...cncSchool, studentCount: 100 }), NOW))).not.toContain("capacity");
    // A training provider without a student count: nothing to compare.
    expect(codes(scoreForOrganization({ ...school, kind: "training_provider", studentCount: null }, listing({ ...base, positions: 1 }), NOW))).not.toContain("capacity");
  });

  it("recency, certification and size alone do not make a recommendation", () => {
    const onlyNoise = listing({ certified: true, publishedAt: daysAgo(1), positions: 1 });
    expect(scoreForOrganization(school, onlyNoise, NOW)!.score).toBeGreaterThan(0);
    expect(rankForOrganization(school, [onlyNoise], { now: NOW })).toEqual([]);
  });
});

describe("score and order", () => {
  it("the score is the sum of the reasons' points, at most 100", () => {
    const best = listing({
      industry: "equipment_manufacturing",
      majors: ["数控技术", "护理"],
      location: "caotang",
      certified: true,
      positions: 5,
      publishedAt: daysAgo(3),
    });
    const r = scoreForOrganization(school, best, NOW)!;
    expect(r.score).toBe(r.reasons.reduce((s, x) => s + x.points, 0));
    expect(r.score).toBe(W.industry + W.majorsFirst + W.majorsEach + W.sameLocation + W.certified + W.capacity + W.recent30);
    expect(r.url).toBe(`/l/${best.id}`);
    expect(r.organization).toEqual({ id: best.organizationId, name: best.organizationName });
  });

  it("sorts by score, ties by recency", () => {
    const strong = listing({ industry: "equipment_manufacturing", majors: ["数控技术"], publishedAt: daysAgo(200) });
    const weakNew = listing({ industry: "equipment_manufacturing", publishedAt: daysAgo(200) + 10 });
    const weakOld = listing({ industry: "equipment_manufacturing", publishedAt: daysAgo(200) });
    const ranked = rankForOrganization(school, [weakOld, strong, weakNew], { now: NOW });
    expect(ranked.map((r) => r.id)).toEqual([strong.id, weakNew.id, weakOld.id]);
  });

  it("takes at most three of one organisation while others are left, and stays sorted", () => {
    const busy = Array.from({ length: 6 }, (_, i) =>
      listing({ organizationId: "busy", industry: "equipment_manufacturing", majors: ["数控技术"], publishedAt: daysAgo(200) + i }),
    );
    const others = Array.from({ length: 4 }, () => listing({ industry: "equipment_manufacturing" }));
    const ranked = rankForOrganization(school, [...busy, ...others], { limit: 6, now: NOW });
    expect(ranked).toHaveLength(6);
    expect(ranked.filter((r) => r.organization.id === "busy")).toHaveLength(MAX_PER_ORGANIZATION);
    // The organisation itself, as a partner, does not count against its listings.
    const busyItself = organization({ id: "busy", industry: "equipment_manufacturing", majors: ["数控技术"] });
    const withItself = rankForOrganization(school, [...busy, busyItself, ...others], { limit: 6, now: NOW });
    expect(withItself.filter((r) => r.organization.id === "busy" && r.type === "listing")).toHaveLength(MAX_PER_ORGANIZATION);
    expect(withItself.map((r) => r.id)).toContain("busy");
    expect([...ranked].sort(byScore)).toEqual(ranked);
    // With nobody else left, the limit is filled from the same organisation.
    expect(rankForOrganization(school, busy, { limit: 5, now: NOW })).toHaveLength(5);
  });

  it("holds for any candidates: never its own, scores within 0–100 and the sum of the points, sorted, within the limit", () => {
    const candidate = fc.record({
      type: fc.constantFrom("listing" as const, "organization" as const),
      kind: fc.constantFrom(...listingKinds),
      own: fc.boolean(),
      organizationKind: fc.constantFrom(...organizationKinds),
      certified: fc.boolean(),
      industry: fc.option(fc.constantFrom(...industryIds, "unknown"), { nil: null }),
      location: fc.option(fc.constantFrom(...locationIds, "nowhere"), { nil: null }),
      majors: fc.array(fc.constantFrom(...majorNames.slice(0, 12), "自定义专业"), { maxLength: 4 }),
      skills: fc.array(fc.constantFrom("数控编程", "PLC", "焊接", "直播"), { maxLength: 3 }),
      age: fc.integer({ min: -5, max: 400 }),
      positions: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
      students: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      studentCount: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
      staffCount: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
    });
    const profile = fc.record({
      kind: fc.constantFrom(...organizationKinds),
      industry: fc.option(fc.constantFrom(...industryIds), { nil: null }),
      location: fc.option(fc.constantFrom(...locationIds), { nil: null }),
      majors: fc.array(fc.constantFrom(...majorNames.slice(0, 12)), { maxLength: 5 }),
      skills: fc.array(fc.constantFrom("数控编程", "PLC", "焊接"), { maxLength: 2 }),
      studentCount: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
      staffCount: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
    });
    fc.assert(
      fc.property(profile, fc.array(candidate, { maxLength: 30 }), fc.integer({ min: 1, max: 50 }), (p, cs, limit) => {
        const me: OrganizationProfile = { id: "me", name: "我", ...p };
        const candidates = cs.map((c, i) =>
          listing({
            ...c,
            id: c.type === "organization" && c.own ? "me" : `c${i}`,
            kind: c.type === "organization" ? "organization" : c.kind,
            organizationId: c.own ? "me" : `org${i % 7}`,
            publishedAt: daysAgo(c.age),
          }),
        );
        const ranked = rankForOrganization(me, candidates, { limit, now: NOW });
        expect(ranked.length).toBeLessThanOrEqual(limit);
        for (const r of ranked) {
          expect(r.organization.id).not.toBe("me");
          expect(r.id).not.toBe("me");
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(r.score).toBe(Math.min(100, r.reasons.reduce((s, x) => s + x.points, 0)));
          expect(new Set(r.reasons.map((x) => x.code)).size).toBe(r.reasons.length);
        }
        expect([...ranked].sort(byScore)).toEqual(ranked);
      }),
      { numRuns: 300 },
    );
  });
});

describe("similar listings", () => {
  const source = listing({
    kind: "internship",
    industry: "equipment_manufacturing",
    majors: ["数控技术", "机械制造及自动化"],
    skills: ["数控车床操作", "机械识图"],
    location: "fengjing_park",
  });

  it("scores shared industry, majors, skills and location, and excludes the listing itself", () => {
    const twin = listing({ kind: "internship", industry: "equipment_manufacturing", majors: ["数控技术"], skills: ["机械识图", "Excel"], location: "fengjing_park", publishedAt: daysAgo(5) });
    const r = scoreSimilar(source, twin, NOW)!;
    expect(texts(r)).toEqual(["同属产业：装备制造", "专业匹配：数控技术", "技能相同：机械识图", "同在沣京工业园", "近 30 天发布"]);
    expect(scoreSimilar(source, source, NOW)).toBeNull();
    expect(rankSimilar(source, [source, twin], { now: NOW }).map((x) => x.id)).toEqual([twin.id]);
  });

  it("keeps to the kind family: internships with order training, not training packages or organisations", () => {
    const order = listing({ kind: "order_training", industry: "equipment_manufacturing" });
    const pkg = listing({ kind: "training_package", industry: "equipment_manufacturing", majors: ["数控技术"] });
    const org = organization({ industry: "equipment_manufacturing" });
    expect(scoreSimilar(source, order, NOW)).not.toBeNull();
    expect(scoreSimilar(source, pkg, NOW)).toBeNull();
    expect(scoreSimilar(source, org, NOW)).toBeNull();
  });

  it("needs something in common beyond recency", () => {
    expect(scoreSimilar(source, listing({ kind: "internship", industry: "biomedicine", publishedAt: daysAgo(1), certified: true }), NOW)).toBeNull();
  });
});
