import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createListing, reviewListing } from "../../app/models/listing.server.ts";
import { getPublicListing } from "../../app/models/listing-views.server.ts";
import { apiResponse } from "../../app/models/search-api.server.ts";
import { searchParamsSchema } from "../../app/schemas/search.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { ensureAllIndexes } from "../../search/indexes/index.ts";
import { drainOutboxOnce } from "../../search/outbox.ts";
import { searchCatalog } from "../../search/query.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { internshipInput } from "../support/listings.ts";
import { openTestSearch } from "../support/search.ts";

// Pilot review (task 56): "search cards show the expiry date one day earlier than the listing page". A listing
// whose closing day is taken at 23:30 and at 00:30 China time — when the UTC day is the day before — shows the
// same day in the index's hit (the search card), the API and the listing page, and "closing soon" drops it at
// China midnight, not at UTC midnight. (No export carries listings; the personal-data export has none.)
describe.each(backends)("closing days in search on %s", (backend) => {
  let database: TestDatabase;
  const search = openTestSearch();
  const day = addDays(todayInChina(), 40);
  const lateEvening = new Date(`${day}T23:30:00+08:00`);
  const afterMidnight = new Date(`${addDays(day, 1)}T00:30:00+08:00`);
  const ids: Record<"evening" | "night", string> = { evening: "", night: "" };

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await ensureAllIndexes(search);
    const owner = await makeOrgActor(database.db);
    const reviewer = await makeStaffActor(database.db);
    for (const [key, instant] of [["evening", lateEvening], ["night", afterMidnight]] as const) {
      const created = await createListing(
        database.db,
        owner,
        "internship",
        internshipInput({ title: `时区核对实习生${key === "evening" ? "甲" : "乙"}`, validUntil: todayInChina(instant), endDate: addDays(day, 200) }),
        { submit: true },
      );
      if (!created.ok) throw new Error(created.code);
      await reviewListing(database.db, reviewer, created.listing.id, { approve: true });
      ids[key] = created.listing.id;
    }
    while ((await drainOutboxOnce(database.db, search)).claimed > 0);
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
    await search.dispose();
  });

  const closingSearch = (now: Date) =>
    searchCatalog(search, searchParamsSchema.parse({ q: "时区核对实习生", sort: "closing" }), now);

  it("chose instants whose UTC day is not the China day", () => {
    expect(todayInChina(lateEvening)).toBe(day);
    expect(todayInChina(afterMidnight)).toBe(addDays(day, 1));
    expect(afterMidnight.toISOString().slice(0, 10)).toBe(day);
  });

  it("shows the listing page's day on the search card and in the API at 23:30 China time", async () => {
    const result = await closingSearch(lateEvening);
    const api = apiResponse(result, "https://cjt.example").hits;
    for (const [key, expected] of [["evening", day], ["night", addDays(day, 1)]] as const) {
      const page = await getPublicListing(database.db, ids[key]);
      expect(page?.valid_until).toBe(expected);
      expect(result.hits.find((h) => h.id === ids[key])?.validUntil).toBe(expected);
      expect(api.find((h) => h.id === ids[key])?.validUntil).toBe(expected);
    }
    expect(result.hits.map((h) => h.id)).toEqual([ids.evening, ids.night]);
  });

  it("keeps the same days at 00:30 China time, when the listing that closed at midnight leaves 即将截止", async () => {
    const result = await closingSearch(afterMidnight);
    expect(result.hits.map((h) => h.id)).toEqual([ids.night]);
    expect(result.hits[0].validUntil).toBe(addDays(day, 1));
    expect(apiResponse(result, "https://cjt.example").hits[0].validUntil).toBe((await getPublicListing(database.db, ids.night))?.valid_until);
  });
});
