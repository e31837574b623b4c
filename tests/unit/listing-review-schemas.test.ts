import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listingKinds } from "../../app/domain/listing-kinds.ts";
import { cleanControls } from "../../app/schemas/fields.ts";
import {
  LISTING_REASON_MAX,
  LISTING_REASON_MIN,
  listingDecisionIntents,
  listingDecisionSchema,
  listingQueueFilterSchema,
} from "../../app/schemas/listing-review.ts";
import { expectParsesOrNamesCatalogKeys as expectSafe, hostileInput as hostileInputWith } from "../support/hostile-input.ts";

// The decisions as the form sends them.
const hostileInput = (fields: string[]) => hostileInputWith(fields, ["approve", "reject"]);

const chars = (text: string) => Array.from(text).length;

describe("listing review decision schema", () => {
  it("never throws on hostile input and answers with catalog keys", () => {
    fc.assert(fc.property(hostileInput(["intent", "reason"]), (input) => void expectSafe(listingDecisionSchema, input)), {
      numRuns: 500,
    });
  });

  it("rejects only with a reason of 5 to 500 characters, and approves with none needed", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...listingDecisionIntents),
        fc.oneof(fc.string({ unit: "grapheme", maxLength: 700 }), fc.string({ unit: "binary", maxLength: 20 })),
        (intent, reason) => {
          const result = expectSafe(listingDecisionSchema, { intent, reason });
          const cleaned = cleanControls(reason, { multiline: true }).trim();
          const ok = intent === "approve" || (chars(cleaned) >= LISTING_REASON_MIN && chars(cleaned) <= LISTING_REASON_MAX);
          expect(result.success).toBe(ok);
          if (result.success) {
            // What reaches the database: the trimmed reason when rejecting, nothing when approving.
            expect(result.data).toEqual(intent === "reject" ? { intent, reason: cleaned } : { intent });
            // eslint-disable-next-line no-control-regex -- control characters are what this checks for
            if (result.data.intent === "reject") expect(result.data.reason).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
          } else {
            expect(result.error.issues.every((i) => i.path[0] === "reason")).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives the right message for a missing, short or long reason", () => {
    const message = (input: Record<string, unknown>) => listingDecisionSchema.safeParse(input).error?.issues[0].message;
    expect(message({ intent: "reject" })).toBe("listingReview.reasonRequired");
    expect(message({ intent: "reject", reason: " \n " })).toBe("listingReview.reasonRequired");
    expect(message({ intent: "reject", reason: "太短了" })).toBe("listingReview.reasonTooShort");
    expect(message({ intent: "reject", reason: "长".repeat(501) })).toBe("listingReview.reasonTooLong");
    expect(message({ intent: "reject", reason: ["两个", "原因"] })).toBe("listingReview.reasonInvalid");
    expect(listingDecisionSchema.safeParse({ intent: "reject", reason: "🙂".repeat(5) }).success).toBe(true);
    expect(listingDecisionSchema.safeParse({ intent: "reject", reason: "长".repeat(500) }).success).toBe(true);
    expect(listingDecisionSchema.parse({ intent: "approve", reason: "顺手写的备注" })).toEqual({ intent: "approve" });
  });

  it("refuses any intent that is not a known decision", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("APPROVE", "verify", "publish", " approve")), (intent) => {
        fc.pre(!(listingDecisionIntents as readonly string[]).includes(intent));
        const result = listingDecisionSchema.safeParse({ intent, reason: "理由足够长的说明" });
        expect(result.success).toBe(false);
        expect(result.error?.issues[0].message).toBe("validation.choose");
      }),
    );
  });
});

describe("listing review queue filters", () => {
  it("never throws, and always yields an optional known kind, a short NUL-free search and a page from 1", () => {
    fc.assert(
      fc.property(hostileInput(["kind", "q", "page"]), (input) => {
        const filter = listingQueueFilterSchema.parse(input);
        if (filter.kind !== undefined) expect(listingKinds).toContain(filter.kind);
        expect(Number.isInteger(filter.page) && filter.page >= 1 && filter.page <= 10_000).toBe(true);
        if (filter.q !== undefined) {
          expect(chars(filter.q)).toBeLessThanOrEqual(100);
          expect(filter.q).not.toContain("\u0000");
          expect(filter.q).toBe(filter.q.trim());
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps well-formed filters from the URL", () => {
    fc.assert(
      fc.property(fc.constantFrom(...listingKinds), fc.integer({ min: 1, max: 500 }), (kind, page) => {
        expect(listingQueueFilterSchema.parse({ kind, page: String(page), q: " 数控 " })).toEqual({ kind, page, q: "数控" });
      }),
    );
    expect(listingQueueFilterSchema.parse({})).toEqual({ page: 1 });
  });
});
