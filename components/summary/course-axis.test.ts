import { describe, expect, it } from "vitest";
import { changeTicks } from "./course-axis";

describe("the course chart's change axis", () => {
  it("labels round figures through 0, at most six", () => {
    // −75 … +17.9: steps of 5 would need 20 labels, of 10 eleven, of 20 six (−80 … +20).
    expect(changeTicks([-75, 17.9])).toEqual([-80, -60, -40, -20, 0, 20]);
    // −7.1 … +17.9: steps of 5 would need seven labels; of 10, four.
    expect(changeTicks([-7.1, 17.9])).toEqual([-10, 0, 10, 20]);
    // Nothing but 0 (a first assessment alone): a scale either side, never an axis of no height.
    expect(changeTicks([0])).toEqual([-10, 0, 10]);
  });
});
