import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recommendationParamsSchema } from "../../app/schemas/recommendations.ts";
import { hostileInput, isCatalogKey } from "../support/hostile-input.ts";

// GET /api/v1/recommendations parameters: whatever arrives, the schema answers with values or catalog keys.

// Ids in odd case and spacing, and limits at and beyond the edges.
const recommendationValues = [fc.uuid().map((u) => ` ${u.toUpperCase()} `), "0", "1", "50", "51", "1e1", "10.5"];

describe("recommendation parameters", () => {
  it("accepts an organisation id and a limit of 1–50, 10 by default", () => {
    const id = "0F8FAD5B-D9CB-469F-A165-70867728950E";
    expect(recommendationParamsSchema.parse({ organization: id })).toEqual({ organization: id.toLowerCase(), limit: 10 });
    expect(recommendationParamsSchema.parse({ organization: id, limit: "50" }).limit).toBe(50);
    expect(recommendationParamsSchema.parse({ organization: [id, "x"], limit: ["3", "99"] }).limit).toBe(3);
    expect(recommendationParamsSchema.parse({ organization: id, limit: " " }).limit).toBe(10);
  });

  it("refuses a missing or malformed id and a limit outside 1–50 with the catalog's messages", () => {
    const issue = (input: unknown) => recommendationParamsSchema.safeParse(input).error?.issues[0];
    expect(issue({})).toMatchObject({ path: ["organization"], message: "recommend.api.badOrganization" });
    expect(issue({ organization: "abc" })).toMatchObject({ path: ["organization"], message: "recommend.api.badOrganization" });
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    for (const limit of ["0", "51", "abc", "2.5", "-3"]) {
      expect(issue({ organization: id, limit })).toMatchObject({ path: ["limit"], message: "recommend.api.badLimit" });
    }
  });

  it("never throws on hostile input, and either parses or names catalog keys", () => {
    fc.assert(
      fc.property(
        hostileInput(["organization", "limit", "sort"], recommendationValues),
        (input) => {
          const result = recommendationParamsSchema.safeParse(input);
          if (result.success) {
            expect(result.data.organization).toMatch(/^[0-9a-f-]{36}$/);
            expect(Number.isInteger(result.data.limit) && result.data.limit >= 1 && result.data.limit <= 50).toBe(true);
          } else {
            for (const issue of result.error.issues) expect(isCatalogKey(issue.message), issue.message).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
