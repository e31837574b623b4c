import { z } from "zod";
import { optionalText, requiredText, tooLarge } from "./fields.ts";

// Training-package orders (task 30). One schema per form, shared by the browser (react-hook-form) and the action.

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The most seats one order may ask for; the package's own class size is checked by the model. */
export const MAX_ORDER_SEATS = 10_000;

export const orderSchema = z.object({
  seats: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "validation.required" })
      .int({ message: "validation.integer" })
      .min(1, { message: "validation.atLeastOne" })
      .max(MAX_ORDER_SEATS, { message: tooLarge(MAX_ORDER_SEATS) }),
  ),
  note: optionalText(1000, { multiline: true }),
});
export type OrderInput = z.infer<typeof orderSchema>;

/**
 * The order page posts twice: "review" shows the summary (seats, price, total) and places nothing; "confirm"
 * places the order with the total the summary showed. Anything else is a review, so no order is placed unseen.
 */
export const orderStepSchema = orderSchema.extend({
  intent: z.enum(["review", "confirm"]).catch("review"),
  quotedTotalYuan: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: "orders.error.priceChanged" }).finite({ message: "orders.error.priceChanged" }).min(0).max(1e12).optional(),
  ),
});

/** Cancelling needs a reason, shown to the other side. */
export const cancelOrderSchema = z.object({ reason: requiredText(500, 2) });

export const rateOrderSchema = z.object({
  rating: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "orders.validation.rating" })
      .int({ message: "orders.validation.rating" })
      .min(1, { message: "orders.validation.rating" })
      .max(5, { message: "orders.validation.rating" }),
  ),
  comment: optionalText(1000, { multiline: true }),
});
export type RateOrderInput = z.infer<typeof rateOrderSchema>;

export const orderStatuses = ["requested", "confirmed", "delivered", "completed", "cancelled"] as const;
export const orderSides = ["buyer", "provider"] as const;

/** The /orders list's query string; anything unexpected falls back to the default instead of failing. */
export const orderFilterSchema = z.object({
  side: z.enum(orderSides).catch("buyer").default("buyer"),
  status: z.enum(orderStatuses).optional().catch(undefined),
});
