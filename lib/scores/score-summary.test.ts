import { describe, expect, it } from "vitest";
import { mostChangedDimension, summariseScores, type ScoredAssessment } from "./score-summary";

// Reliable change with the provisional parameters (DESIGN §2):
//   S_diff = √2 · 18 · √(1 − 0.80) = 11.3842 points; reliable when |RCI| ≥ 1.96, i.e. |Δ| ≥ 22.313.
const S_DIFF = Math.SQRT2 * 18 * Math.sqrt(0.2);

const assessment = (id: string, dimensions: ScoredAssessment["dimensions"]): ScoredAssessment => {
  const values = Object.values(dimensions);
  return { id, completedAt: `${id}T10:00:00.000Z`, overall: values.reduce((a, b) => a + b, 0) / values.length, dimensions };
};

describe("summariseScores", () => {
  it("is null without assessments", () => {
    expect(summariseScores([])).toBeNull();
  });

  it("bands one assessment, and names strengths and growth areas with ties in table order", () => {
    const only = assessment("2026-01-05", {
      knowledge: 25, // < 40: growth
      interdependence: 37.5, // < 40: growth
      care: 75, // ≥ 70: strength
      trust: 68.75, // 40–69.9: developing
      responsiveness: 40, // exactly 40: developing
      mutuality: 100, // strength
      commitment: 75, // strength, tied with care, which comes first in the table
    });
    const summary = summariseScores([only])!;
    expect(summary.first).toBe(only);
    expect(summary.latest).toBe(only);
    expect(summary.previous).toBeNull();
    expect(summary.dimensions.map((d) => [d.key, d.latest, d.band])).toEqual([
      ["knowledge", 25, "growth"],
      ["interdependence", 37.5, "growth"],
      ["care", 75, "strength"],
      ["trust", 68.75, "developing"],
      ["responsiveness", 40, "developing"],
      ["mutuality", 100, "strength"],
      ["commitment", 75, "strength"],
    ]);
    expect(summary.dimensions[0]).toMatchObject({ label: "Knowledge", sinceFirst: null, sincePrevious: null });
    expect(summary.strengths).toEqual(["mutuality", "care"]);
    expect(summary.growthAreas).toEqual(["knowledge", "interdependence"]);
  });

  it("compares the latest with the first and with the previous assessment", () => {
    //                first  previous  latest   since first           since previous
    // knowledge        25      50       50     +25   RCI 2.196 ↑     0     no change
    // care             75      50       50     −25   RCI −2.196 ↓    0     no change
    // trust            50      75       62.5   +12.5 RCI 1.098 –     −12.5 RCI −1.098 –
    // commitment       50      25       75     +25   ↑               +50   RCI 4.392 ↑
    const rest = { interdependence: 50, responsiveness: 50, mutuality: 50 };
    const first = assessment("2026-01-05", { ...rest, knowledge: 25, care: 75, trust: 50, commitment: 50 });
    const previous = assessment("2026-02-02", { ...rest, knowledge: 50, care: 50, trust: 75, commitment: 25 });
    const latest = assessment("2026-03-02", { ...rest, knowledge: 50, care: 50, trust: 62.5, commitment: 75 });
    const summary = summariseScores([first, previous, latest])!;
    expect([summary.first, summary.previous, summary.latest]).toEqual([first, previous, latest]);

    const byKey = Object.fromEntries(summary.dimensions.map((d) => [d.key, d]));
    expect(byKey.knowledge!.sinceFirst).toMatchObject({ before: 25, after: 50, change: 25, status: "improved" });
    expect(byKey.knowledge!.sinceFirst!.rci).toBeCloseTo(25 / S_DIFF, 10);
    expect(byKey.knowledge!.sinceFirst!.rci).toBeCloseTo(2.196, 3);
    expect(byKey.knowledge!.sincePrevious).toMatchObject({ before: 50, after: 50, change: 0, rci: 0, status: "no_change" });
    expect(byKey.care!.sinceFirst).toMatchObject({ before: 75, after: 50, change: -25, status: "deteriorated" });
    expect(byKey.care!.sinceFirst!.rci).toBeCloseTo(-2.196, 3);
    expect(byKey.trust!.sinceFirst).toMatchObject({ change: 12.5, status: "no_change" });
    expect(byKey.trust!.sinceFirst!.rci).toBeCloseTo(1.098, 3);
    expect(byKey.trust!.sincePrevious).toMatchObject({ before: 75, after: 62.5, change: -12.5, status: "no_change" });
    expect(byKey.commitment!.sinceFirst).toMatchObject({ change: 25, status: "improved" });
    expect(byKey.commitment!.sincePrevious).toMatchObject({ before: 25, after: 75, change: 50, status: "improved" });
    expect(byKey.commitment!.sincePrevious!.rci).toBeCloseTo(4.392, 3);
    expect(byKey.mutuality!.sincePrevious).toMatchObject({ change: 0, status: "no_change" });
  });

  it("with two assessments, the first is also the previous one", () => {
    const first = assessment("2026-01-05", { knowledge: 50, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50 });
    const latest = assessment("2026-02-02", { ...first.dimensions, trust: 25 });
    const summary = summariseScores([first, latest])!;
    expect(summary.previous).toBe(first);
    const trust = summary.dimensions.find((d) => d.key === "trust")!;
    // −25 points: RCI −2.196, reliable.
    expect(trust.sinceFirst).toEqual(trust.sincePrevious);
    expect(trust.sinceFirst).toMatchObject({ before: 50, after: 25, change: -25, status: "deteriorated" });
  });
});

describe("mostChangedDimension", () => {
  const flat = { knowledge: 50, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50 };

  it("takes the largest absolute change from the first to the latest, a fall as much as a rise", () => {
    const list = [
      assessment("2026-01-05", flat),
      // Trust swings by 50 in between but ends where it began: only first and latest count.
      assessment("2026-02-02", { ...flat, trust: 100 }),
      assessment("2026-03-02", { ...flat, care: 68.75, mutuality: 25 }), // care +18.75, mutuality −25
    ];
    expect(mostChangedDimension(list)).toBe("mutuality");
  });

  it("breaks ties in instrument order, and falls back to the first dimension without a change to show", () => {
    const list = [assessment("2026-01-05", flat), assessment("2026-02-02", { ...flat, commitment: 75, care: 25 })];
    expect(mostChangedDimension(list)).toBe("care"); // both moved 25; care comes first
    expect(mostChangedDimension([assessment("2026-01-05", flat), assessment("2026-02-02", flat)])).toBe("knowledge");
    expect(mostChangedDimension([assessment("2026-01-05", { ...flat, trust: 0 })])).toBe("knowledge");
    expect(mostChangedDimension([])).toBe("knowledge");
  });
});
