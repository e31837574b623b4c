import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { cancelOrderSchema, MAX_ORDER_SEATS, orderFilterSchema, orderSchema, rateOrderSchema } from "../../app/schemas/order.ts";
import { describeHostileInput, hostileInput as hostileInputWith, messagesOf } from "../support/hostile-input.ts";

const formSchemas: Record<string, z.ZodType> = { orderSchema, cancelOrderSchema, rateOrderSchema };

const fieldNames = ["seats", "note", "reason", "rating", "comment", "intent", "side", "status"];
// Seat counts and ratings at the edges, and the filter's own words.
const orderValues = ["10001", "6", "buyer", "provider", "completed"];
const hostileInput = hostileInputWith(fieldNames, orderValues);

describeHostileInput(formSchemas, fieldNames, { extras: orderValues, numRuns: 300 });

describe("orderSchema", () => {
  it("accepts every whole number of seats from 1 to the maximum, sent as a string", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_ORDER_SEATS }), fc.option(fc.string({ maxLength: 1000 })), (seats, note) => {
        const result = orderSchema.safeParse({ seats: ` ${seats} `, note: note ?? "" });
        expect(result.success).toBe(true);
        if (result.success) {
          expect(result.data.seats).toBe(seats);
          expect(result.data.note).toBe(note?.trim() ? note.trim() : undefined);
        }
      }),
    );
  });

  it("refuses zero, negative, fractional and too many seats with a field message", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.integer({ min: MAX_ORDER_SEATS + 1 }),
          fc.double({ min: 0.01, max: 100, noInteger: true, noNaN: true }),
        ),
        (seats) => {
          const result = orderSchema.safeParse({ seats: String(seats) });
          expect(result.success).toBe(false);
          expect(result.error?.issues[0].path).toEqual(["seats"]);
        },
      ),
    );
  });

  it("refuses a note over 1000 characters", () => {
    const result = orderSchema.safeParse({ seats: "3", note: "备".repeat(1001) });
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toEqual(["validation.tooLong?max=1000"]);
  });
});

describe("rateOrderSchema", () => {
  it("accepts exactly the whole stars 1 to 5", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -20, max: 20 }).map(String), fc.double().map(String)), (rating) => {
        const result = rateOrderSchema.safeParse({ rating });
        const n = Number(rating);
        expect(result.success).toBe(Number.isInteger(n) && n >= 1 && n <= 5);
        if (!result.success) expect([...new Set(messagesOf(result))]).toEqual(["orders.validation.rating"]);
      }),
    );
  });
});

describe("cancelOrderSchema", () => {
  it("needs a reason of at least two characters after trimming", () => {
    expect(cancelOrderSchema.safeParse({ reason: "  " }).success).toBe(false);
    expect(cancelOrderSchema.safeParse({ reason: " 改期 " })).toEqual({ success: true, data: { reason: "改期" } });
  });
});

describe("orderFilterSchema", () => {
  it("never fails: unknown sides and statuses fall back to the defaults", () => {
    fc.assert(
      fc.property(hostileInput, (input) => {
        const result = orderFilterSchema.safeParse(input);
        expect(result.success).toBe(true);
        if (result.success) {
          expect(["buyer", "provider"]).toContain(result.data.side);
          expect([undefined, "requested", "confirmed", "delivered", "completed", "cancelled"]).toContain(result.data.status);
        }
      }),
      { numRuns: 300 },
    );
  });
});
