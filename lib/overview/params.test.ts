import { describe, expect, it } from "vitest";
import { overviewHref, parseOverviewParams } from "./params";

describe("parseOverviewParams", () => {
  it("reads every valid range and granularity", () => {
    for (const range of ["3", "6", "12", "all"] as const) {
      for (const by of ["week", "month"] as const) {
        expect(parseOverviewParams({ range, by })).toEqual({ range, granularity: by });
      }
    }
  });

  it("falls back to 6 months by month for missing, unknown or repeated values", () => {
    expect(parseOverviewParams({})).toEqual({ range: "6", granularity: "month" });
    expect(parseOverviewParams({ range: "24", by: "day" })).toEqual({ range: "6", granularity: "month" });
    expect(parseOverviewParams({ range: "ALL", by: "Week" })).toEqual({ range: "6", granularity: "month" });
    expect(parseOverviewParams({ range: ["3", "12"], by: ["week"] })).toEqual({ range: "6", granularity: "month" });
    expect(parseOverviewParams({ range: "12", by: "fortnight" })).toEqual({ range: "12", granularity: "month" });
    expect(parseOverviewParams({ range: "-1", by: "week" })).toEqual({ range: "6", granularity: "week" });
  });
});

describe("overviewHref", () => {
  it("leaves defaults out of the URL", () => {
    expect(overviewHref({ range: "6", granularity: "month" })).toBe("/overview");
    expect(overviewHref({ range: "3", granularity: "month" })).toBe("/overview?range=3");
    expect(overviewHref({ range: "all", granularity: "week" })).toBe("/overview?range=all&by=week");
  });
});
