import { describe, expect, it } from "vitest";
import type { ScoredAssessment } from "@/lib/scores/score-summary";
import { buildResultsView, profileView } from "./results-view";

const scored = (id: string, completedAt: string, d: number[]): ScoredAssessment => {
  const [knowledge, interdependence, care, trust, responsiveness, mutuality, commitment] = d as [number, number, number, number, number, number, number];
  const dimensions = { knowledge, interdependence, care, trust, responsiveness, mutuality, commitment };
  return { id, completedAt, overall: d.reduce((a, b) => a + b, 0) / 7, dimensions };
};

const context = { practiceName: "P", clinicianName: "C", timeZone: "Europe/London" };

describe("a client's profile in client words", () => {
  it("never names a dimension both a strength and an area to grow", () => {
    // Every score at 50: strengths are knowledge and interdependence (ties in table order); the
    // growth areas are the next two below 70, for the client as for the clinician.
    const view = profileView([scored("a", "2026-03-01T10:00:00Z", [50, 50, 50, 50, 50, 50, 50])])!;
    expect(view.strengths.map((s) => s.key)).toEqual(["knowledge", "interdependence"]);
    expect(view.growthAreas.map((s) => s.key)).toEqual(["care", "trust"]);
    // With every part at 70 or more there is none, and the page says so.
    expect(profileView([scored("b", "2026-03-01T10:00:00Z", [90, 80, 75, 70, 70, 70, 70])])!.growthAreas).toEqual([]);
    expect(view.dimensions.every((d) => d.sinceFirst === null)).toBe(true);
    // The band has the clinician's name, with gentler words beside it.
    expect(view.dimensions[0]).toMatchObject({ level: "Developing", levelWords: "A good base, with room to deepen." });
  });

  it("says how each part moved since the first questionnaire, rounded as shown, with a clear change named", () => {
    const view = profileView([
      scored("a", "2026-01-01T10:00:00Z", [50, 50, 50, 50, 50, 50, 50]),
      scored("b", "2026-02-01T10:00:00Z", [0, 0, 0, 0, 0, 0, 0]),
      scored("c", "2026-03-01T10:00:00Z", [75, 56.25, 50, 25, 50, 50, 50]),
    ])!;
    const words = Object.fromEntries(view.dimensions.map((d) => [d.key, d.sinceFirst!.words]));
    expect(words.knowledge).toBe("Up 25.0 points since your first questionnaire — a clear change");
    expect(words.interdependence).toBe("Up 6.3 points since your first questionnaire");
    expect(words.care).toBe("The same as at your first questionnaire");
    expect(words.trust).toBe("Down 25.0 points since your first questionnaire — a clear change");
    expect(view.firstAt).toBe("2026-01-01T10:00:00Z");
  });

  it("has nothing to show without a questionnaire", () => {
    expect(buildResultsView({ ...context, own: [], couple: { inCouple: false } })).toBeNull();
  });

  it("opens the couple view only with both consents, both shared and nothing withheld", () => {
    const own = [scored("a", "2026-03-01T10:00:00Z", [50, 50, 50, 50, 50, 50, 50])];
    const partnerAssessments = [scored("b", "2026-03-02T10:00:00Z", [50, 50, 50, 100, 50, 50, 50])];
    const state = { inCouple: true as const, withheld: false, bothShared: true, ownConsent: true, partnerConsent: true, partnerAssessments };
    const kind = (changes: Partial<typeof state>) => buildResultsView({ ...context, own, couple: { ...state, ...changes } })!.couple.kind;
    expect(kind({})).toBe("shared");
    expect(kind({ ownConsent: false })).toBe("waiting");
    expect(kind({ partnerConsent: false })).toBe("waiting");
    expect(kind({ withheld: true })).toBe("unavailable");
    expect(kind({ bothShared: false })).toBe("unavailable");
    const shared = buildResultsView({ ...context, own, couple: state })!.couple;
    if (shared.kind !== "shared") throw new Error("expected the couple view");
    expect(shared.differences).toEqual([
      { key: "trust", label: "Trust", gap: 50, words: "You see trust differently: your scores are 50.0 points apart. That is worth talking through together." },
    ]);
  });
});
