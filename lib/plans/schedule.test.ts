import { describe, expect, it } from "vitest";
import { addLocalDays, currentOccurrence, localDay, occurrenceDate, occurrencesFrom, sendInstant, type PlanCalendar } from "./schedule";

const plan = (over: Partial<PlanCalendar> = {}): PlanCalendar => ({
  cadence: "two_weeks",
  startDate: "2026-03-02",
  firstOccurrence: 0,
  endKind: "after_count",
  endCount: 6,
  endDate: null,
  ...over,
});

describe("plan schedule", () => {
  it("a 12-week plan every 2 weeks falls on six local dates", () => {
    expect(occurrencesFrom(plan(), 0, 100).map((o) => o.date)).toEqual([
      "2026-03-02",
      "2026-03-16",
      "2026-03-30",
      "2026-04-13",
      "2026-04-27",
      "2026-05-11",
    ]);
  });

  it("a plan made at 23:30 local time keeps its local day (the UTC day is already the next)", () => {
    // 23:30 in Los Angeles on 1 March is 07:30 UTC on 2 March.
    const madeAt = new Date("2026-03-02T07:30:00Z");
    expect(localDay(madeAt, "America/Los_Angeles")).toBe("2026-03-01");
    expect(localDay(madeAt, "Europe/London")).toBe("2026-03-02");
  });

  it("daylight saving moves no occurrence: each is sent at 08:00 local time", () => {
    // London changes to summer time on 29 March 2026.
    const sends = occurrencesFrom(plan({ cadence: "weekly", startDate: "2026-03-23", endCount: 3 }), 0, 3).map((o) =>
      sendInstant(o.date, "Europe/London").toISOString(),
    );
    expect(sends).toEqual(["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-04-06T07:00:00.000Z"]);
    // A link made the evening before the change expires at the same wall-clock time four days on.
    expect(addLocalDays(new Date("2026-03-28T20:00:00Z"), 4, "Europe/London").toISOString()).toBe("2026-04-01T19:00:00.000Z");
  });

  it("monthly plans come back to the same day, and to the month's end when it is shorter", () => {
    expect(occurrencesFrom(plan({ cadence: "monthly", startDate: "2026-01-31", endKind: "open", endCount: null }), 0, 4).map((o) => o.date)).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
    ]);
  });

  it("ends on a date", () => {
    const dates = occurrencesFrom(plan({ cadence: "weekly", endKind: "on_date", endCount: null, endDate: "2026-03-16" }), 0, 10);
    expect(dates.map((o) => o.date)).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
  });

  it("the current occurrence after a long downtime is the latest one due, not the first missed", () => {
    const p = plan();
    expect(currentOccurrence(p, new Date("2026-03-02T07:59:00Z"), "Europe/London")).toBeNull();
    expect(currentOccurrence(p, new Date("2026-03-02T08:00:00Z"), "Europe/London")).toEqual({ index: 0, date: "2026-03-02" });
    // Three periods later.
    expect(currentOccurrence(p, new Date("2026-04-14T12:00:00Z"), "Europe/London")).toEqual({ index: 3, date: "2026-04-13" });
    // Long after the end: the last.
    expect(currentOccurrence(p, new Date("2027-01-01T12:00:00Z"), "Europe/London")).toEqual({ index: 5, date: "2026-05-11" });
  });

  it("after an edit the schedule restarts at its new start date and keeps counting", () => {
    const edited = plan({ startDate: "2026-04-01", firstOccurrence: 2, cadence: "weekly" });
    expect(occurrenceDate(edited, 1)).toBeNull();
    expect(occurrencesFrom(edited, 0, 10).map((o) => [o.index, o.date])).toEqual([
      [2, "2026-04-01"],
      [3, "2026-04-08"],
      [4, "2026-04-15"],
      [5, "2026-04-22"],
    ]);
  });
});
