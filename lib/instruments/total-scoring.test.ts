import { describe, expect, it } from "vitest";
import { closenessV1 } from "./closeness-v1";
import { csi4V1 } from "./csi4-v1";
import { gad7V1 } from "./gad7-v1";
import { answerItems, isOptionalItem, itemScale } from "./items";
import { phq9V1 } from "./phq9-v1";
import { IncompleteResponseError, InvalidAnswerError, validateAnswers } from "./scoring";
import { criticalAnswers, describeDirection, isClinical, scoreTotal, totalBandOf, totalChange } from "./total-scoring";
import type { TotalInstrument } from "./types";

/** Answers for items `${prefix}_1`…, in order. */
function answers(prefix: string, values: readonly number[], extra: Record<string, number> = {}): Record<string, number> {
  return { ...Object.fromEntries(values.map((value, i) => [`${prefix}_${i + 1}`, value])), ...extra };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("scoreTotal: PHQ-9", () => {
  // Item 9 stays 0 except where the test is about it, so these totals raise no critical answer.
  const cases: [number[], number, string, boolean][] = [
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "Minimal", false],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "Minimal", false], // 1+1+1+1
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "Mild", false], // 1×5
    [[3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "Mild", false], // 3×3
    [[3, 3, 3, 1, 0, 0, 0, 0, 0], 10, "Moderate", true], // 9+1: at the cut-off
    [[3, 3, 3, 3, 2, 0, 0, 0, 0], 14, "Moderate", true], // 12+2
    [[3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "Moderately severe", true], // 3×5
    [[3, 3, 3, 3, 3, 3, 1, 0, 0], 19, "Moderately severe", true], // 18+1
    [[3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "Severe", true], // 18+2
    [[3, 3, 3, 3, 3, 3, 3, 3, 0], 24, "Severe", true], // 3×8
  ];

  it.each(cases)("%j totals %i, %s, clinical %s", (values, total, band, clinical) => {
    const score = scoreTotal(phq9V1, answers("phq9", values));
    expect(score.total).toBe(total);
    expect(score.band.label).toBe(band);
    expect(score.clinical).toBe(clinical);
    expect(score.critical).toEqual([]);
  });

  it("scores the maximum, 27, as Severe with item 9 critical", () => {
    const score = scoreTotal(phq9V1, answers("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 3]));
    expect(score).toMatchObject({ total: 27, clinical: true, critical: ["phq9_9"] });
    expect(score.band).toMatchObject({ from: 20, to: 27, label: "Severe", severity: 4 });
  });

  it("leaves the difficulty question out of the total", () => {
    const base = answers("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0]); // 8
    expect(scoreTotal(phq9V1, { ...base, phq9_difficulty: 3 }).total).toBe(8);
    expect(scoreTotal(phq9V1, { ...base, phq9_difficulty: 0 }).total).toBe(8);
    expect(scoreTotal(phq9V1, base).total).toBe(8);
  });

  it("refuses a difficulty answer off its scale, though the question is optional", () => {
    const error = caught(() => scoreTotal(phq9V1, answers("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0], { phq9_difficulty: 4 })));
    expect(error).toBeInstanceOf(InvalidAnswerError);
    expect((error as InvalidAnswerError).invalid).toEqual(["phq9_difficulty"]);
  });

  it("item 9 at 0 is not critical; at 1, 2 or 3 it is", () => {
    const rest = [0, 0, 0, 0, 0, 0, 0, 0];
    expect(scoreTotal(phq9V1, answers("phq9", [...rest, 0])).critical).toEqual([]);
    for (const value of [1, 2, 3]) {
      expect(scoreTotal(phq9V1, answers("phq9", [...rest, value])).critical).toEqual(["phq9_9"]);
    }
  });

  it("raises item 9 even with a total in the Minimal band", () => {
    const score = scoreTotal(phq9V1, answers("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])); // 1
    expect(score).toMatchObject({ total: 1, clinical: false, critical: ["phq9_9"] });
    expect(score.band.label).toBe("Minimal");
  });

  it("lists missing required items, not the optional one", () => {
    const partial = answers("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    delete partial.phq9_3;
    delete partial.phq9_9;
    const error = caught(() => scoreTotal(phq9V1, partial));
    expect(error).toBeInstanceOf(IncompleteResponseError);
    expect((error as IncompleteResponseError).missing).toEqual(["phq9_3", "phq9_9"]);
  });

  it("refuses answers off the scale and keys of other instruments, before reporting missing ones", () => {
    for (const bad of [4, -1, 1.5, Number.NaN]) {
      const error = caught(() => scoreTotal(phq9V1, { phq9_1: bad }));
      expect(error).toBeInstanceOf(InvalidAnswerError);
      expect((error as InvalidAnswerError).invalid).toEqual(["phq9_1"]);
    }
    const error = caught(() => scoreTotal(phq9V1, answers("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0], { gad7_1: 0 })));
    expect((error as InvalidAnswerError).invalid).toEqual(["gad7_1"]);
  });

  it("rejects a numeric string: scoring takes numbers, validateAnswers parses forms", () => {
    const values = { ...answers("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0]), phq9_2: "1" } as unknown as Record<string, number>;
    expect(() => scoreTotal(phq9V1, values)).toThrow(InvalidAnswerError);
  });
});

describe("scoreTotal: GAD-7", () => {
  const cases: [number[], number, string, boolean][] = [
    [[0, 0, 0, 0, 0, 0, 0], 0, "Minimal", false],
    [[1, 1, 1, 1, 0, 0, 0], 4, "Minimal", false], // 1×4
    [[1, 1, 1, 1, 1, 0, 0], 5, "Mild", false], // 1×5
    [[3, 3, 3, 0, 0, 0, 0], 9, "Mild", false], // 3×3
    [[3, 3, 3, 1, 0, 0, 0], 10, "Moderate", true], // 9+1: at the cut-off
    [[3, 3, 3, 3, 2, 0, 0], 14, "Moderate", true], // 12+2
    [[3, 3, 3, 3, 3, 0, 0], 15, "Severe", true], // 3×5
    [[3, 3, 3, 3, 3, 3, 3], 21, "Severe", true], // 3×7, the maximum
  ];

  it.each(cases)("%j totals %i, %s, clinical %s", (values, total, band, clinical) => {
    const score = scoreTotal(gad7V1, answers("gad7", values));
    expect(score).toMatchObject({ total, clinical, critical: [] });
    expect(score.band.label).toBe(band);
  });

  it("leaves its difficulty question out of the total and lets it be skipped", () => {
    const base = answers("gad7", [2, 2, 2, 2, 2, 2, 2]); // 14
    expect(scoreTotal(gad7V1, { ...base, gad7_difficulty: 3 }).total).toBe(14);
    expect(scoreTotal(gad7V1, base).total).toBe(14);
    expect(() => scoreTotal(gad7V1, { ...base, gad7_difficulty: 4 })).toThrow(InvalidAnswerError);
  });
});

describe("scoreTotal: CSI-4", () => {
  const cases: [number[], number, string, boolean][] = [
    [[0, 0, 0, 0], 0, "Notable dissatisfaction", true],
    [[3, 4, 3, 3], 13, "Notable dissatisfaction", true], // 3+4+3+3: below 13.5
    [[3, 4, 4, 3], 14, "No notable dissatisfaction", false], // 3+4+4+3
    [[6, 5, 5, 5], 21, "No notable dissatisfaction", false], // 6+5+5+5, the maximum
  ];

  it.each(cases)("%j totals %i, %s, clinical %s", (values, total, band, clinical) => {
    const score = scoreTotal(csi4V1, answers("csi4", values));
    expect(score).toMatchObject({ total, clinical, critical: [] });
    expect(score.band.label).toBe(band);
  });

  it("takes 0–6 on item 1 and only 0–5 on items 2–4", () => {
    expect(scoreTotal(csi4V1, answers("csi4", [6, 0, 0, 0])).total).toBe(6);
    for (const item of ["csi4_2", "csi4_3", "csi4_4"]) {
      const error = caught(() => scoreTotal(csi4V1, { ...answers("csi4", [0, 0, 0, 0]), [item]: 6 }));
      expect(error).toBeInstanceOf(InvalidAnswerError);
      expect((error as InvalidAnswerError).invalid).toEqual([item]);
    }
    expect(() => scoreTotal(csi4V1, answers("csi4", [7, 0, 0, 0]))).toThrow(InvalidAnswerError);
  });

  it("requires every item", () => {
    const error = caught(() => scoreTotal(csi4V1, { csi4_1: 3, csi4_3: 2 }));
    expect((error as IncompleteResponseError).missing).toEqual(["csi4_2", "csi4_4"]);
  });
});

describe("totalBandOf and isClinical", () => {
  it("refuses a total outside min..max", () => {
    expect(() => totalBandOf(phq9V1, -1)).toThrow(RangeError);
    expect(() => totalBandOf(phq9V1, 28)).toThrow(RangeError);
    expect(() => totalBandOf(csi4V1, 22)).toThrow(RangeError);
    expect(() => totalBandOf(gad7V1, Number.NaN)).toThrow(RangeError);
  });

  it("reads the cut-off by direction: at or above when higher is worse, below when higher is better", () => {
    expect([9, 10].map((total) => isClinical(phq9V1, total))).toEqual([false, true]);
    expect([9, 10].map((total) => isClinical(gad7V1, total))).toEqual([false, true]);
    expect([13, 13.5, 14].map((total) => isClinical(csi4V1, total))).toEqual([true, false, false]);
  });
});

describe("totalChange", () => {
  it("PHQ-9 (higher is worse): a fall of 6 improves, a rise of 6 deteriorates, 5 either way is no change", () => {
    expect(totalChange(phq9V1, 15, 9)).toEqual({ change: -6, status: "improved" });
    expect(totalChange(phq9V1, 15, 10)).toEqual({ change: -5, status: "no_change" });
    expect(totalChange(phq9V1, 9, 15)).toEqual({ change: 6, status: "deteriorated" });
    expect(totalChange(phq9V1, 10, 15)).toEqual({ change: 5, status: "no_change" });
    expect(totalChange(phq9V1, 12, 12)).toEqual({ change: 0, status: "no_change" });
  });

  it("GAD-7 (higher is worse): 4 points either way is reliable, 3 is not", () => {
    expect(totalChange(gad7V1, 12, 8).status).toBe("improved");
    expect(totalChange(gad7V1, 8, 12).status).toBe("deteriorated");
    expect(totalChange(gad7V1, 8, 11).status).toBe("no_change");
    expect(totalChange(gad7V1, 11, 8).status).toBe("no_change");
  });

  it("CSI-4 (higher is better): a rise of 4 improves, a fall of 4 deteriorates, 3 either way is no change", () => {
    expect(totalChange(csi4V1, 10, 14)).toEqual({ change: 4, status: "improved" });
    expect(totalChange(csi4V1, 10, 13)).toEqual({ change: 3, status: "no_change" });
    expect(totalChange(csi4V1, 14, 10)).toEqual({ change: -4, status: "deteriorated" });
    expect(totalChange(csi4V1, 14, 11)).toEqual({ change: -3, status: "no_change" });
  });
});

describe("criticalAnswers", () => {
  it("reads partial answers: unanswered is not critical", () => {
    expect(criticalAnswers(phq9V1, {})).toEqual([]);
    expect(criticalAnswers(phq9V1, { phq9_9: undefined })).toEqual([]);
    expect(criticalAnswers(phq9V1, { phq9_9: 2 })).toEqual(["phq9_9"]);
    expect(criticalAnswers(phq9V1, { phq9_1: 3, phq9_9: 0 })).toEqual([]);
  });

  it("finds none on instruments without critical items", () => {
    expect(criticalAnswers(gad7V1, answers("gad7", [3, 3, 3, 3, 3, 3, 3]))).toEqual([]);
    expect(criticalAnswers(csi4V1, answers("csi4", [0, 0, 0, 0]))).toEqual([]);
  });
});

describe("describeDirection", () => {
  it("says which way is good", () => {
    expect(describeDirection(phq9V1)).toBe("Higher is worse");
    expect(describeDirection(gad7V1)).toBe("Higher is worse");
    expect(describeDirection(csi4V1)).toBe("Higher is better");
    expect(describeDirection(closenessV1)).toBe("Higher is better");
  });
});

describe("validateAnswers on total instruments", () => {
  it("parses form strings against each item's own scale", () => {
    const result = validateAnswers(csi4V1, { csi4_1: "6", csi4_2: "5", csi4_3: " 0 ", csi4_4: 2 });
    expect(result).toEqual({ answers: { csi4_1: 6, csi4_2: 5, csi4_3: 0, csi4_4: 2 }, missing: [], invalid: [] });
    expect(validateAnswers(csi4V1, { csi4_1: "6", csi4_2: "6", csi4_3: "5", csi4_4: "5" }).invalid).toEqual(["csi4_2"]);
  });

  it("treats a blank difficulty question as neither missing nor answered", () => {
    const raw = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, "1"]));
    for (const blank of [{}, { phq9_difficulty: "" }, { phq9_difficulty: null }]) {
      const result = validateAnswers(phq9V1, { ...raw, ...blank });
      expect(result.missing).toEqual([]);
      expect(result.invalid).toEqual([]);
      expect(Object.keys(result.answers)).toHaveLength(9);
      expect(result.answers).not.toHaveProperty("phq9_difficulty");
    }
    expect(validateAnswers(phq9V1, { ...raw, phq9_difficulty: "2" }).answers.phq9_difficulty).toBe(2);
    expect(validateAnswers(phq9V1, { ...raw, phq9_difficulty: "4" }).invalid).toEqual(["phq9_difficulty"]);
  });

  it("reports required items left blank, and ignores other instruments' answers in a shared draft", () => {
    const result = validateAnswers(gad7V1, { gad7_1: "3", gad7_2: "", k1: "5", phq9_1: "2", csi4_1: "6" });
    expect(result.answers).toEqual({ gad7_1: 3 });
    expect(result.missing).toEqual(["gad7_2", "gad7_3", "gad7_4", "gad7_5", "gad7_6", "gad7_7"]);
    expect(result.invalid).toEqual([]);
  });
});

describe("answerItems, itemScale and isOptionalItem", () => {
  it("gives the PHQ-9's nine frequency items and its optional difficulty question with its own scale", () => {
    const items = answerItems(phq9V1);
    expect(items.map((item) => item.id)).toEqual([...Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}`), "phq9_difficulty"]);
    for (const item of items.slice(0, 9)) {
      expect(item.required).toBe(true);
      expect(item.scale.map((option) => option.label)).toEqual([
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
      ]);
      expect(item).not.toHaveProperty("prompt");
    }
    const difficulty = items[9]!;
    expect(difficulty.required).toBe(false);
    expect(difficulty.prompt).toBeTruthy();
    expect(difficulty.scale.map((option) => [option.value, option.label])).toEqual([
      [0, "Not difficult at all"],
      [1, "Somewhat difficult"],
      [2, "Very difficult"],
      [3, "Extremely difficult"],
    ]);
  });

  it("gives CSI-4 item 1 seven points and items 2–4 six", () => {
    expect(answerItems(csi4V1).map((item) => item.scale.map((option) => option.value))).toEqual([
      [0, 1, 2, 3, 4, 5, 6],
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5],
    ]);
  });

  it("gives the Closeness Inventory's 28 items, all required, on its one scale", () => {
    const items = answerItems(closenessV1);
    expect(items).toHaveLength(28);
    expect(items.every((item) => item.required && item.scale === closenessV1.scale)).toBe(true);
    expect(itemScale(closenessV1, closenessV1.items[0]!)).toBe(closenessV1.scale);
  });

  it("marks only unscored items optional", () => {
    const all: TotalInstrument[] = [phq9V1, gad7V1, csi4V1];
    const optional = all.flatMap((def) => def.items.filter(isOptionalItem).map((item) => item.id));
    expect(optional).toEqual(["phq9_difficulty", "gad7_difficulty"]);
    expect(closenessV1.items.some(isOptionalItem)).toBe(false);
  });
});
