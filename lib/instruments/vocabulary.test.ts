import { describe, expect, it } from "vitest";
import { bandOf } from "./scoring";
import { closenessV1 } from "./closeness-v1";
import { BAND_KEY, BAND_WORDS, CLIENT_WORDS, bandName, dimensionLabel } from "./vocabulary";

describe("one vocabulary for clinician and client", () => {
  it("gives each band one name, different from the others, with gentler client words beside it", () => {
    expect([bandName("strength"), bandName("developing"), bandName("growth")]).toEqual(["Strength", "Developing", "Growth area"]);
    const bands = ["strength", "developing", "growth"] as const;
    for (const band of bands) {
      // The client's words never give the band a second name, nor another band's name.
      expect(BAND_WORDS[band].forClient).not.toMatch(/\b(growing|room to grow)\b/i);
      for (const other of bands.filter((b) => b !== band)) expect(BAND_WORDS[band].forClient.toLowerCase()).not.toContain(bandName(other).toLowerCase());
    }
  });

  it("names the band a score falls in the same way for both readers, at the thresholds", () => {
    expect(bandName(bandOf(39.9, closenessV1))).toBe("Growth area");
    expect(bandName(bandOf(40, closenessV1))).toBe("Developing");
    expect(bandName(bandOf(69.9, closenessV1))).toBe("Developing");
    expect(bandName(bandOf(70, closenessV1))).toBe("Strength");
  });

  it("says the bands' ranges in one sentence", () => {
    expect(BAND_KEY).toBe("Bands: below 40 growth area; 40 to 69.9 developing; 70 and above strength.");
  });

  it("has client words and the instrument's label for every dimension", () => {
    for (const dimension of closenessV1.dimensions) {
      expect(dimensionLabel(dimension.key)).toBe(dimension.label);
      expect(CLIENT_WORDS[dimension.key].meaning.length).toBeGreaterThan(20);
    }
  });
});
