import { z } from "zod";
import { cleanText, filterText } from "./fields.ts";
import { listingKinds } from "../domain/listing-kinds.ts";

/** What a reviewer can decide about a submitted listing. */
export const listingDecisionIntents = ["approve", "reject"] as const;
export type ListingDecisionIntent = (typeof listingDecisionIntents)[number];

export const LISTING_REASON_MIN = 5;
export const LISTING_REASON_MAX = 500;

/** Length as a person counts it: characters, not UTF-16 units (an emoji is one). */
export const reasonLength = (text: string) => Array.from(text).length;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Trimmed text without NUL characters (PostgreSQL refuses them in text); blank means not given. */

/**
 * The decision form, shared by the browser and the action. Rejecting tells the organisation why
 * (5–500 characters); approving needs nothing, and a reason sent with it is dropped.
 */
export const listingDecisionSchema = z
  .object({
    intent: z.enum(listingDecisionIntents, { message: "validation.choose" }),
    reason: z.preprocess(cleanText, z.string({ message: "listingReview.reasonInvalid" }).optional()),
  })
  .superRefine((value, ctx) => {
    if (value.intent !== "reject") return;
    if (!value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "listingReview.reasonRequired" });
    } else if (reasonLength(value.reason) < LISTING_REASON_MIN) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "listingReview.reasonTooShort" });
    } else if (reasonLength(value.reason) > LISTING_REASON_MAX) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "listingReview.reasonTooLong" });
    }
  })
  .transform((value) =>
    value.intent === "reject" ? { intent: "reject" as const, reason: value.reason as string } : { intent: "approve" as const },
  );
export type ListingDecision = z.infer<typeof listingDecisionSchema>;

/**
 * The queue's filters, read from the URL. A value that makes no sense falls back to its default
 * instead of failing: it is a link someone may have edited by hand.
 */
export const listingQueueFilterSchema = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(listingKinds).optional()).catch(undefined),
  q: filterText(100),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ListingQueueFilter = z.infer<typeof listingQueueFilterSchema>;
