import { describe, expect, it } from "vitest";
import { closenessV1, minimumReliableChange } from "@/lib/instruments";
import { countAssessments, describeDaysApart, describeReliableChangeParameters } from "./describe";

describe("describeReliableChangeParameters", () => {
  const labels = Object.fromEntries(closenessV1.dimensions.map((d) => [d.key, d.label]));
  const byDimension = (override?: { key: string; sd: number; r: number }) =>
    Object.fromEntries(
      closenessV1.dimensions.map((d) => {
        const p = override?.key === d.key ? override : { sd: 18, r: 0.8 };
        return [d.key, { sd: p.sd, r: p.r, minimumChange: 1.96 * Math.SQRT2 * p.sd * Math.sqrt(1 - p.r) }];
      }),
    );

  it("states the provisional SD 18, r .80 and the 22.3-point threshold in one sentence", () => {
    expect(minimumReliableChange(closenessV1, "care")).toBeCloseTo(22.313, 3);
    expect(describeReliableChangeParameters({ provisional: true, criticalRci: 1.96, byDimension: byDimension() }, labels)).toBe(
      "Provisional parameters: SD 18, r 0.80; a change of about 22.3 points is reliable (|RCI| \u2265 1.96).",
    );
  });

  it("lists the dimensions when their parameters differ, and drops 'provisional' once they are not", () => {
    const text = describeReliableChangeParameters({ provisional: false, criticalRci: 1.96, byDimension: byDimension({ key: "trust", sd: 20, r: 0.9 }) }, labels);
    expect(text).toMatch(/^Parameters, per dimension: Knowledge SD 18, r 0.80 \(about 22.3 points\);/);
    expect(text).toContain("Trust SD 20, r 0.90 (about 17.5 points)");
  });
});

describe("small phrases", () => {
  it("counts and spaces", () => {
    expect(countAssessments(1)).toBe("1 assessment");
    expect(countAssessments(3)).toBe("3 assessments");
    expect(describeDaysApart(0.2)).toBe("less than a day apart");
    expect(describeDaysApart(1)).toBe("1 day apart");
    expect(describeDaysApart(14)).toBe("14 days apart");
  });
});
