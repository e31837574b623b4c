import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { beijingToDate, cancelEventSchema, dateToBeijing, eventFilterSchema, eventPageActionSchema, eventSchema, MAX_EVENT_CAPACITY } from "../../app/schemas/event.ts";
import { containsPattern } from "../../app/utils/like-pattern.ts";
import { describeHostileInput, hostileInput as hostileInputWith } from "../support/hostile-input.ts";

const formSchemas: Record<string, z.ZodType> = { eventSchema, cancelEventSchema, eventPageActionSchema };

const fieldNames = ["attended", "title", "startsAt", "endsAt", "place", "capacity", "audience", "agenda", "reason", "intent", "q"];
// Date-times near the edges, as the datetime-local field sends them.
const eventValues = [
  "2026-12-01T09:00",
  "2026-02-30T09:00",
  "2026-12-01T25:00",
  "2026-12-01 09:00",
  "9999-99-99T99:99",
  "5001",
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16)),
];
const hostileInput = hostileInputWith(fieldNames, eventValues);

describeHostileInput(formSchemas, fieldNames, { extras: eventValues, numRuns: 300 });

const validEvent = {
  title: "校企合作对接会",
  startsAt: "2026-12-10T09:00",
  endsAt: "2026-12-10T12:00",
  place: "区政务服务中心",
  capacity: "30",
  audience: "",
  agenda: "",
};

// Minutes since 2000-01-01 up to 2099, as a Beijing wall-clock time.
const wallClock = fc.integer({ min: 0, max: 52_000_000 }).map((minutes) => new Date(Date.UTC(2000, 0, 1) + minutes * 60_000).toISOString().slice(0, 16));

describe("eventSchema", () => {
  it("reads the times as Beijing time and round-trips them for the form", () => {
    fc.assert(
      fc.property(wallClock, (local) => {
        const instant = beijingToDate(local);
        expect(instant.getTime()).toBe(Date.parse(`${local}:00Z`) - 8 * 3_600_000);
        expect(dateToBeijing(instant)).toBe(local);
      }),
    );
  });

  it("accepts any start with an end after it (within 14 days) and any capacity 1–5000", () => {
    fc.assert(
      fc.property(wallClock, fc.integer({ min: 1, max: 14 * 24 * 60 }), fc.integer({ min: 1, max: MAX_EVENT_CAPACITY }), (start, minutes, capacity) => {
        const end = dateToBeijing(new Date(beijingToDate(start).getTime() + minutes * 60_000));
        const result = eventSchema.safeParse({ ...validEvent, startsAt: start, endsAt: end, capacity: String(capacity) });
        if (Number(end.slice(0, 4)) > 2100) return;
        expect(result.success).toBe(true);
        if (result.success) expect(result.data.capacity).toBe(capacity);
      }),
    );
  });

  it("refuses an end at or before the start, on the end field", () => {
    fc.assert(
      fc.property(wallClock, fc.integer({ min: 0, max: 100_000 }), (start, minutesBefore) => {
        const end = dateToBeijing(new Date(beijingToDate(start).getTime() - minutesBefore * 60_000));
        const result = eventSchema.safeParse({ ...validEvent, startsAt: start, endsAt: end });
        expect(result.success).toBe(false);
        const issue = result.error!.issues.find((i) => i.path[0] === "endsAt");
        expect(issue?.message).toMatch(/^(events\.validation\.endBeforeStart|events\.validation\.dateTime)$/);
      }),
    );
  });

  it("refuses impossible dates and times", () => {
    for (const bad of ["2026-02-30T09:00", "2026-13-01T09:00", "2026-12-01T24:00", "2026-12-01T09:60", "2026-12-01", "明天上午", "1999-12-31T09:00"]) {
      const result = eventSchema.safeParse({ ...validEvent, startsAt: bad });
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues.find((i) => i.path[0] === "startsAt")?.message).toBe("events.validation.dateTime");
    }
  });

  it("refuses a capacity of zero, a fraction or more than the maximum", () => {
    for (const capacity of ["0", "-3", "2.5", String(MAX_EVENT_CAPACITY + 1), "abc", ""]) {
      const result = eventSchema.safeParse({ ...validEvent, capacity });
      expect(result.success, capacity).toBe(false);
      expect(result.error!.issues[0].path).toEqual(["capacity"]);
    }
  });
});

describe("eventFilterSchema and the ILIKE pattern", () => {
  it("never fails and keeps at most 100 characters of the query", () => {
    fc.assert(
      fc.property(hostileInput, (input) => {
        const result = eventFilterSchema.safeParse(input);
        expect(result.success).toBe(true);
        if (result.success) expect(result.data.q.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });

  it("escapes %, _ and backslash so they match themselves", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (text) => {
        const pattern = containsPattern(text);
        // Unescaping the body gives back the text: no wildcard survives unescaped.
        const body = pattern.slice(1, -1);
        expect(body.replace(/\\([\\%_])/g, "$1")).toBe(text);
        expect(body.replace(/\\[\\%_]/g, "")).not.toMatch(/[%_\\]/);
      }),
    );
  });
});

describe("eventPageActionSchema", () => {
  it("reads one or several attendance boxes as a list, none as an empty list", () => {
    expect(eventPageActionSchema.parse({ intent: "attendance" })).toEqual({ intent: "attendance", attended: [] });
    expect(eventPageActionSchema.parse({ intent: "attendance", attended: "a" })).toEqual({ intent: "attendance", attended: ["a"] });
    expect(eventPageActionSchema.parse({ intent: "attendance", attended: ["a", "b"] })).toEqual({ intent: "attendance", attended: ["a", "b"] });
  });

  it("refuses an unknown intent with the page's message", () => {
    const result = eventPageActionSchema.safeParse({ intent: "delete" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("events.error.badIntent");
  });
});
