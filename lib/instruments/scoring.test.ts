import { describe, expect, it } from "vitest";
import { closenessV1 } from "./closeness-v1";
import {
  IncompleteResponseError,
  InvalidAnswerError,
  bandOf,
  coupleGaps,
  formatChange,
  formatScore,
  minimumReliableChange,
  reliableChange,
  roundScore,
  scoreResponse,
  strengthsAndGrowthAreas,
  validateAnswers,
  withinCoupleWindow,
} from "./scoring";
import type { ClosenessDimension, DimensionScores } from "./types";

const def = closenessV1;

function answerAll(normal: number, reverse: number): Record<string, number> {
  return Object.fromEntries(def.items.map((item) => [item.id, item.reverseKeyed ? reverse : normal]));
}

function dims(overrides: Partial<DimensionScores<ClosenessDimension>> = {}, base = 50): DimensionScores<ClosenessDimension> {
  return {
    knowledge: base,
    interdependence: base,
    care: base,
    trust: base,
    responsiveness: base,
    mutuality: base,
    commitment: base,
    ...overrides,
  };
}

function allDims(value: number): DimensionScores<ClosenessDimension> {
  return dims({}, value);
}

describe("scoreResponse", () => {
  it("scores all 1s as 25: three 1s and a reversed 1 (→ 5) average 2", () => {
    const scores = scoreResponse(def, answerAll(1, 1));
    expect(scores.dimensions).toEqual(allDims(25));
    expect(scores.overall).toBe(25);
  });

  it("scores all 5s as 75: three 5s and a reversed 5 (→ 1) average 4", () => {
    const scores = scoreResponse(def, answerAll(5, 5));
    expect(scores.dimensions).toEqual(allDims(75));
    expect(scores.overall).toBe(75);
  });

  it("scores all 3s as 50: the midpoint reverses to itself", () => {
    expect(scoreResponse(def, answerAll(3, 3)).overall).toBe(50);
  });

  it("scores the most-closeness pattern (5s, reversed items at 1) as 100", () => {
    const scores = scoreResponse(def, answerAll(5, 1));
    expect(scores.dimensions).toEqual(allDims(100));
    expect(scores.overall).toBe(100);
  });

  it("scores the least-closeness pattern (1s, reversed items at 5) as 0", () => {
    const scores = scoreResponse(def, answerAll(1, 5));
    expect(scores.dimensions).toEqual(allDims(0));
    expect(scores.overall).toBe(0);
  });

  it("scores a mixed response by hand", () => {
    // (R) = reverse-keyed, v' = 6 − v; score = (mean(v') − 1) / 4 × 100
    // knowledge       k1=4 k2=5 k3(R)=2→4 k4=3      v' 4,5,4,3 = 16, mean 4    → 75
    // interdependence k5=2 k6(R)=4→2 k7=3 k8=2      v' 2,2,3,2 =  9, mean 2.25 → 31.25
    // care            k9=5 k10=4 k11=4 k12(R)=1→5   v' 5,4,4,5 = 18, mean 4.5  → 87.5
    // trust           k13(R)=3→3 k14=4 k15=3 k16=4  v' 3,4,3,4 = 14, mean 3.5  → 62.5
    // responsiveness  k17=1 k18=2 k19(R)=5→1 k20=1  v' 1,2,1,1 =  5, mean 1.25 → 6.25
    // mutuality       k21=4 k22=4 k23=3 k24(R)=2→4  v' 4,4,3,4 = 15, mean 3.75 → 68.75
    // commitment      k25=5 k26(R)=1→5 k27=5 k28=4  v' 5,5,5,4 = 19, mean 4.75 → 93.75
    // overall = (75 + 31.25 + 87.5 + 62.5 + 6.25 + 68.75 + 93.75) / 7 = 425 / 7 = 60.714…
    const answers = {
      k1: 4, k2: 5, k3: 2, k4: 3,
      k5: 2, k6: 4, k7: 3, k8: 2,
      k9: 5, k10: 4, k11: 4, k12: 1,
      k13: 3, k14: 4, k15: 3, k16: 4,
      k17: 1, k18: 2, k19: 5, k20: 1,
      k21: 4, k22: 4, k23: 3, k24: 2,
      k25: 5, k26: 1, k27: 5, k28: 4,
    };
    const scores = scoreResponse(def, answers);
    expect(scores.dimensions).toEqual({
      knowledge: 75,
      interdependence: 31.25,
      care: 87.5,
      trust: 62.5,
      responsiveness: 6.25,
      mutuality: 68.75,
      commitment: 93.75,
    });
    expect(scores.overall).toBeCloseTo(425 / 7, 12);
    expect(formatScore(scores.overall)).toBe("60.7");
    expect(formatScore(scores.dimensions.interdependence)).toBe("31.3");
    expect(formatScore(scores.dimensions.responsiveness)).toBe("6.3");
    expect(formatScore(scores.dimensions.mutuality)).toBe("68.8");
    expect(formatScore(scores.dimensions.commitment)).toBe("93.8");

    expect(strengthsAndGrowthAreas(def, scores.dimensions)).toEqual({
      strengths: ["commitment", "care"],
      growthAreas: ["responsiveness", "interdependence"],
    });
    expect(bandOf(scores.dimensions.knowledge, def)).toBe("strength");
    expect(bandOf(scores.dimensions.trust, def)).toBe("developing");
    expect(bandOf(scores.dimensions.interdependence, def)).toBe("growth");
  });

  it("throws IncompleteResponseError listing every missing item", () => {
    const answers = answerAll(3, 3);
    delete answers.k5;
    delete answers.k28;
    let caught: unknown;
    try {
      scoreResponse(def, answers);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IncompleteResponseError);
    expect((caught as IncompleteResponseError).missing).toEqual(["k5", "k28"]);
    expect(() => scoreResponse(def, {})).toThrow(IncompleteResponseError);
  });

  it.each([0, 6, 2.5, -1, Number.NaN, Number.POSITIVE_INFINITY])("throws InvalidAnswerError for %s", (value) => {
    const answers = { ...answerAll(3, 3), k3: value };
    expect(() => scoreResponse(def, answers)).toThrow(InvalidAnswerError);
    try {
      scoreResponse(def, answers);
    } catch (error) {
      expect((error as InvalidAnswerError).invalid).toEqual(["k3"]);
    }
  });

  it("throws InvalidAnswerError for an unknown item id, even when the response is otherwise complete", () => {
    expect(() => scoreResponse(def, { ...answerAll(3, 3), k29: 3 })).toThrow(InvalidAnswerError);
  });

  it("reports invalid answers before missing ones", () => {
    expect(() => scoreResponse(def, { k1: 9 })).toThrow(InvalidAnswerError);
  });

  it("rejects a numeric string: scoring takes numbers, validateAnswers parses forms", () => {
    const answers = { ...answerAll(3, 3), k1: "3" } as unknown as Record<string, number>;
    expect(() => scoreResponse(def, answers)).toThrow(InvalidAnswerError);
  });
});

describe("validateAnswers", () => {
  it("parses form strings and numbers, ignoring unknown keys", () => {
    const raw = { ...answerAll(4, 2), k1: "1", k2: " 5 ", k3: 3, csrf: "xyz", k99: "4" };
    const result = validateAnswers(def, raw);
    expect(result.missing).toEqual([]);
    expect(result.invalid).toEqual([]);
    expect(result.answers).toMatchObject({ k1: 1, k2: 5, k3: 3, k4: 4 });
    expect(Object.keys(result.answers)).toHaveLength(28);
    expect(() => scoreResponse(def, result.answers)).not.toThrow();
  });

  it("separates missing from invalid in a partial draft", () => {
    const result = validateAnswers(def, {
      k1: "3",
      k2: "",
      k3: "6",
      k4: "abc",
      k5: "2.0",
      k6: null,
      k7: ["3"],
      k8: 0,
      k9: "0x3",
    });
    expect(result.answers).toEqual({ k1: 3 });
    expect(result.invalid).toEqual(["k3", "k4", "k5", "k7", "k8", "k9"]);
    expect(result.missing).toEqual(["k2", "k6", ...def.items.slice(9).map((item) => item.id)]);
  });

  it("does not read inherited properties as answers", () => {
    const raw = Object.create({ k1: "5" }) as Record<string, unknown>;
    expect(validateAnswers(def, raw).missing).toContain("k1");
  });
});

describe("roundScore and formatScore", () => {
  it.each([
    [12.25, 12.3],
    [0.05, 0.1],
    [-2.25, -2.3],
    [62.5, 62.5],
    [12.24, 12.2],
    [12.26, 12.3],
    [31.25, 31.3],
    [68.75, 68.8],
    [0, 0],
    [100, 100],
    [425 / 7, 60.7],
  ])("rounds %s to %s", (x, expected) => {
    expect(roundScore(x)).toBe(expected);
  });

  it("is robust to float representation noise just under a half", () => {
    expect(1.005 * 100).toBeLessThan(100.5); // 100.49999999999999
    expect(roundScore(1.005 * 100)).toBe(100.5);
    expect((1.15 * 100) / 10).toBeLessThan(11.5); // 11.499999999999998
    expect(roundScore((1.15 * 100) / 10)).toBe(11.5);
    expect(roundScore(-1.005 * 100)).toBe(-100.5);
  });

  it("does not round genuinely lower values up", () => {
    expect(roundScore(12.2499)).toBe(12.2);
    expect(roundScore(0.0499)).toBe(0);
  });

  it("never returns negative zero", () => {
    expect(Object.is(roundScore(-0.01), 0)).toBe(true);
    expect(formatScore(-0.01)).toBe("0.0");
  });

  it("formats with exactly one decimal", () => {
    expect(formatScore(62.5)).toBe("62.5");
    expect(formatScore(70)).toBe("70.0");
    expect(formatScore(12.25)).toBe("12.3");
    expect(formatScore(-2.25)).toBe("-2.3");
    expect(formatScore(100)).toBe("100.0");
  });
});

describe("formatChange", () => {
  it("signs changes with one decimal, half away from zero, and no signed zero", () => {
    expect(formatChange(25)).toBe("+25.0");
    expect(formatChange(-12.5)).toBe("\u221212.5");
    expect(formatChange(18.75)).toBe("+18.8");
    expect(formatChange(-18.75)).toBe("\u221218.8");
    expect(formatChange(0)).toBe("0.0");
    expect(formatChange(-0.01)).toBe("0.0");
  });
});

describe("bandOf", () => {
  it.each([
    [0, "growth"],
    [39.99, "growth"],
    [40, "developing"],
    [69.99, "developing"],
    [70, "strength"],
    [100, "strength"],
  ] as const)("puts %s in %s", (score, band) => {
    expect(bandOf(score, def)).toBe(band);
  });

  it("decides on the unrounded score, not the displayed one", () => {
    expect(formatScore(69.96)).toBe("70.0");
    expect(bandOf(69.96, def)).toBe("developing");
    expect(bandOf(39.96, def)).toBe("growth");
  });
});

describe("strengthsAndGrowthAreas", () => {
  it("breaks a complete tie by the DESIGN table order, never naming one dimension in both lists", () => {
    // All tied at 62.5: strengths first (the first two in table order), then the lowest of the rest.
    expect(strengthsAndGrowthAreas(def, allDims(62.5))).toEqual({
      strengths: ["knowledge", "interdependence"],
      growthAreas: ["care", "trust"],
    });
  });

  it("with a near tie below 70, names the next lowest rather than a strength", () => {
    // Knowledge is highest (55) and interdependence second (50); care and trust are lowest but the
    // rest tie at 50 with interdependence, which is already a strength.
    const scores = dims({ knowledge: 55, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50 });
    const { strengths, growthAreas } = strengthsAndGrowthAreas(def, scores);
    expect(strengths).toEqual(["knowledge", "interdependence"]);
    expect(growthAreas).toEqual(["care", "trust"]);
    expect(growthAreas.filter((key) => strengths.includes(key))).toEqual([]);
  });

  it("breaks ties among the highest by table order", () => {
    const scores = dims({ interdependence: 90, mutuality: 90, commitment: 90, care: 80 });
    expect(strengthsAndGrowthAreas(def, scores).strengths).toEqual(["interdependence", "mutuality"]);
  });

  it("breaks ties among the lowest by table order", () => {
    const scores = dims({ commitment: 10, trust: 10, knowledge: 20, responsiveness: 20 });
    expect(strengthsAndGrowthAreas(def, scores).growthAreas).toEqual(["trust", "commitment"]);
  });

  it("never calls a dimension in the strength band a growth area", () => {
    // Only care (62.5) is below 70; the rest are strengths, so one growth area is named.
    const scores = dims({ knowledge: 90, interdependence: 70, care: 62.5, trust: 75, responsiveness: 80, mutuality: 85, commitment: 95 });
    expect(strengthsAndGrowthAreas(def, scores).growthAreas).toEqual(["care"]);
    expect(strengthsAndGrowthAreas(def, allDims(70)).growthAreas).toEqual([]);
    expect(strengthsAndGrowthAreas(def, allDims(69.9)).growthAreas).toEqual(["care", "trust"]);
  });

  it("breaks a tie for second place by table order", () => {
    const scores = dims({ care: 95, trust: 80, responsiveness: 80, knowledge: 5, commitment: 20, mutuality: 20 });
    expect(strengthsAndGrowthAreas(def, scores)).toEqual({
      strengths: ["care", "trust"],
      growthAreas: ["knowledge", "mutuality"],
    });
  });
});

describe("reliableChange", () => {
  const sDiff = Math.SQRT2 * 18 * Math.sqrt(1 - 0.8); // 11.3842 points

  it("uses S_diff = √2 · SD · √(1 − r)", () => {
    const result = reliableChange(def, "trust", 50, 60);
    expect(result.sDiff).toBeCloseTo(11.384199576606166, 12);
    expect(result.rci).toBeCloseTo(10 / sDiff, 12);
  });

  it("puts the threshold at 1.96 × 11.3842 = 22.313 points", () => {
    expect(minimumReliableChange(def, "care")).toBeCloseTo(22.313031170148083, 9);
    expect(formatScore(minimumReliableChange(def, "care"))).toBe("22.3");
  });

  it("does not count 22.2 or even 22.3 points as reliable (RCI 1.950 and 1.959 < 1.96)", () => {
    expect(reliableChange(def, "care", 40, 62.2)).toMatchObject({ status: "no_change" });
    expect(reliableChange(def, "care", 40, 62.2).rci).toBeCloseTo(1.95, 2);
    expect(reliableChange(def, "care", 40, 62.3)).toMatchObject({ status: "no_change" });
    expect(reliableChange(def, "care", 40, 62.3).rci).toBeCloseTo(1.9589, 4);
  });

  it("counts 22.32 points as reliable, in either direction", () => {
    expect(reliableChange(def, "care", 40, 62.32).status).toBe("improved");
    expect(reliableChange(def, "care", 62.32, 40).status).toBe("deteriorated");
    expect(reliableChange(def, "care", 62.32, 40).rci).toBeLessThan(-1.96);
  });

  it("counts exactly the threshold as reliable", () => {
    const threshold = minimumReliableChange(def, "care");
    expect(reliableChange(def, "care", 0, threshold).status).toBe("improved");
  });

  it("classifies real score steps: 18.75 points is not reliable, 25 is", () => {
    expect(reliableChange(def, "mutuality", 50, 68.75).status).toBe("no_change");
    expect(reliableChange(def, "mutuality", 50, 75).status).toBe("improved");
    expect(reliableChange(def, "mutuality", 75, 50).status).toBe("deteriorated");
    expect(reliableChange(def, "mutuality", 50, 50)).toMatchObject({ rci: 0, status: "no_change" });
  });

  it("throws for a dimension without parameters", () => {
    expect(() => reliableChange(def, "overall" as ClosenessDimension, 0, 50)).toThrow(/reliable-change/);
  });
});

describe("coupleGaps", () => {
  it("flags a gap of exactly 25 and not 24.9, in table order", () => {
    const a = dims({ knowledge: 87.5, interdependence: 50, care: 100 });
    const b = dims({ knowledge: 62.5, interdependence: 74.9, care: 0 });
    const gaps = coupleGaps(def, a, b);
    expect(gaps.map((gap) => gap.dimension)).toEqual([
      "knowledge",
      "interdependence",
      "care",
      "trust",
      "responsiveness",
      "mutuality",
      "commitment",
    ]);
    expect(gaps[0]).toEqual({ dimension: "knowledge", a: 87.5, b: 62.5, gap: 25, flagged: true });
    expect(gaps[1]).toMatchObject({ a: 50, b: 74.9, flagged: false });
    expect(gaps[1]?.gap).toBeCloseTo(24.9, 10);
    expect(gaps[2]).toMatchObject({ gap: 100, flagged: true });
    expect(gaps[3]).toMatchObject({ gap: 0, flagged: false });
  });

  it("flags a 25-point gap that float subtraction leaves a hair short", () => {
    expect(32.05 - 7.05).toBeLessThan(25);
    const [knowledge] = coupleGaps(def, dims({ knowledge: 7.05 }), dims({ knowledge: 32.05 }));
    expect(knowledge?.flagged).toBe(true);
  });
});

describe("withinCoupleWindow", () => {
  const start = new Date("2025-03-01T09:00:00Z");
  const DAY = 24 * 60 * 60 * 1000;

  it("accepts completions up to exactly 14 × 24 h apart, in either order", () => {
    expect(withinCoupleWindow(start, start, def)).toBe(true);
    expect(withinCoupleWindow(start, new Date(start.getTime() + 14 * DAY), def)).toBe(true);
    expect(withinCoupleWindow(new Date(start.getTime() + 14 * DAY), start, def)).toBe(true);
  });

  it("rejects completions more than 14 × 24 h apart", () => {
    expect(withinCoupleWindow(start, new Date(start.getTime() + 14 * DAY + 1), def)).toBe(false);
    expect(withinCoupleWindow(new Date(start.getTime() - 30 * DAY), start, def)).toBe(false);
  });

  it("rejects an invalid date", () => {
    expect(withinCoupleWindow(start, new Date("not a date"), def)).toBe(false);
  });
});
