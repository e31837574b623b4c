import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiResponse, parseSearchUrl } from "../../app/models/search-api.server.ts";
import { searchParamsSchema } from "../../app/schemas/search.ts";
import { ensureAllIndexes, indexUid } from "../../search/indexes/index.ts";
import { drainOutboxOnce } from "../../search/outbox.ts";
import { searchCatalog } from "../../search/query.ts";
import { seedDemo } from "../../seeds/demo.ts";
import { openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { openTestSearch } from "../support/search.ts";

const params = (query: string) => {
  const parsed = parseSearchUrl(new URL(`http://x/?${query}`), { strict: true });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.params;
};

describe("catalog search on the demo data", () => {
  let database: TestDatabase;
  const search = openTestSearch();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-search-"));

  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    await seedDemo(database.db, { dataDir });
    await ensureAllIndexes(search);
    while ((await drainOutboxOnce(database.db, search)).claimed > 0);
  }, 180_000);
  afterAll(async () => {
    await database?.dispose();
    await search.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("finds CNC internships for 数控 and for CNC, and the same for 汽配 and 汽车零部件", async () => {
    const cn = await searchCatalog(search, params(`q=${encodeURIComponent("数控")}&kind=internship`));
    expect(cn.totalHits).toBeGreaterThan(0);
    expect(cn.hits[0].title).toMatch(/数控|CNC/);
    const en = await searchCatalog(search, params("q=CNC&kind=internship"));
    expect(en.totalHits).toBeGreaterThan(0);
    const ids = new Set(cn.hits.map((h) => h.id));
    expect(en.hits.some((h) => ids.has(h.id))).toBe(true);
    const short = await searchCatalog(search, params(`q=${encodeURIComponent("汽配")}`));
    expect(short.hits.some((h) => /汽车零部件/.test(h.title + h.organization.name))).toBe(true);
  });

  it("filters by industry group with exact facet counts and keeps contacts out of the index", async () => {
    const all = await searchCatalog(search, params(`q=${encodeURIComponent("数控")}`));
    const filtered = await searchCatalog(search, params(`q=${encodeURIComponent("数控")}&industry=equipment_manufacturing`));
    expect(filtered.totalHits).toBe(all.facets.industry?.equipment_manufacturing);
    expect(filtered.hits.every((h) => h.industry === "equipment_manufacturing")).toBe(true);
    const docs = await search.client.index(indexUid(search)).getDocuments({ limit: 1000 });
    const phones = await database.db.selectFrom("listings").select("contact_phone").execute();
    const text = JSON.stringify(docs.results);
    for (const { contact_phone } of phones) if (contact_phone) expect(text).not.toContain(contact_phone);
    expect(text).not.toMatch(/contact/i);
  });

  it("indexes only published listings of verified organisations", async () => {
    const published = await database.db
      .selectFrom("listings")
      .innerJoin("organizations", "organizations.id", "listings.organization_id")
      .select("listings.id")
      .where("listings.status", "=", "published")
      .where("organizations.status", "=", "verified")
      .execute();
    const result = await searchCatalog(search, params("kind=internship,order_training,training_package,cooperation,research_result&hitsPerPage=1"));
    expect(result.totalHits).toBe(published.length);
  });

  it("sorts by newest and by closing date, paginates with exact totals", async () => {
    const newest = await searchCatalog(search, params("kind=internship&sort=newest&hitsPerPage=10"));
    const times = newest.hits.map((h) => Date.parse(h.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const closing = await searchCatalog(search, params("kind=internship&sort=closing&hitsPerPage=10"));
    const until = closing.hits.map((h) => h.validUntil!);
    expect([...until].sort()).toEqual(until);
    const page2 = await searchCatalog(search, params("kind=internship&sort=newest&hitsPerPage=10&page=2"));
    expect(page2.page).toBe(2);
    expect(page2.totalPages).toBe(Math.ceil(newest.totalHits / 10));
    expect(page2.hits.map((h) => h.id)).not.toContain(newest.hits[0].id);
  });

  it("shows each listing's closing date as the China day the listing page shows, not the UTC day before", async () => {
    const closing = await searchCatalog(search, params("kind=internship,order_training,training_package,cooperation&sort=closing&hitsPerPage=50"));
    expect(closing.hits.length).toBeGreaterThan(0);
    const rows = await database.db
      .selectFrom("listings")
      .select(["id", "valid_until"])
      .where("id", "in", closing.hits.map((h) => h.id))
      .execute();
    const stored = new Map(rows.map((r) => [r.id, r.valid_until]));
    for (const hit of closing.hits) expect(hit.validUntil, hit.title).toBe(stored.get(hit.id));
  });

  it("answers the API contract with escaped, highlighted snippets", async () => {
    const body = apiResponse(await searchCatalog(search, params(`q=${encodeURIComponent("数控")}&hitsPerPage=5`)), "http://localhost:3000");
    expect(Object.keys(body).sort()).toEqual(["facets", "hits", "page", "processingTimeMs", "totalHits", "totalPages"]);
    for (const hit of body.hits) {
      // A listing also carries the China day it closes (task 56); an organisation has none.
      const keys = ["id", "industry", "kind", "location", "organization", "publishedAt", "snippet", "title", "url"];
      expect(Object.keys(hit).sort()).toEqual(hit.kind === "organization" ? keys : [...keys, "validUntil"].sort());
      if (hit.kind !== "organization") expect(hit.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(hit.url).toMatch(/^http:\/\/localhost:3000\/(l|orgs)\//);
      expect(hit.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    }
    expect(body.hits.some((h) => h.snippet.includes("<mark>"))).toBe(true);
  });

  it("never makes Meilisearch fail, whatever the filter values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 3 }), fc.string({ maxLength: 50 }), async (majors, q) => {
        const parsed = searchParamsSchema.safeParse({ q, major: majors.filter((m) => m.trim()) });
        if (!parsed.success) return;
        await searchCatalog(search, parsed.data);
      }),
      { numRuns: 40 },
    );
  });
});
