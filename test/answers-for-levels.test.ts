import { describe, expect, it } from "vitest";
import { closenessV1, scoreResponse } from "@/lib/instruments";
import { answersForLevels } from "./answers-for-levels";

describe("answersForLevels", () => {
  it("answers every item, with the fallback level where none is asked for", () => {
    const answers = answersForLevels();
    expect(Object.keys(answers).sort()).toEqual(closenessV1.items.map((item) => item.id).sort());
    // Level 3 is the middle of the scale: (3 − 1) / 4 × 100 = 50 for every dimension.
    const scores = scoreResponse(closenessV1, answers);
    for (const dimension of closenessV1.dimensions) expect(scores.dimensions[dimension.key]).toBe(50);
    expect(scores.overall).toBe(50);
  });

  it("scores each dimension (level − 1) × 25, mirroring the reverse-keyed item", () => {
    const answers = answersForLevels({ trust: 1, care: 5 }, 4);
    const scores = scoreResponse(closenessV1, answers);
    expect(scores.dimensions.trust).toBe(0);
    expect(scores.dimensions.care).toBe(100);
    expect(scores.dimensions.knowledge).toBe(75);
    // Five dimensions at 75, one at 0, one at 100: 475 / 7.
    expect(scores.overall).toBeCloseTo(475 / 7, 10);
    const reversedTrust = closenessV1.items.find((item) => item.dimension === "trust" && item.reverseKeyed)!;
    expect(answers[reversedTrust.id]).toBe(5);
  });
});
