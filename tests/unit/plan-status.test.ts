import { describe, expect, it } from "vitest";
import { indicatorMet, isPastYear, planTaskStatus, type StatusReport, type StatusTask } from "../../app/domain/plan-status.ts";
import { isReportablePeriod, reportablePeriods } from "../../app/schemas/plan-tracking.ts";

// Every case passes its own `now`: the status is a pure function of the task, its reports and the clock.
const at = (iso: string) => new Date(iso);
const target2023: StatusTask = { deadlineYear: 2023, trackedSince: at("2023-05-01T00:00:00Z") };
const ongoing: StatusTask = { deadlineYear: null, trackedSince: at("2026-01-01T00:00:00Z") };

const report = (overrides: Partial<StatusReport> = {}): StatusReport => ({
  kind: "lead",
  status: "submitted",
  completionPercent: 50,
  acceptedAt: null,
  ...overrides,
});

describe("plan task status", () => {
  it("shows the 2023 targets as overdue on 2026-11-26, and not on 2023-06-01", () => {
    expect(planTaskStatus(target2023, [], at("2026-11-26T04:00:00Z"))).toBe("overdue");
    expect(planTaskStatus(target2023, [report()], at("2026-11-26T04:00:00Z"))).toBe("overdue");
    expect(planTaskStatus(target2023, [], at("2023-06-01T04:00:00Z"))).toBe("not_started");
    expect(planTaskStatus(target2023, [report()], at("2023-06-01T04:00:00Z"))).toBe("in_progress");
  });

  it("turns overdue at midnight of 1 January in Beijing, not in UTC", () => {
    // 2023-12-31 23:59 Beijing is 15:59 UTC; 2024-01-01 00:00 Beijing is 2023-12-31 16:00 UTC.
    const recent = report({ status: "accepted", completionPercent: 80, acceptedAt: at("2023-12-01T00:00:00Z") });
    expect(planTaskStatus(target2023, [recent], at("2023-12-31T15:59:00Z"))).toBe("in_progress");
    expect(planTaskStatus(target2023, [recent], at("2023-12-31T16:00:00Z"))).toBe("overdue");
    expect(isPastYear(2023, at("2023-12-31T16:00:00Z"))).toBe(true);
    expect(isPastYear(2023, at("2023-12-31T15:59:59Z"))).toBe(false);
  });

  it("lets completion win: an accepted lead report at 100 % completes even an overdue or silent task", () => {
    const done = report({ status: "accepted", completionPercent: 100, acceptedAt: at("2024-05-01T00:00:00Z") });
    expect(planTaskStatus(target2023, [done], at("2026-11-26T00:00:00Z"))).toBe("completed");
    expect(planTaskStatus(ongoing, [done], at("2030-01-01T00:00:00Z"))).toBe("completed");
  });

  it("does not complete on a 100 % report that is only submitted, returned, or a contribution", () => {
    const now = at("2026-11-26T00:00:00Z");
    expect(planTaskStatus(target2023, [report({ completionPercent: 100 })], now)).toBe("overdue");
    expect(planTaskStatus(target2023, [report({ status: "returned", completionPercent: 100 })], now)).toBe("overdue");
    const contribution = report({ kind: "contribution", status: "accepted", completionPercent: 100, acceptedAt: now });
    expect(planTaskStatus(target2023, [contribution], now)).toBe("overdue");
    expect(planTaskStatus(target2023, [report({ status: "accepted", completionPercent: 99, acceptedAt: now })], now)).toBe("overdue");
  });

  it("counts an ongoing task as silent after 90 days without an accepted report, by default", () => {
    const accepted = report({ status: "accepted", completionPercent: 40, acceptedAt: at("2026-06-01T00:00:00Z") });
    expect(planTaskStatus(ongoing, [accepted], at("2026-08-29T00:00:00Z"))).toBe("in_progress"); // 89 days
    expect(planTaskStatus(ongoing, [accepted], at("2026-08-30T00:00:00Z"))).toBe("in_progress"); // exactly 90
    expect(planTaskStatus(ongoing, [accepted], at("2026-08-30T00:00:01Z"))).toBe("silent");
    expect(planTaskStatus(ongoing, [accepted], at("2026-11-26T00:00:00Z"))).toBe("silent");
    // A later submitted (not yet accepted) report does not reset the clock; a later accepted one does.
    const submitted = report({ status: "submitted" });
    expect(planTaskStatus(ongoing, [accepted, submitted], at("2026-11-26T00:00:00Z"))).toBe("silent");
    const later = report({ status: "accepted", completionPercent: 60, acceptedAt: at("2026-11-01T00:00:00Z") });
    expect(planTaskStatus(ongoing, [accepted, later], at("2026-11-26T00:00:00Z"))).toBe("in_progress");
  });

  it("counts silence from the start of tracking when nothing was ever accepted", () => {
    expect(planTaskStatus(ongoing, [], at("2026-03-01T00:00:00Z"))).toBe("not_started");
    expect(planTaskStatus(ongoing, [], at("2026-04-02T00:00:00Z"))).toBe("silent");
    expect(planTaskStatus(ongoing, [report()], at("2026-04-02T00:00:00Z"))).toBe("silent");
  });

  it("takes the silence threshold from its option", () => {
    const accepted = report({ status: "accepted", completionPercent: 40, acceptedAt: at("2026-06-01T00:00:00Z") });
    expect(planTaskStatus(ongoing, [accepted], at("2026-06-20T00:00:00Z"), { silentAfterDays: 10 })).toBe("silent");
    expect(planTaskStatus(ongoing, [accepted], at("2026-06-20T00:00:00Z"), { silentAfterDays: 30 })).toBe("in_progress");
  });

  it("never calls a not-started year target silent before its deadline, but a running one can be", () => {
    const target2027: StatusTask = { deadlineYear: 2027, trackedSince: at("2026-01-01T00:00:00Z") };
    expect(planTaskStatus(target2027, [], at("2026-11-26T00:00:00Z"))).toBe("not_started");
    expect(planTaskStatus(target2027, [report({ status: "returned" })], at("2026-11-26T00:00:00Z"))).toBe("not_started");
    expect(planTaskStatus(target2027, [report()], at("2026-11-26T00:00:00Z"))).toBe("silent");
    const accepted = report({ status: "accepted", completionPercent: 30, acceptedAt: at("2026-11-01T00:00:00Z") });
    expect(planTaskStatus(target2027, [accepted], at("2026-11-26T00:00:00Z"))).toBe("in_progress");
  });
});

describe("a task whose live indicator reached its target", () => {
  it("is completed, even past its deadline and without any report", () => {
    expect(planTaskStatus(target2023, [], at("2026-11-26T04:00:00Z"), { targetMet: true })).toBe("completed");
    expect(planTaskStatus(target2023, [], at("2026-11-26T04:00:00Z"), { targetMet: false })).toBe("overdue");
  });

  it("counts as met only with a positive target and a live figure at or above it", () => {
    expect(indicatorMet({ target: 1, live: 1 })).toBe(true);
    expect(indicatorMet({ target: 3, live: 5 })).toBe(true);
    expect(indicatorMet({ target: 3, live: 2 })).toBe(false);
    expect(indicatorMet({ target: 0, live: 0 })).toBe(false);
    expect(indicatorMet({ target: null, live: 9 })).toBe(false);
    expect(indicatorMet({ target: 1, live: null })).toBe(false);
  });
});

describe("the quarters a report may be filed for", () => {
  it("are this quarter and the seven before it, in Beijing time", () => {
    expect(reportablePeriods(at("2026-12-04T04:00:00Z"))).toEqual([
      "2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1",
    ]);
    // 31 December 16:00 UTC is already 1 January in Beijing.
    expect(reportablePeriods(at("2026-12-31T16:00:00Z"))[0]).toBe("2027-Q1");
    expect(reportablePeriods(at("2026-12-31T15:59:00Z"))[0]).toBe("2026-Q4");
  });

  it("move with the clock over ten years: never a future quarter, never one older than two years; months follow their quarter", () => {
    for (let month = 0; month < 120; month++) {
      const now = new Date(Date.UTC(2026, month, 15, 4));
      const periods = reportablePeriods(now);
      const year = now.getUTCFullYear();
      const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
      expect(periods).toHaveLength(8);
      expect(periods[0]).toBe(`${year}-Q${quarter}`);
      expect(new Set(periods).size).toBe(8);
      expect(isReportablePeriod(`${year}-Q${quarter}`, now)).toBe(true);
      expect(isReportablePeriod(`${year}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`, now)).toBe(true);
      expect(isReportablePeriod(quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`, now)).toBe(false);
      expect(isReportablePeriod(`${year - 2}-Q${quarter}`, now)).toBe(false);
      expect(isReportablePeriod(periods[7], now)).toBe(true);
    }
  });
});
