import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/catalogues";
import { closenessV1 } from "@/lib/instruments";
import { BAND_WORDS, CLIENT_WORDS, NOT_A_DIAGNOSIS } from "@/lib/instruments/vocabulary";
import { allTranslations } from "@/lib/instruments/translations";
import type { ScoredAssessment } from "@/lib/scores/score-summary";
import { buildResultsView } from "./results-view";
import { resultsViewIn } from "./results-words";

type Report = { notADiagnosis: string; bands: Record<string, { name: string; range: string; forClient: string }>; dimensions: Record<string, { label: string; meaning: string; strength: string; grow: string }> };
const report = (locale: string) => messagesFor(locale).report as unknown as Report;

const scored = (id: string, completedAt: string, d: number[]): ScoredAssessment => {
  const [knowledge, interdependence, care, trust, responsiveness, mutuality, commitment] = d as [number, number, number, number, number, number, number];
  return { id, completedAt, overall: d.reduce((a, b) => a + b, 0) / 7, dimensions: { knowledge, interdependence, care, trust, responsiveness, mutuality, commitment } };
};

describe("a client's results in their language", () => {
  it("says in English exactly what the one vocabulary says (lib/instruments/vocabulary.ts)", () => {
    const en = report("en");
    expect(en.notADiagnosis).toBe(NOT_A_DIAGNOSIS);
    for (const [band, words] of Object.entries(BAND_WORDS)) expect(en.bands[band]).toEqual(words);
    for (const dimension of closenessV1.dimensions) {
      expect(en.dimensions[dimension.key]).toEqual({ label: dimension.label, ...CLIENT_WORDS[dimension.key] });
    }
  });

  it("names each dimension in Spanish as the Spanish questionnaire does", () => {
    const translation = allTranslations().get("closeness-v1.es")!;
    for (const dimension of closenessV1.dimensions) expect(report("es").dimensions[dimension.key]!.label).toBe(translation.dimensions![dimension.key]);
  });

  it("re-words the view, never its numbers, bands or choices; English is left as it is", () => {
    const own = [scored("a", "2026-01-01T10:00:00Z", [50, 50, 50, 50, 50, 50, 50]), scored("b", "2026-03-01T10:00:00Z", [75, 56.25, 50, 25, 50, 50, 50])];
    const view = buildResultsView({ practiceName: "P", clinicianName: "C", timeZone: "Europe/London", own, couple: { inCouple: false } })!;
    expect(resultsViewIn(view, "en")).toBe(view);
    const es = resultsViewIn(view, "es");
    expect(es.own.dimensions.map((d) => [d.key, d.score, d.bandKey])).toEqual(view.own.dimensions.map((d) => [d.key, d.score, d.bandKey]));
    expect(es.own.strengths.map((s) => s.key)).toEqual(view.own.strengths.map((s) => s.key));
    const knowledge = es.own.dimensions.find((d) => d.key === "knowledge")!;
    expect(knowledge).toMatchObject({ label: "Conocimiento", level: "Fortaleza", levelWords: "Un punto fuerte para usted en este momento." });
    expect(knowledge.sinceFirst!.words).toBe("25,0 puntos más que en su primer cuestionario: un cambio claro");
    expect(es.own.dimensions.find((d) => d.key === "interdependence")!.sinceFirst!.words).toBe("6,3 puntos más que en su primer cuestionario");
  });
});
