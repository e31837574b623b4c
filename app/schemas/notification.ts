import { z } from "zod";

/** The inbox's address-bar filters: anything unexpected falls back to the default. */
export const inboxFilterSchema = z.object({
  unread: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export const inboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
  z.object({ intent: z.literal("read-all") }),
  z.object({ intent: z.literal("open"), id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
]);
