import { z } from "zod";
import { uuidField } from "./ids.ts";
import { REVIEW_REASON_MAX, REVIEW_REASON_MIN } from "./organization-review.ts";

/** The reviewer's decision on an identity change request (task "Identity changes go back to review"). */
export const identityDecisionIntents = ["approveIdentity", "rejectIdentity"] as const;

export const identityDecisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approveIdentity"),
    changeId: uuidField("error.notFound"),
  }),
  z.object({
    intent: z.literal("rejectIdentity"),
    changeId: uuidField("error.notFound"),
    reason: z
      .string({ message: "admin.review.reasonRequired" })
      .trim()
      .min(1, { message: "admin.review.reasonRequired" })
      .min(REVIEW_REASON_MIN, { message: "admin.review.reasonTooShort" })
      .max(REVIEW_REASON_MAX, { message: "admin.review.reasonTooLong" }),
  }),
], { message: "validation.choose" });

export const isIdentityDecisionIntent = (intent: unknown): boolean =>
  (identityDecisionIntents as readonly unknown[]).includes(intent);
export type IdentityDecisionInput = z.infer<typeof identityDecisionSchema>;
