import { describe, expect, it } from "vitest";
import { compareLatestPairs, largestGap, latestCouplePair, pairCoupleAssessments } from "./couple-pairs";
import type { ScoredAssessment } from "./score-summary";

describe("pairCoupleAssessments", () => {
  const at = (iso: string, knowledge = 50): ScoredAssessment => ({
    id: iso,
    completedAt: new Date(iso).toISOString(),
    overall: 50,
    dimensions: { knowledge, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50 },
  });

  it("takes the earlier of two equally close partner assessments, and nothing outside the window", () => {
    const pairs = pairCoupleAssessments(
      [at("2026-01-10T00:00:00Z"), at("2026-03-01T00:00:00Z")],
      [at("2026-01-07T00:00:00Z", 25), at("2026-01-13T00:00:00Z", 75), at("2026-03-15T00:00:00.001Z")],
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.partnerAssessmentId).toBe("2026-01-07T00:00:00Z");
    expect(pairs[0]!.gaps[0]).toMatchObject({ key: "knowledge", label: "Knowledge", client: 50, partner: 25, gap: 25, flagged: true });
  });

  it("has no pairs when either partner has no assessment", () => {
    expect(pairCoupleAssessments([], [at("2026-01-01T00:00:00Z")])).toEqual([]);
    expect(pairCoupleAssessments([at("2026-01-01T00:00:00Z")], [])).toEqual([]);
  });

  it("pairs assessments exactly 14 days apart, and says how far apart they are", () => {
    // 1 Mar 00:00 → 15 Mar 00:00 is 14 × 24 h: the edge of the window, still inside it.
    const [edge] = pairCoupleAssessments([at("2026-03-01T00:00:00Z")], [at("2026-03-15T00:00:00Z")]);
    expect(edge).toMatchObject({ clientAssessmentId: "2026-03-01T00:00:00Z", partnerAssessmentId: "2026-03-15T00:00:00Z", daysApart: 14 });
    // 10 Jan 12:00 − 7 Jan 00:00 = 3 days and 12 hours = 3.5 days.
    const [close] = pairCoupleAssessments([at("2026-01-10T12:00:00Z")], [at("2026-01-07T00:00:00Z")]);
    expect(close!.daysApart).toBe(3.5);
    expect(close!.clientCompletedAt).toBe("2026-01-10T12:00:00.000Z");
    expect(close!.partnerCompletedAt).toBe("2026-01-07T00:00:00.000Z");
  });

  it("takes the closest partner assessment, and may use one of them for two of the client's", () => {
    // Client on 1 and 5 Jan; partner on 3 Jan (2 days from each) and 20 Jan (15 days from 5 Jan: outside).
    const pairs = pairCoupleAssessments(
      [at("2026-01-01T00:00:00Z"), at("2026-01-05T00:00:00Z")],
      [at("2026-01-03T00:00:00Z"), at("2026-01-20T00:00:00Z")],
    );
    expect(pairs.map((pair) => [pair.clientAssessmentId, pair.partnerAssessmentId, pair.daysApart])).toEqual([
      ["2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", 2],
      ["2026-01-05T00:00:00Z", "2026-01-03T00:00:00Z", 2],
    ]);
  });

  it("gives a gap per dimension in instrument order, flagged from 25 points", () => {
    const mine = at("2026-01-10T00:00:00Z", 50);
    const theirs: ScoredAssessment = {
      ...at("2026-01-11T00:00:00Z"),
      // knowledge 50 vs 75: 25, flagged; care 50 vs 31.25: 18.75, not flagged; commitment 50 vs 100: 50, flagged.
      dimensions: { knowledge: 75, interdependence: 50, care: 31.25, trust: 50, responsiveness: 50, mutuality: 50, commitment: 100 },
    };
    const [pair] = pairCoupleAssessments([mine], [theirs]);
    expect(pair!.gaps.map((g) => [g.key, g.client, g.partner, g.gap, g.flagged])).toEqual([
      ["knowledge", 50, 75, 25, true],
      ["interdependence", 50, 50, 0, false],
      ["care", 50, 31.25, 18.75, false],
      ["trust", 50, 50, 0, false],
      ["responsiveness", 50, 50, 0, false],
      ["mutuality", 50, 50, 0, false],
      ["commitment", 50, 100, 50, true],
    ]);
  });
});

describe("latestCouplePair and largestGap", () => {
  const at = (iso: string, scores: Partial<ScoredAssessment["dimensions"]> = {}): ScoredAssessment => ({
    id: iso,
    completedAt: new Date(iso).toISOString(),
    overall: 50,
    dimensions: { knowledge: 50, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50, ...scores },
  });

  it("is the same pair whichever partner asks, told from the asker's side", () => {
    // A answered on 1 Jan and 1 Mar; B on 3 Mar only. From A's side the latest pair is (1 Mar, 3 Mar).
    const a = [at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z", { trust: 90 })];
    const b = [at("2026-03-03T00:00:00Z", { trust: 40 })];
    const fromA = latestCouplePair(a, b)!;
    const fromB = latestCouplePair(b, a)!;
    expect([fromA.clientAssessmentId, fromA.partnerAssessmentId]).toEqual(["2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z"]);
    expect([fromB.clientAssessmentId, fromB.partnerAssessmentId]).toEqual(["2026-03-03T00:00:00Z", "2026-03-01T00:00:00Z"]);
    expect(fromA.gaps.find((g) => g.key === "trust")).toMatchObject({ client: 90, partner: 40, gap: 50 });
    expect(fromB.gaps.find((g) => g.key === "trust")).toMatchObject({ client: 40, partner: 90, gap: 50 });
  });

  it("takes the pair whose later assessment is the most recent, from either side", () => {
    // A's newest (20 Mar) has no partner assessment within 14 days; B's 10 Mar pairs with A's 1 Mar.
    const a = [at("2026-03-01T00:00:00Z"), at("2026-04-20T00:00:00Z")];
    const b = [at("2026-02-20T00:00:00Z"), at("2026-03-10T00:00:00Z")];
    const pair = latestCouplePair(a, b)!;
    expect([pair.clientAssessmentId, pair.partnerAssessmentId]).toEqual(["2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z"]);
  });

  it("is null without a pair", () => {
    expect(latestCouplePair([at("2026-01-01T00:00:00Z")], [at("2026-02-01T00:00:00Z")])).toBeNull();
    expect(largestGap(null)).toBeNull();
  });

  it("names the largest gap, ties in instrument order, flagged at 25 or more", () => {
    const pair = latestCouplePair([at("2026-01-01T00:00:00Z", { care: 75, mutuality: 25 })], [at("2026-01-02T00:00:00Z")])!;
    // care |75 − 50| = 25 and mutuality |25 − 50| = 25 tie; care comes first in the table.
    expect(largestGap(pair)).toEqual({ dimension: "care", gap: 25, flagged: true, at: "2026-01-02T00:00:00.000Z" });
    const small = latestCouplePair([at("2026-01-01T00:00:00Z", { trust: 68.75 })], [at("2026-01-02T00:00:00Z")])!;
    expect(largestGap(small)).toMatchObject({ dimension: "trust", gap: 18.75, flagged: false });
  });
});

describe("compareLatestPairs", () => {
  const flat = { knowledge: 50, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50 };
  const at = (iso: string, dimensions: Partial<ScoredAssessment["dimensions"]> = {}): ScoredAssessment => ({
    id: iso,
    completedAt: new Date(iso).toISOString(),
    overall: 50,
    dimensions: { ...flat, ...dimensions },
  });

  it("is null with fewer than two pairs", () => {
    expect(compareLatestPairs([])).toBeNull();
    expect(compareLatestPairs(pairCoupleAssessments([at("2026-01-01T00:00:00Z")], [at("2026-01-02T00:00:00Z")]))).toBeNull();
  });

  it("compares the average gap of the latest pair with the pair before, and names what moved apart", () => {
    // Previous pair: trust 50 vs 50 → gap 0; latest pair: trust 75 vs 37.5 → 37.5, care 50 vs 37.5 → 12.5.
    // Average gap 0 → (37.5 + 12.5) / 7 = 7.14: widening (≥ 5).
    const pairs = pairCoupleAssessments(
      [at("2026-01-05T10:00:00Z"), at("2026-03-02T10:00:00Z", { trust: 75 })],
      [at("2026-01-06T10:00:00Z"), at("2026-03-03T10:00:00Z", { trust: 37.5, care: 37.5 })],
    );
    const comparison = compareLatestPairs(pairs)!;
    expect(comparison.previousMeanGap).toBe(0);
    expect(comparison.latestMeanGap).toBeCloseTo(50 / 7, 10);
    expect(comparison.meanChange).toBeCloseTo(7.142857, 5);
    expect(comparison.widening).toBe(true);
    const trust = comparison.dimensions.find((d) => d.key === "trust")!;
    expect(trust).toMatchObject({ label: "Trust", previousGap: 0, latestGap: 37.5, change: 37.5, flagged: true });
    expect(comparison.dimensions.find((d) => d.key === "care")).toMatchObject({ previousGap: 0, latestGap: 12.5, change: 12.5, flagged: false });
    expect(comparison.dimensions.map((d) => d.key)).toEqual(["knowledge", "interdependence", "care", "trust", "responsiveness", "mutuality", "commitment"]);
  });

  it("does not call a small drift or a narrowing gap widening", () => {
    // Latest: one dimension 25 apart (average 3.57 > 0 but < 5).
    const drift = pairCoupleAssessments(
      [at("2026-01-05T10:00:00Z"), at("2026-03-02T10:00:00Z", { care: 75 })],
      [at("2026-01-06T10:00:00Z"), at("2026-03-03T10:00:00Z")],
    );
    expect(compareLatestPairs(drift)!.widening).toBe(false);
    // Exactly five points on average (35 points over seven gaps) is widening.
    const edge = pairCoupleAssessments(
      [at("2026-01-05T10:00:00Z"), at("2026-03-02T10:00:00Z", { care: 85 })],
      [at("2026-01-06T10:00:00Z"), at("2026-03-03T10:00:00Z")],
    );
    expect(compareLatestPairs(edge)!.meanChange).toBeCloseTo(5, 10);
    expect(compareLatestPairs(edge)!.widening).toBe(true);
    const narrowing = pairCoupleAssessments(
      [at("2026-01-05T10:00:00Z", { trust: 100 }), at("2026-03-02T10:00:00Z")],
      [at("2026-01-06T10:00:00Z", { trust: 0 }), at("2026-03-03T10:00:00Z")],
    );
    expect(compareLatestPairs(narrowing)).toMatchObject({ previousMeanGap: 100 / 7, latestMeanGap: 0, widening: false });
  });
});
