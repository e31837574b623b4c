import { z } from "zod";
import { evenWhenFieldsFail, filterText, optionalText, requiredText, tooLarge } from "./fields.ts";

// Matchmaking events (task 57): the organiser's form, shared by the browser and the action.

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A `datetime-local` value ("YYYY-MM-DDTHH:mm"), read as Beijing time (UTC+8 all year, no daylight saving). */
const localDateTime = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, { message: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { message: "events.validation.dateTime" })
  .refine(
    (v) => {
      // Refinements run after a failed regex too: check the shape again before reading the parts.
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
      if (!m) return false;
      const [y, mo, d, hh, mm] = m.slice(1).map(Number);
      const probe = new Date(Date.UTC(y, mo - 1, d, hh, mm));
      return (
        y >= 2000 &&
        y <= 2100 &&
        probe.getUTCFullYear() === y &&
        probe.getUTCMonth() === mo - 1 &&
        probe.getUTCDate() === d &&
        hh < 24 &&
        mm < 60
      );
    },
    { message: "events.validation.dateTime" },
  );

/** "YYYY-MM-DDTHH:mm" in Beijing time → the instant. */
export function beijingToDate(local: string): Date {
  const base = local.length === 16 ? `${local}:00` : local;
  return new Date(`${base}+08:00`);
}

/** The instant → "YYYY-MM-DDTHH:mm" in Beijing time, for a `datetime-local` input. */
export function dateToBeijing(value: Date | string): string {
  const shifted = new Date(new Date(value).getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}

export const MAX_EVENT_CAPACITY = 5_000;

export const eventSchema = z
  .object({
    title: requiredText(100, 4),
    startsAt: localDateTime,
    endsAt: localDateTime,
    place: requiredText(200, 2),
    capacity: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: "validation.required" })
        .int({ message: "validation.integer" })
        .min(1, { message: "validation.atLeastOne" })
        .max(MAX_EVENT_CAPACITY, { message: tooLarge(MAX_EVENT_CAPACITY) }),
    ),
    audience: optionalText(300),
    agenda: optionalText(5000, { multiline: true }),
  })
  .superRefine((value, ctx) => {
    // Runs even when a field failed: compare only two well-formed times.
    if (typeof value.startsAt !== "string" || typeof value.endsAt !== "string") return;
    const start = beijingToDate(value.startsAt).getTime();
    const end = beijingToDate(value.endsAt).getTime();
    if (Number.isNaN(start) || Number.isNaN(end)) return;
    if (end <= start) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "events.validation.endBeforeStart" });
    } else if (end - start > 14 * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "events.validation.tooLong" });
    }
  }, evenWhenFieldsFail);
export type EventInput = z.infer<typeof eventSchema>;

export const cancelEventSchema = z.object({ reason: requiredText(500, 2) });

/** The /events list's query string: a free-text filter, never an error. */
export const eventFilterSchema = z.object({
  q: filterText(100).transform((v) => v ?? ""),
});

/** Everything an event's page posts: a member registers or cancels, the organiser records who attended. */
export const eventPageActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("register") }),
    z.object({ intent: z.literal("cancel-registration") }),
    z.object({
      intent: z.literal("attendance"),
      attended: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100)).max(1000)),
    }),
  ],
  { message: "events.error.badIntent" },
);
export type EventPageAction = z.infer<typeof eventPageActionSchema>;
