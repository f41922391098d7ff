import { describe, expect, it } from "vitest";
import type { ChartPoint } from "./series";
import { trendLabel } from "./trend-label";

describe("trendLabel", () => {
  const points: ChartPoint[] = [
    { t: 1, date: "5 Jan 2026", overall: 50, trust: 50, care: 75 },
    { t: 2, date: "2 Feb 2026", overall: 53.57, trust: 75, care: 50 },
    { t: 3, date: "2 Mar 2026", overall: 54.46, trust: 62.5, care: 50 },
  ];

  it("names the two lines, the dates and where each went, rounded to one decimal", () => {
    expect(trendLabel(points, { key: "trust", label: "Trust" })).toBe(
      "Line chart of the overall closeness score and Trust at 3 assessments, 5 Jan 2026 to 2 Mar 2026. " +
        "Overall went from 50.0 to 54.5; Trust from 50.0 to 62.5.",
    );
    expect(trendLabel(points, { key: "care", label: "Care" })).toContain("Care from 75.0 to 50.0.");
  });

  it("says when there is nothing to chart", () => {
    expect(trendLabel([], { key: "trust", label: "Trust" })).toBe("No scores to chart.");
  });
});
