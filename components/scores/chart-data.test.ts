import { describe, expect, it } from "vitest";
import type { ScoredAssessment } from "@/lib/scores/score-summary";
import { chooseTrendDimension } from "./chart-data";

const flat = { knowledge: 50, interdependence: 50, care: 50, trust: 50, responsiveness: 50, mutuality: 50, commitment: 50 };
const at = (id: string, dimensions: ScoredAssessment["dimensions"]): ScoredAssessment => ({ id, completedAt: `${id}T10:00:00.000Z`, overall: 50, dimensions });

describe("chooseTrendDimension", () => {
  const list = [at("2026-01-05", flat), at("2026-02-02", { ...flat, trust: 12.5 })];

  it("takes the dimension named in the URL", () => {
    expect(chooseTrendDimension("care", list)).toBe("care");
  });

  it("falls back to the one that moved most for a missing, repeated or unknown value", () => {
    expect(chooseTrendDimension(undefined, list)).toBe("trust");
    expect(chooseTrendDimension(["care", "trust"], list)).toBe("trust");
    expect(chooseTrendDimension("overall", list)).toBe("trust");
    expect(chooseTrendDimension("Trust", list)).toBe("trust");
  });
});
