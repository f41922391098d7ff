import { describe, expect, it } from "vitest";
import { CLOSENESS_DIMENSIONS, closenessV1, getInstrument } from "./index";

const def = closenessV1;

// Double negatives make an item hard to answer, especially with "Disagree".
const DOUBLE_NEGATIVES = [/\bnot\s+un/i, /\bnever\b.*\bnot\b/i, /n't\b.*\bnot\b/i, /\bnot\b.*\bn't\b/i, /\bnot\b.*\bnever\b/i, /\bno\b.*\bnot\b/i];
// Disagreeing with a negatively worded item is itself a double negative, so only reverse-keyed
// items may be worded negatively.
const NEGATION = /\b(not|no|never|nothing|nobody|hardly|little)\b|n't\b/i;

describe("closeness v1 definition", () => {
  it("is instrument closeness, version 1", () => {
    expect(def.key).toBe("closeness");
    expect(def.version).toBe(1);
    expect(def.title).toBe("Closeness Inventory");
  });

  it("lists the seven dimensions in DESIGN order", () => {
    expect(def.dimensions.map((dimension) => dimension.key)).toEqual([
      "knowledge",
      "interdependence",
      "care",
      "trust",
      "responsiveness",
      "mutuality",
      "commitment",
    ]);
    expect(CLOSENESS_DIMENSIONS).toEqual(def.dimensions.map((dimension) => dimension.key));
    for (const dimension of def.dimensions) {
      expect(dimension.label).toBe(dimension.key.charAt(0).toUpperCase() + dimension.key.slice(1));
      expect(dimension.description.length).toBeGreaterThan(20);
    }
  });

  it("has 28 items with unique ids k1…k28", () => {
    expect(def.items).toHaveLength(28);
    expect(new Set(def.items.map((item) => item.id)).size).toBe(28);
    expect(def.items.map((item) => item.id)).toEqual(Array.from({ length: 28 }, (_, i) => `k${i + 1}`));
  });

  it("has 4 items per dimension, grouped in dimension order, exactly one reverse-keyed", () => {
    def.dimensions.forEach((dimension, index) => {
      const items = def.items.filter((item) => item.dimension === dimension.key);
      expect(items, dimension.key).toHaveLength(4);
      expect(items.filter((item) => item.reverseKeyed), dimension.key).toHaveLength(1);
      expect(def.items.slice(index * 4, index * 4 + 4)).toEqual(items);
    });
  });

  it("has unique item texts of at most 90 characters, each one sentence", () => {
    expect(new Set(def.items.map((item) => item.text.toLowerCase())).size).toBe(28);
    for (const item of def.items) {
      expect(item.text.length, item.id).toBeLessThanOrEqual(90);
      expect(item.text, item.id).toMatch(/^[A-Z][^.?!]*\.$/);
    }
  });

  it("has no double negatives", () => {
    for (const item of def.items) {
      for (const pattern of DOUBLE_NEGATIVES) expect(item.text, `${item.id}: ${item.text}`).not.toMatch(pattern);
    }
  });

  it("words only the reverse-keyed items negatively", () => {
    for (const item of def.items) {
      if (!item.reverseKeyed) expect(item.text, `${item.id}: ${item.text}`).not.toMatch(NEGATION);
    }
  });

  it("speaks about my partner or we in every item", () => {
    for (const item of def.items) {
      expect(item.text, item.id).toMatch(/\b(my partner|we|us|our)\b|“us”/i);
    }
  });

  it("uses the 1–5 agreement scale", () => {
    expect(def.scale).toEqual([
      { value: 1, label: "Strongly disagree" },
      { value: 2, label: "Disagree" },
      { value: 3, label: "Neither agree nor disagree" },
      { value: 4, label: "Agree" },
      { value: 5, label: "Strongly agree" },
    ]);
    expect(def.scoring.min).toBe(def.scale[0]?.value);
    expect(def.scoring.max).toBe(def.scale.at(-1)?.value);
  });

  it("carries the DESIGN scoring parameters, with provisional RCI parameters for every dimension", () => {
    expect(def.scoring.bands).toEqual({ growthBelow: 40, strengthFrom: 70 });
    expect(def.scoring.strengthsCount).toBe(2);
    expect(def.scoring.coupleGap).toEqual({ windowDays: 14, flagAt: 25 });
    expect(def.scoring.reliableChange.provisional).toBe(true);
    expect(def.scoring.reliableChange.criticalRci).toBe(1.96);
    expect(Object.keys(def.scoring.reliableChange.byDimension).sort()).toEqual([...CLOSENESS_DIMENSIONS].sort());
    for (const key of CLOSENESS_DIMENSIONS) {
      expect(def.scoring.reliableChange.byDimension[key]).toEqual({ sd: 18, r: 0.8 });
    }
  });

  it("gives instructions that cover partner, closest person, no right answers and answering everything", () => {
    expect(def.instructions).toMatch(/your partner/i);
    expect(def.instructions).toMatch(/not in a couple.*person you feel closest to/i);
    expect(def.instructions).toMatch(/no right or wrong answers/i);
    expect(def.instructions).toMatch(/every statement needs an answer/i);
    expect(def.instructions.split("\n\n")).toHaveLength(2);
  });
});

describe("getInstrument", () => {
  it("finds closeness v1", () => {
    expect(getInstrument("closeness", 1)).toBe(closenessV1);
  });

  it("returns undefined for an unknown key or version", () => {
    expect(getInstrument("closeness", 2)).toBeUndefined();
    // Was "phq9" until PHQ-9 v1 was added (issue 14); any key without a definition will do.
    expect(getInstrument("phq2", 1)).toBeUndefined();
    expect(getInstrument("", 1)).toBeUndefined();
  });
});
