import { describe, expect, it } from "vitest";
import { histogramMedian } from "./histogram-median";

describe("histogramMedian", () => {
  it("is null without values", () => {
    expect(histogramMedian([])).toBeNull();
    expect(histogramMedian([{ unit: 3, count: 0 }])).toBeNull();
  });

  it("takes the middle value, each inside its unit", () => {
    // Values in hours 24.x, 48.x and 132.x: the middle one is in hour 48.
    expect(histogramMedian([{ unit: 132, count: 1 }, { unit: 24, count: 1 }, { unit: 48, count: 1 }])).toBe(48.5);
  });

  it("takes halfway between the two middle values of an even count", () => {
    expect(histogramMedian([{ unit: 24, count: 1 }, { unit: 48, count: 1 }, { unit: 132, count: 1 }, { unit: 240, count: 1 }])).toBe((48.5 + 132.5) / 2);
  });

  it("spreads a bucket's values across its unit, so the median stays within one unit of the exact one", () => {
    // Four values in hour 10 and one in hour 50: the third smallest is the third of four in hour 10.
    expect(histogramMedian([{ unit: 10, count: 4 }, { unit: 50, count: 1 }])).toBe(10 + 2.5 / 4);
    const exact = [10.0, 10.2, 10.4, 10.9, 50.3];
    expect(Math.abs(histogramMedian([{ unit: 10, count: 4 }, { unit: 50, count: 1 }])! - exact[2]!)).toBeLessThan(1);
  });
});
