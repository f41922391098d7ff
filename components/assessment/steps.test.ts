import { describe, expect, it } from "vitest";
import { closenessV1 } from "@/lib/instruments";
import { firstIncompleteStep, listNumbers, parseStep, questionSteps, stepOfItem, unansweredIn } from "./steps";

describe("questionnaire steps", () => {
  const steps = questionSteps(closenessV1);

  it("splits closeness v1 into 7 parts of 4 items, in order", () => {
    expect(steps.map((items) => items.length)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(steps.flat().map((item) => item.id)).toEqual(closenessV1.items.map((item) => item.id));
  });

  it("finds the part to resume at and the part of an item", () => {
    expect(firstIncompleteStep(steps, {})).toBe(1);
    const answered = Object.fromEntries(closenessV1.items.slice(0, 9).map((item) => [item.id, 3]));
    expect(firstIncompleteStep(steps, answered)).toBe(3);
    expect(firstIncompleteStep(steps, Object.fromEntries(closenessV1.items.map((item) => [item.id, 3])))).toBeNull();
    expect(stepOfItem(steps, "k13")).toBe(4);
    expect(stepOfItem(steps, "k28")).toBe(7);
  });

  it("reads ?step= strictly", () => {
    expect(parseStep("3", 7)).toBe(3);
    expect(parseStep("review", 7)).toBe("review");
    for (const bad of [undefined, "", "0", "8", "-1", "1.5", "03x", ["2"], "999"]) expect(parseStep(bad, 7)).toBeNull();
  });

  it("finds a part's unanswered statements and names them in a sentence", () => {
    const part = steps[1]!;
    expect(unansweredIn(part, {})).toEqual(part);
    expect(unansweredIn(part, { [part[0]!.id]: 3, [part[2]!.id]: 1 }).map((item) => item.id)).toEqual([part[1]!.id, part[3]!.id]);
    expect(unansweredIn(part, Object.fromEntries(part.map((item) => [item.id, "4"])))).toEqual([]);
    expect(listNumbers([])).toBe("");
    expect(listNumbers([6])).toBe("6");
    expect(listNumbers([5, 7])).toBe("5 and 7");
    expect(listNumbers([5, 6, 8])).toBe("5, 6 and 8");
  });
});
