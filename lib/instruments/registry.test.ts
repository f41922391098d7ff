import { describe, expect, it } from "vitest";
import {
  DEFAULT_INSTRUMENT_KEYS,
  INSTRUMENTS,
  SENDABLE_INSTRUMENTS,
  closenessV1,
  csi4V1,
  currentInstrument,
  gad7V1,
  getInstrument,
  getProfileInstrument,
  isProfileInstrument,
  isTotalInstrument,
  itemScale,
  phq9V1,
} from "./index";
import type { AnyItem } from "./items";
import type { TotalInstrument } from "./types";

const TOTAL_INSTRUMENTS = INSTRUMENTS.filter(isTotalInstrument);

describe("the registry", () => {
  it("holds closeness, PHQ-9, GAD-7 and CSI-4, version 1 each, keys lower-case letters and digits", () => {
    expect(INSTRUMENTS.map((def) => `${def.key} v${def.version}`)).toEqual(["closeness v1", "phq9 v1", "gad7 v1", "csi4 v1"]);
    for (const def of INSTRUMENTS) expect(def.key).toMatch(/^[a-z0-9]+$/);
    expect(TOTAL_INSTRUMENTS).toEqual([phq9V1, gad7V1, csi4V1]);
  });

  it("has item ids unique across every instrument, so one sitting can share one flat draft", () => {
    const ids = INSTRUMENTS.flatMap((def) => def.items.map((item: AnyItem) => item.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(28 + 10 + 8 + 4);
  });

  it("finds definitions by key and version, with a profile-only lookup and type guards", () => {
    expect(getInstrument("phq9", 1)).toBe(phq9V1);
    expect(getInstrument("csi4", 2)).toBeUndefined();
    expect(getProfileInstrument("closeness", 1)).toBe(closenessV1);
    expect(getProfileInstrument("gad7", 1)).toBeUndefined();
    expect(getProfileInstrument("nope", 1)).toBeUndefined();
    expect(isProfileInstrument(closenessV1)).toBe(true);
    expect(isTotalInstrument(closenessV1)).toBe(false);
    expect(isTotalInstrument(csi4V1)).toBe(true);
  });

  it("gives the current (highest) version of a key, undefined for an unknown key", () => {
    expect(currentInstrument("closeness")).toBe(closenessV1);
    expect(currentInstrument("gad7")).toBe(gad7V1);
    expect(currentInstrument("phq2")).toBeUndefined();
  });

  it("offers closeness, PHQ-9, GAD-7 and CSI-4 to send, in that order, closeness preselected", () => {
    expect(SENDABLE_INSTRUMENTS.map((def) => def.key)).toEqual(["closeness", "phq9", "gad7", "csi4"]);
    expect(SENDABLE_INSTRUMENTS.every((def) => currentInstrument(def.key) === def)).toBe(true);
    expect(DEFAULT_INSTRUMENT_KEYS).toEqual(["closeness"]);
  });
});

describe.each(TOTAL_INSTRUMENTS.map((def): [string, TotalInstrument] => [def.shortTitle, def]))("%s definition", (_, def) => {
  it("has bands that cover min..max in whole points, ascending, without gaps or overlaps", () => {
    const { bands, min, max } = def.scoring;
    expect(bands.length).toBeGreaterThan(1);
    expect(bands[0]!.from).toBe(min);
    expect(bands.at(-1)!.to).toBe(max);
    bands.forEach((band, i) => {
      expect(Number.isInteger(band.from) && Number.isInteger(band.to)).toBe(true);
      expect(band.from).toBeLessThanOrEqual(band.to);
      if (i > 0) expect(band.from).toBe(bands[i - 1]!.to + 1);
    });
    expect(new Set(bands.map((band) => band.label)).size).toBe(bands.length);
  });

  it("has min and max equal to the sums of the scored items' lowest and highest answers", () => {
    const scored = def.items.filter((item) => item.scored);
    const sum = (pick: (values: number[]) => number) =>
      scored.reduce((total, item) => total + pick(itemScale(def, item).map((option) => option.value)), 0);
    expect(sum((values) => Math.min(...values))).toBe(def.scoring.min);
    expect(sum((values) => Math.max(...values))).toBe(def.scoring.max);
  });

  it("has every scale ascending by value, in whole points, with distinct labels", () => {
    for (const item of def.items) {
      const scale = itemScale(def, item);
      const values = scale.map((option) => option.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(new Set(values).size).toBe(values.length);
      expect(values.every(Number.isInteger)).toBe(true);
      expect(new Set(scale.map((option) => option.label)).size).toBe(scale.length);
    }
  });

  it("carries its attribution, a sourced cut-off and a sourced reliable change", () => {
    expect(def.attribution?.length ?? 0).toBeGreaterThan(40);
    expect(def.instructions.length).toBeGreaterThan(20);
    const { cutOff, reliableChange } = def.scoring;
    expect(cutOff.value).toBeGreaterThan(def.scoring.min);
    expect(cutOff.value).toBeLessThan(def.scoring.max);
    expect(cutOff.label.length).toBeGreaterThan(0);
    expect(cutOff.source).toMatch(/\d{4}/);
    expect(reliableChange.value).toBeGreaterThan(0);
    expect(reliableChange.source.length).toBeGreaterThan(40);
    // A provisional figure must say so in its source, for the interface to show.
    if (reliableChange.provisional) expect(reliableChange.source).toMatch(/provisional/i);
  });

  it("puts its cut-off on a band edge, so 'clinical' and the band words never disagree", () => {
    const { bands, cutOff, direction } = def.scoring;
    const edge = direction === "higher_is_worse" ? cutOff.value : Math.ceil(cutOff.value);
    expect(bands.some((band) => band.from === edge)).toBe(true);
  });
});

describe("published texts", () => {
  it("PHQ-9: stem, nine items, critical item 9 and the unscored difficulty question", () => {
    expect(phq9V1.instructions).toBe("Over the last 2 weeks, how often have you been bothered by any of the following problems?");
    expect(phq9V1.items.filter((item) => item.scored)).toHaveLength(9);
    expect(phq9V1.items.filter((item) => item.criticalAbove !== undefined).map((item) => [item.id, item.criticalAbove])).toEqual([
      ["phq9_9", 0],
    ]);
    expect(phq9V1.items[8]!.text).toBe("Thoughts that you would be better off dead or of hurting yourself in some way");
    expect(phq9V1.items[9]).toMatchObject({ id: "phq9_difficulty", scored: false });
    expect(phq9V1.attribution).toBe(
      "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational " +
        "grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    );
  });

  it("GAD-7: stem, seven items, the same attribution as the PHQ-9, no critical item", () => {
    expect(gad7V1.instructions).toBe("Over the last 2 weeks, how often have you been bothered by the following problems?");
    expect(gad7V1.items.filter((item) => item.scored)).toHaveLength(7);
    expect(gad7V1.items.some((item) => item.criticalAbove !== undefined)).toBe(false);
    expect(gad7V1.attribution).toBe(phq9V1.attribution);
  });

  it("CSI-4: four items with the published scale ends, higher is better", () => {
    expect(csi4V1.items.map((item) => item.text)).toEqual([
      "Please indicate the degree of happiness, all things considered, of your relationship.",
      "I have a warm and comfortable relationship with my partner.",
      "How rewarding is your relationship with your partner?",
      "In general, how satisfied are you with your relationship?",
    ]);
    expect(csi4V1.items.map((item) => [itemScale(csi4V1, item)[0]!.label, itemScale(csi4V1, item).at(-1)!.label])).toEqual([
      ["Extremely unhappy", "Perfect"],
      ["Not at all true", "Completely true"],
      ["Not at all", "Completely"],
      ["Not at all", "Completely"],
    ]);
    expect(csi4V1.scoring).toMatchObject({ direction: "higher_is_better", cutOff: { value: 13.5, provisional: false } });
    expect(csi4V1.scoring.reliableChange.provisional).toBe(true);
    expect(csi4V1.attribution).toMatch(/Funk, J\. L\., & Rogge, R\. D\. \(2007\)/);
  });
});
