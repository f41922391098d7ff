import { describe, expect, it } from "vitest";
import { closenessV1, csi4V1, gad7V1, phq9V1 } from "@/lib/instruments";
import {
  countAnswered,
  decideSubmit,
  primaryButton,
  firstIncompleteStep,
  listNumbers,
  minutesFor,
  missingByInstrument,
  parseStep,
  requiredItems,
  sittingInstruments,
  sittingParts,
  splitTitle,
  stepOfItem,
  unansweredIn,
} from "./steps";

const all = (ids: readonly { id: string }[], value = 1) => Object.fromEntries(ids.map((item) => [item.id, value]));

describe("questionnaire steps", () => {
  const steps = sittingParts([closenessV1]);

  it("splits closeness v1 into 7 parts of 4 items, in order, numbered 1–28, on its one scale", () => {
    expect(steps.map((part) => part.items.length)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(steps.flatMap((part) => part.items.map((item) => item.id))).toEqual(closenessV1.items.map((item) => item.id));
    expect(steps.flatMap((part) => part.items.map((item) => item.number))).toEqual(closenessV1.items.map((_, index) => index + 1));
    expect(steps.every((part) => part.instrument === 0 && part.items.every((item) => item.scale === closenessV1.scale && item.required))).toBe(true);
  });

  it("finds the part to resume at and the part of an item", () => {
    expect(firstIncompleteStep(steps, {})).toBe(1);
    const answered = Object.fromEntries(closenessV1.items.slice(0, 9).map((item) => [item.id, 3]));
    expect(firstIncompleteStep(steps, answered)).toBe(3);
    expect(firstIncompleteStep(steps, all(closenessV1.items, 3))).toBeNull();
    expect(stepOfItem(steps, "k13")).toBe(4);
    expect(stepOfItem(steps, "k28")).toBe(7);
  });

  it("reads ?step= strictly", () => {
    expect(parseStep("3", 7)).toBe(3);
    expect(parseStep("review", 7)).toBe("review");
    for (const bad of [undefined, "", "0", "8", "-1", "1.5", "03x", ["2"], "999"]) expect(parseStep(bad, 7)).toBeNull();
  });

  it("finds a part's unanswered statements and names them in a sentence", () => {
    const part = steps[1]!.items;
    expect(unansweredIn(part, {})).toEqual(part);
    expect(unansweredIn(part, { [part[0]!.id]: 3, [part[2]!.id]: 1 }).map((item) => item.id)).toEqual([part[1]!.id, part[3]!.id]);
    expect(unansweredIn(part, Object.fromEntries(part.map((item) => [item.id, "4"])))).toEqual([]);
    expect(listNumbers([])).toBe("");
    expect(listNumbers([6])).toBe("6");
    expect(listNumbers([5, 7])).toBe("5 and 7");
    expect(listNumbers([5, 6, 8])).toBe("5, 6 and 8");
  });
});

describe("a sitting of several instruments", () => {
  const instruments = [closenessV1, phq9V1, gad7V1, csi4V1];
  const steps = sittingParts(instruments);

  it("gives the closeness parts first, then one part per total instrument, in the link's order", () => {
    expect(steps.map((part) => part.instrument)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    expect(steps.map((part) => part.items.length)).toEqual([4, 4, 4, 4, 4, 4, 4, 10, 8, 4]);
    expect(sittingParts([csi4V1, phq9V1]).map((part) => part.instrument)).toEqual([0, 1]);
  });

  it("gives each item its own scale: four choices on PHQ-9, seven on CSI-4 item 1, six on the rest", () => {
    const phq9 = steps[7]!.items;
    expect(phq9.slice(0, 9).every((item) => item.scale.length === 4)).toBe(true);
    expect(steps[9]!.items.map((item) => item.scale.length)).toEqual([7, 6, 6, 6]);
  });

  it("numbers items within their instrument and leaves the optional difficulty question unnumbered and unflagged", () => {
    const phq9 = steps[7]!.items;
    expect(phq9.map((item) => item.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, null]);
    const difficulty = phq9.at(-1)!;
    expect(difficulty).toMatchObject({ id: "phq9_difficulty", required: false });
    expect(difficulty.prompt).toBeTruthy();
    expect(steps[8]!.items.at(-1)).toMatchObject({ id: "gad7_difficulty", required: false, number: null });
    // Everything but the difficulty question answered: nothing is missing in the part.
    expect(unansweredIn(phq9, all(phq9.slice(0, 9)))).toEqual([]);
  });

  it("counts progress in required statements across all instruments", () => {
    expect(requiredItems(steps)).toHaveLength(28 + 9 + 7 + 4);
    expect(countAnswered(steps, {})).toBe(0);
    // The optional question adds nothing; keys of no item add nothing.
    expect(countAnswered(steps, { phq9_difficulty: 2, gad7_1: 1, k1: 5, nope: 1 })).toBe(2);
    expect(countAnswered(steps, all(requiredItems(steps)))).toBe(48);
  });

  it("resumes at the first part with a required gap, and is complete without the optional questions", () => {
    const closeness = all(closenessV1.items, 3);
    expect(firstIncompleteStep(steps, closeness)).toBe(8);
    expect(firstIncompleteStep(steps, { ...closeness, ...all(phq9V1.items.slice(0, 9), 0) })).toBe(9);
    expect(firstIncompleteStep(steps, all(requiredItems(steps), 1))).toBeNull();
  });

  it("lists what is missing per instrument, with the part each item is in", () => {
    const answers = { ...all(closenessV1.items.filter((item) => item.id !== "k13"), 3), ...all(phq9V1.items.slice(0, 8), 0), ...all(csi4V1.items, 2) };
    const missing = missingByInstrument(steps, answers);
    expect(missing.map((group) => group.instrument)).toEqual([0, 1, 2]);
    expect(missing[0]!.items.map((item) => [item.id, item.number, item.step])).toEqual([["k13", 13, 4]]);
    expect(missing[1]!.items.map((item) => [item.id, item.number, item.step])).toEqual([["phq9_9", 9, 8]]);
    expect(missing[2]!.items.map((item) => item.id)).toEqual(["gad7_1", "gad7_2", "gad7_3", "gad7_4", "gad7_5", "gad7_6", "gad7_7"]);
    expect(missingByInstrument(steps, all(requiredItems(steps)))).toEqual([]);
  });

  it("describes each instrument for its parts: title, attribution, the question its items answer", () => {
    const [closeness, phq9, , csi4] = sittingInstruments(instruments);
    expect(closeness).toMatchObject({ title: closenessV1.title, attribution: null, noun: "statement", stem: "How much do you agree with each statement?" });
    expect(closeness!.instructions).toHaveLength(2);
    expect(phq9).toMatchObject({ title: phq9V1.title, attribution: phq9V1.attribution, noun: "question", stem: phq9V1.instructions, instructions: [] });
    expect(csi4!.attribution).toContain("Funk");
  });

  it("estimates the time: 28 statements 5 to 10 minutes, never less than two", () => {
    expect(minutesFor(28)).toEqual({ from: 5, to: 10 });
    expect(minutesFor(4)).toEqual({ from: 2, to: 4 });
    expect(minutesFor(48)).toEqual({ from: 9, to: 17 });
  });
});

describe("words for the sitting", () => {
  it("keeps a bracketed short title together", () => {
    expect(splitTitle("Couples Satisfaction Index (CSI-4)")).toEqual({ name: "Couples Satisfaction Index", short: "(CSI-4)" });
    expect(splitTitle("Closeness Inventory")).toEqual({ name: "Closeness Inventory", short: null });
  });
});

describe("decideSubmit", () => {
  const base = { step: 2, total: 7, gaps: 0, flagged: false };

  it("flags a part's gaps once when moving on or sending, then lets the client go on", () => {
    expect(decideSubmit({ ...base, intent: "next", gaps: 2 })).toEqual({ kind: "flag" });
    expect(decideSubmit({ ...base, intent: "submit", step: 7, gaps: 1 })).toEqual({ kind: "flag" });
    expect(decideSubmit({ ...base, intent: "next", gaps: 2, flagged: true })).toEqual({ kind: "go", step: 3 });
    expect(decideSubmit({ ...base, intent: "submit", step: 7, gaps: 1, flagged: true })).toEqual({ kind: "server" });
  });

  it("switches parts in the browser for next and back, and leaves the ends to the server", () => {
    expect(decideSubmit({ ...base, intent: "next" })).toEqual({ kind: "go", step: 3 });
    expect(decideSubmit({ ...base, intent: "back" })).toEqual({ kind: "go", step: 1 });
    // Back from the first part is the introduction, a server page; gaps never hold anyone back.
    expect(decideSubmit({ ...base, intent: "back", step: 1, gaps: 3 })).toEqual({ kind: "server" });
    expect(decideSubmit({ ...base, intent: "next", step: 7 })).toEqual({ kind: "server" });
    expect(decideSubmit({ ...base, intent: "review", gaps: 4 })).toEqual({ kind: "server" });
  });
});

describe("primaryButton", () => {
  it("goes back to the review when reached from it, else on, and sends from the last part", () => {
    expect(primaryButton(true, false)).toEqual({ intent: "review", label: "Save and go to sending" });
    expect(primaryButton(false, false)).toEqual({ intent: "next", label: "Save and continue" });
    expect(primaryButton(false, true)).toEqual({ intent: "submit", label: "Send my answers" });
  });
});
