import { z } from "zod";
import { filterText } from "./fields.ts";
import { organizationKinds, organizationStatuses, type OrganizationStatus } from "../domain/organization-kinds.ts";

/** The decisions a reviewer can take on an organisation. */
export const reviewIntents = ["verify", "reject", "suspend", "reinstate"] as const;
export type ReviewIntent = (typeof reviewIntents)[number];

export const REVIEW_REASON_MIN = 5;
export const REVIEW_REASON_MAX = 500;

/** Rejecting or suspending tells the organisation why; verifying and reinstating may carry a note. */
export const reasonRequired = (intent: ReviewIntent) => intent === "reject" || intent === "suspend";

/** Which decisions fit an organisation's current status. */
export const reviewTransitions: Record<ReviewIntent, readonly OrganizationStatus[]> = {
  verify: ["pending", "rejected"],
  reject: ["pending"],
  suspend: ["verified"],
  reinstate: ["suspended"],
};

export function allowedIntents(status: OrganizationStatus): ReviewIntent[] {
  return reviewIntents.filter((intent) => reviewTransitions[intent].includes(status));
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const reviewDecisionSchema = z
  .object({
    intent: z.enum(reviewIntents, { message: "validation.choose" }),
    reason: z.preprocess(
      emptyToUndefined,
      z
        .string({ message: "admin.review.reasonInvalid" })
        .trim()
        .max(REVIEW_REASON_MAX, { message: "admin.review.reasonTooLong" })
        .optional(),
    ),
  })
  .superRefine((value, ctx) => {
    if (!reasonRequired(value.intent)) return;
    if (!value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "admin.review.reasonRequired" });
    } else if (value.reason.length < REVIEW_REASON_MIN) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "admin.review.reasonTooShort" });
    }
  });
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

/**
 * The review queue's filters, read from the URL. A filter that makes no sense falls back to its
 * default instead of failing: it is a link someone may have edited by hand.
 */
export const reviewQueueFilterSchema = z.object({
  status: z.enum(["all", ...organizationStatuses]).catch("pending"),
  kind: z.preprocess(emptyToUndefined, z.enum(organizationKinds).optional()).catch(undefined),
  q: filterText(100),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ReviewQueueFilter = z.infer<typeof reviewQueueFilterSchema>;
