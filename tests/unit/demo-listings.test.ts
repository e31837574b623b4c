import { describe, expect, it } from "vitest";
import { industryIds } from "../../app/domain/industries.ts";
import { canPublishKind, cooperationTypes, listingKinds } from "../../app/domain/listing-kinds.ts";
import { locationIds } from "../../app/domain/locations.ts";
import { majorCrosswalk } from "../../app/domain/majors.ts";
import { listingSchemaFor } from "../../app/schemas/listing.ts";
import { addDays } from "../../app/utils/dates.ts";
import {
  generateDemoListings,
  listingStream,
  mulberry32,
  toListingInput,
  uncheckedListingInput,
} from "../../seeds/demo-listings.ts";
import { demoOrganizations } from "../../seeds/demo-organizations.ts";

const today = "2026-11-26";
const listings = generateDemoListings({ today });
const text = (l: (typeof listings)[number]) => `${l.values.title} ${l.values.skills}`;

describe("demo listings generator", () => {
  it("yields at least 200 listings of all five kinds, across all eleven industries and many places", () => {
    expect(listings.length).toBeGreaterThanOrEqual(200);
    expect(new Set(listings.map((l) => l.kind))).toEqual(new Set(listingKinds));
    expect(new Set(listings.map((l) => l.values.industry))).toEqual(new Set(industryIds));
    const places = new Set(listings.map((l) => l.values.location));
    expect(places.size).toBeGreaterThanOrEqual(5);
    for (const place of places) expect(locationIds).toContain(place);
    for (const kind of listingKinds) expect(listings.filter((l) => l.kind === kind).length).toBeGreaterThanOrEqual(15);
  });

  it("makes every listing pass its kind's form schema", () => {
    for (const listing of listings) {
      const result = listingSchemaFor(listing.kind).safeParse(listing.values);
      expect(result.success, `${listing.values.title}: ${result.error?.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`).toBe(true);
    }
  });

  it("has each listing published by a demo organisation allowed to publish its kind", () => {
    const demoNames = new Set(demoOrganizations.map((o) => o.name));
    for (const listing of listings) {
      expect(canPublishKind(listing.organizationKind, listing.kind), `${listing.organizationName} → ${listing.kind}`).toBe(true);
      if (listing.organizationKind !== "district_department") expect(demoNames).toContain(listing.organizationName);
    }
    const kindsOf = (kind: string) => new Set(listings.filter((l) => l.kind === kind).map((l) => l.organizationKind));
    expect(kindsOf("internship")).toEqual(new Set(["enterprise"]));
    expect(kindsOf("research_result")).toEqual(new Set(["university", "vocational_school"]));
    expect(kindsOf("cooperation").size).toBeGreaterThanOrEqual(4);
  });

  it("uses majors of the catalogue that serve the listing's industry", () => {
    for (const listing of listings) {
      const majors = listing.values.majors.split("、");
      expect(majors.length).toBeGreaterThan(0);
      for (const major of majors) expect(majorCrosswalk[major], `${listing.values.title}: ${major}`).toContain(listing.values.industry);
    }
  });

  it("contains the CNC and automotive-parts internships the district is known for", () => {
    const internships = listings.filter((l) => l.kind === "internship");
    const cnc = internships.filter((l) => /数控|CNC/.test(text(l)));
    expect(cnc.length).toBeGreaterThanOrEqual(5);
    const autoParts = internships.filter((l) => l.values.title.includes("汽车零部件"));
    expect(autoParts.length).toBeGreaterThanOrEqual(5);
    const autoPublishers = new Set(autoParts.map((l) => l.organizationName));
    expect(autoPublishers).toContain("西安汽车零部件产业园");
    expect(autoPublishers).toContain("陕西沣京汽车零部件制造有限公司");
    for (const listing of internships) {
      const pay = Number(listing.values.monthlyPay);
      expect(pay).toBeGreaterThanOrEqual(2200);
      expect(pay).toBeLessThanOrEqual(4500);
    }
  });

  it("covers order training for 数控技术 and 汽车制造与试验技术, 1+X packages, every cooperation type and patents", () => {
    const majorsOrdered = new Set(listings.filter((l) => l.kind === "order_training").map((l) => l.values.major));
    expect(majorsOrdered).toContain("数控技术");
    expect(majorsOrdered).toContain("汽车制造与试验技术");
    expect(listings.filter((l) => l.kind === "training_package" && l.values.certificate.includes("1+X")).length).toBeGreaterThanOrEqual(5);
    expect(new Set(listings.filter((l) => l.kind === "cooperation").map((l) => l.values.cooperationType))).toEqual(new Set(cooperationTypes));
    const research = listings.filter((l) => l.kind === "research_result");
    for (const r of research) expect(toListingInput(r).details.patents).toEqual(expect.arrayContaining([expect.stringMatching(/^ZL\d{12}\.\d /)]));
  });

  it("keeps dates in range: valid 30–300 days from today, published within the last 120 days", () => {
    for (const listing of listings) {
      expect(listing.values.validUntil >= addDays(today, 30) && listing.values.validUntil <= addDays(today, 300)).toBe(true);
      expect(listing.ageMinutes).toBeGreaterThanOrEqual(0);
      expect(listing.ageMinutes).toBeLessThan(120 * 24 * 60);
    }
    const ages = listings.map((l) => l.ageMinutes / (24 * 60));
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(90);
  });

  it("is deterministic: two runs give the same listings, another seed different ones", () => {
    expect(generateDemoListings({ today })).toEqual(listings);
    expect(generateDemoListings({ today, seed: 1 })).not.toEqual(listings);
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it("labels bulk listings so their titles differ, and builds them exactly as the schema would", () => {
    const bulk = [...listingStream({ seed: 7, today, count: 500, labelled: true })];
    expect(bulk).toHaveLength(500);
    expect(new Set(bulk.map((l) => l.values.title)).size).toBe(500);
    for (const listing of bulk) expect(uncheckedListingInput(listing)).toEqual(toListingInput(listing));
  });
});
