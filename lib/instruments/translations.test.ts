import { describe, expect, it } from "vitest";
import { listLocales } from "@/lib/i18n/catalogues";
import { INSTRUMENTS, closenessV1, csi4V1, gad7V1, getInstrument, phq9V1, scoreResponse, scoreTotal, type AnyInstrument } from "@/lib/instruments";
import { missingInTranslation } from "./translate";
import { allTranslations, instrumentIn, isOfferedIn } from "./translations";

describe("instrument translations (lib/instruments/translations/*.json)", () => {
  const translations = [...allTranslations().values()];

  it("each names an instrument version we have and a language with a catalogue", () => {
    expect(translations.length).toBeGreaterThanOrEqual(2);
    for (const translation of translations) {
      expect(getInstrument(translation.instrument, translation.version), translation.instrument).toBeDefined();
      expect(listLocales()).toContain(translation.language);
      expect(["published", "not_validated"]).toContain(translation.status);
      expect(translation.checked.length, `${translation.instrument}: what was checked`).toBeGreaterThan(0);
    }
  });

  it("each has every item, prompt, answer label and dimension of its instrument, and no unknown item", () => {
    for (const translation of translations) {
      const def = getInstrument(translation.instrument, translation.version)!;
      expect(missingInTranslation(def, translation), `${translation.instrument}.${translation.language}`).toEqual([]);
    }
  });

  it("changes words only: same ids, values, keying and scoring", () => {
    for (const def of INSTRUMENTS) {
      for (const language of listLocales()) {
        const { instrument } = instrumentIn(def as AnyInstrument, language);
        expect(instrument.items.map((item) => item.id)).toEqual(def.items.map((item) => item.id));
        expect(instrument.scale.map((option) => option.value)).toEqual(def.scale.map((option) => option.value));
        expect(instrument.scoring).toEqual(def.scoring);
      }
    }
    const answers = Object.fromEntries(closenessV1.items.map((item, index) => [item.id, (index % 5) + 1]));
    expect(scoreResponse(instrumentIn(closenessV1, "es").instrument, answers)).toEqual(scoreResponse(closenessV1, answers));
    const phq = Object.fromEntries(phq9V1.items.map((item, index) => [item.id, index % 4]));
    expect(scoreTotal(instrumentIn(phq9V1, "es").instrument, phq)).toEqual(scoreTotal(phq9V1, phq));
  });

  it("gives PHQ-9 in the published Spanish (USA) words, with the Pfizer attribution", () => {
    const { instrument, language } = instrumentIn(phq9V1, "es");
    expect(language).toBe("es");
    expect(instrument.items[0]!.text).toBe("Poco interés o placer en hacer cosas");
    expect(instrument.items[8]!.text).toBe("Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera");
    expect(instrument.scale.map((option) => option.label)).toEqual(["Ningún día", "Varios días", "Más de la mitad de los días", "Casi todos los días"]);
    expect(instrument.attribution).toContain("Pfizer Inc.");
    expect(allTranslations().get("phq9-v1.es")!.status).toBe("published");
  });

  it("marks the Closeness Inventory's Spanish as ours and not yet validated", () => {
    expect(allTranslations().get("closeness-v1.es")!.status).toBe("not_validated");
    expect(instrumentIn(closenessV1, "es").instrument.items.find((item) => item.id === "k13")!.text).toBe("Me cuesta confiar en mi pareja.");
  });

  it("does not offer what could not be verified: GAD-7 and CSI-4 stay English for a Spanish reader", () => {
    for (const def of [gad7V1, csi4V1]) {
      expect(isOfferedIn(def, "es")).toBe(false);
      expect(instrumentIn(def, "es")).toEqual({ instrument: def, language: "en" });
    }
    expect(isOfferedIn(phq9V1, "es")).toBe(true);
  });
});
