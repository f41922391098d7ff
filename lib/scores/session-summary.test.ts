import { describe, expect, it } from "vitest";
import { latestCouplePair } from "./couple-pairs";
import { summariseScores, type ScoredAssessment } from "./score-summary";
import {
  attentionItems,
  clientSummaryText,
  coupleSummaryText,
  largeGaps,
  listInWords,
  noMovementSentence,
  sharedStrengthsAndGrowthAreas,
  whatMoved,
} from "./session-summary";

const TZ = "Europe/London";
const base = { knowledge: 50, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50 };
const at = (iso: string, scores: Partial<ScoredAssessment["dimensions"]> = {}): ScoredAssessment => {
  const dimensions = { ...base, ...scores };
  const values = Object.values(dimensions);
  return { id: iso, completedAt: `${iso}T10:00:00.000Z`, overall: values.reduce((x, y) => x + y, 0) / values.length, dimensions };
};

describe("whatMoved", () => {
  it("names the largest changes since the previous assessment, in words, biggest first", () => {
    const summary = summariseScores([
      at("2026-01-05"),
      at("2026-03-03", { trust: 37.5 }),
      // Trust +31.25 (reliable: ≥ 22.3), care −12.5, knowledge +6.25, mutuality +6.25 (tie: knowledge first).
      at("2026-04-01", { trust: 68.75, care: 37.5, knowledge: 56.25, mutuality: 56.25 }),
    ])!;
    expect(whatMoved(summary, TZ).map((m) => m.sentence)).toEqual([
      "Trust rose 31.3 points since 3 Mar 2026 (a reliable improvement)",
      "Care fell 12.5 points since 3 Mar 2026 (within measurement noise)",
      "Knowledge rose 6.3 points since 3 Mar 2026 (within measurement noise)",
    ]);
  });

  it("has nothing to say with one assessment, or when nothing moved, and says why", () => {
    const one = summariseScores([at("2026-01-05")])!;
    expect(whatMoved(one, TZ)).toEqual([]);
    expect(noMovementSentence(one, TZ)).toBe("One assessment so far (5 Jan 2026): changes show after the next one.");
    const same = summariseScores([at("2026-01-05"), at("2026-02-05")])!;
    expect(whatMoved(same, TZ)).toEqual([]);
    expect(noMovementSentence(same, TZ)).toBe("No dimension changed since 5 Jan 2026.");
    expect(noMovementSentence(null, TZ)).toBe("No assessment yet.");
  });
});

describe("sharedStrengthsAndGrowthAreas", () => {
  it("shares a strength only where both are at 70 or more, and an area to grow only where neither is", () => {
    const a = { ...base, care: 90, trust: 75, commitment: 100, knowledge: 20, mutuality: 30, responsiveness: 80 };
    const b = { ...base, care: 70, trust: 95, commitment: 60, knowledge: 35, mutuality: 10, responsiveness: 40 };
    const shared = sharedStrengthsAndGrowthAreas(a, b);
    // Care (lower 70) and trust (lower 75): trust first. Commitment is a strength of one partner only.
    expect(shared.strengths.map((d) => d.key)).toEqual(["trust", "care"]);
    // Neither strong: knowledge (higher 35), mutuality (30), interdependence (50): mutuality, knowledge.
    // Responsiveness (80 for A) is never a shared area to grow.
    expect(shared.growthAreas.map((d) => d.key)).toEqual(["mutuality", "knowledge"]);
    expect(shared.growthAreas[0]).toEqual({ key: "mutuality", label: "Mutuality", a: 30, b: 10 });
  });

  it("is empty when there is nothing shared", () => {
    const high = { ...base, knowledge: 90, interdependence: 90, care: 90, trust: 90, responsiveness: 90, mutuality: 90, commitment: 90 };
    expect(sharedStrengthsAndGrowthAreas(high, base)).toEqual({ strengths: [], growthAreas: [] });
  });
});

describe("largeGaps", () => {
  it("lists the flagged gaps of the pair, largest first", () => {
    const pair = latestCouplePair([at("2026-01-05", { knowledge: 100, trust: 25 })], [at("2026-01-06", { knowledge: 25, trust: 50 })]);
    expect(largeGaps(pair).map((g) => [g.label, g.gap])).toEqual([
      ["Knowledge", 75],
      ["Trust", 25],
    ]);
    expect(largeGaps(null)).toEqual([]);
  });
});

describe("attentionItems", () => {
  const invitation = (status: "pending" | "opened" | "completed" | "expired" | "revoked", created: string) => ({
    status,
    createdAt: new Date(`${created}T09:00:00Z`),
    lastSentAt: new Date(`${created}T09:00:00Z`),
    expiresAt: new Date(new Date(`${created}T09:00:00Z`).getTime() + 14 * 86_400_000),
  });

  it("flags reliable deterioration and each person's latest open or expired link", () => {
    const falling = summariseScores([at("2026-01-05"), at("2026-02-05", { trust: 25 })]);
    const items = attentionItems(
      [
        { name: "Ana", summary: falling, invitations: [invitation("completed", "2026-02-01"), invitation("opened", "2026-05-01")] },
        { name: "Ben", summary: null, invitations: [invitation("expired", "2026-04-01"), invitation("revoked", "2026-03-01")] },
        { name: "Cy", summary: null, invitations: [invitation("completed", "2026-04-01")] },
      ],
      TZ,
    );
    expect(items).toEqual([
      { kind: "deterioration", text: "Ana: reliable deterioration since 5 Jan 2026 in Trust (−25.0)." },
      { kind: "open_link", text: "Ana: assessment link sent 1 May 2026, opened but not finished; it expires 15 May 2026." },
      { kind: "expired_link", text: "Ben: the assessment link expired on 15 Apr 2026 without an answer." },
    ]);
  });

  it("counts a deterioration since the first assessment when the last step was small, one line per baseline", () => {
    // Care 50 → 31.25 → 25: −6.25 since the previous (not reliable), −25 since the first (reliable).
    // Trust and mutuality 50 → 50 → 25: −25 since the previous (reliable).
    const summary = summariseScores([at("2026-01-05"), at("2026-02-05", { care: 31.25 }), at("2026-03-05", { care: 25, trust: 25, mutuality: 25 })]);
    expect(attentionItems([{ name: "Ana", summary, invitations: [] }], TZ)).toEqual([
      { kind: "deterioration", text: "Ana: reliable deterioration since 5 Feb 2026 in Trust (−25.0) and Mutuality (−25.0)." },
      { kind: "deterioration", text: "Ana: reliable deterioration since 5 Jan 2026 in Care (−25.0)." },
    ]);
  });
});

describe("summary text for a progress note", () => {
  it("for one client: scores with bands, what moved, strengths, growth areas, attention", () => {
    const summary = summariseScores([at("2026-01-05"), at("2026-03-03", { trust: 75, commitment: 87.5, mutuality: 25 })]);
    expect(clientSummaryText({ name: "Ana Alder", summary, invitations: [], timeZone: TZ })).toBe(
      [
        "Closeness Inventory: Ana Alder",
        "Latest assessment 3 Mar 2026: overall 55.4.",
        "Scores (0-100): Knowledge 50.0 (developing); Interdependence 50.0 (developing); Care 50.0 (developing); Trust 75.0 (strength); Responsiveness 50.0 (developing); Mutuality 25.0 (growth area); Commitment 87.5 (strength).",
        "What moved: Commitment rose 37.5 points since 5 Jan 2026 (a reliable improvement); Trust rose 25.0 points since 5 Jan 2026 (a reliable improvement); Mutuality fell 25.0 points since 5 Jan 2026 (a reliable deterioration).",
        "Strengths: Commitment 87.5, Trust 75.0.",
        "Growth areas: Mutuality 25.0, Knowledge 50.0.",
        "Needs attention:",
        "- Ana Alder: reliable deterioration since 5 Jan 2026 in Mutuality (−25.0).",
      ].join("\n"),
    );
  });

  it("says so when there are no growth areas, and when there is no assessment", () => {
    const high = summariseScores([at("2026-01-05", { knowledge: 75, interdependence: 75, care: 75, trust: 75, responsiveness: 75, mutuality: 75, commitment: 75 })]);
    expect(clientSummaryText({ name: "Ana", summary: high, invitations: [], timeZone: TZ })).toContain("Growth areas: none; every dimension is 70 or above.");
    expect(clientSummaryText({ name: "Ana", summary: null, invitations: [], timeZone: TZ })).toBe(
      ["Closeness Inventory: Ana", "No assessment completed yet.", "Needs attention: nothing."].join("\n"),
    );
  });

  it("for a couple: both partners, shared strengths and areas to grow, large gaps", () => {
    const ana = [at("2026-03-03", { trust: 75, care: 80, knowledge: 25 })];
    const ben = [at("2026-03-04", { trust: 100, care: 70, knowledge: 50, mutuality: 25 })];
    const text = coupleSummaryText({
      a: { name: "Ana", summary: summariseScores(ana), invitations: [] },
      b: { name: "Ben", summary: summariseScores(ben), invitations: [] },
      pair: latestCouplePair(ana, ben),
      timeZone: TZ,
    });
    expect(text.split("\n")).toEqual([
      "Closeness Inventory: Ana and Ben",
      "Ana: latest 3 Mar 2026, overall 54.3. One assessment so far (3 Mar 2026): changes show after the next one.",
      "Ben: latest 4 Mar 2026, overall 56.4. One assessment so far (4 Mar 2026): changes show after the next one.",
      "Shared strengths: Trust (Ana 75.0 and Ben 100.0), Care (Ana 80.0 and Ben 70.0).",
      // Four dimensions have 50 as the higher score; knowledge and mutuality have the lower mean (37.5).
      "Shared areas to grow: Knowledge (Ana 25.0 and Ben 50.0), Mutuality (Ana 50.0 and Ben 25.0).",
      // Equal gaps keep the table's order.
      "Large gaps (25 points or more; assessments of 3 Mar 2026 and 4 Mar 2026): Knowledge Ana 25.0 vs Ben 50.0, gap 25.0; Trust Ana 75.0 vs Ben 100.0, gap 25.0; Mutuality Ana 50.0 vs Ben 25.0, gap 25.0.",
      "Needs attention: nothing.",
    ]);
  });
});

describe("listInWords", () => {
  it("joins with commas and a final 'and'", () => {
    expect(listInWords([])).toBe("");
    expect(listInWords(["Trust"])).toBe("Trust");
    expect(listInWords(["Trust", "Care", "Mutuality"])).toBe("Trust, Care and Mutuality");
  });
});
