import { describe, expect, it } from "vitest";
import { ticksForWidth, timeDomain, timeTicks } from "./time-axis";

const DAY = 86_400_000;
const day = (n: number) => Date.UTC(2026, 0, 1) + n * DAY;

describe("the trend charts' time axis", () => {
  it("labels every point when they fit", () => {
    expect(timeTicks([day(0), day(10), day(40)], 5)).toEqual([day(0), day(10), day(40)]);
    expect(timeTicks([day(3), day(3)], 5)).toEqual([day(3)]);
  });

  it("labels only points' own dates, first and last always, spread evenly", () => {
    // Weekly for 20 weeks: four labels at 0, ~6.3, ~12.7 and 19 weeks: the nearest points.
    const weekly = Array.from({ length: 20 }, (_, i) => day(i * 7));
    const ticks = timeTicks(weekly, 4);
    expect(ticks).toEqual([day(0), day(42), day(91), day(133)]);
    for (const t of ticks) expect(weekly).toContain(t);
  });

  it("never crowds two labels where the points bunch up", () => {
    // Most points at the end: the even positions all fall to the same few points.
    const bunched = [day(0), day(95), day(96), day(97), day(98), day(99), day(100)];
    const ticks = timeTicks(bunched, 5);
    expect(ticks[0]).toBe(day(0));
    expect(ticks.at(-1)).toBe(day(100));
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThanOrEqual(12.5 * DAY);
  });

  it("puts room either side of the points, at least half a day", () => {
    expect(timeDomain([day(0), day(100)])).toEqual([day(0) - 5 * DAY, day(100) + 5 * DAY]);
    expect(timeDomain([day(7)])).toEqual([day(7) - DAY / 2, day(7) + DAY / 2]);
  });

  it("fits fewer labels on a phone than on a desktop", () => {
    expect(ticksForWidth(330)).toBe(3);
    expect(ticksForWidth(1000)).toBe(8);
    expect(ticksForWidth(120)).toBe(2);
  });
});
