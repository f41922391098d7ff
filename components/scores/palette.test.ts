import { describe, expect, it } from "vitest";
import { DIMENSION_COLOURS, LARGE_GAP_COLOUR, OVERALL_COLOUR, PARTNER_COLOURS, PROFILE_COLOURS } from "./palette";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const linear = (offset: number) => {
    const channel = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(1) + 0.7152 * linear(3) + 0.0722 * linear(5);
}

function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

describe("chart palette", () => {
  const lines: Record<string, string> = {
    ...DIMENSION_COLOURS,
    overall: OVERALL_COLOUR,
    "first partner": PARTNER_COLOURS.first,
    "second partner": PARTNER_COLOURS.second,
    "latest profile": PROFILE_COLOURS.latest,
    "first profile": PROFILE_COLOURS.first,
    "large gap": LARGE_GAP_COLOUR,
  };

  it.each(Object.entries(lines))("draws %s at least 3:1 against the white page", (_name, colour) => {
    expect(contrastOnWhite(colour)).toBeGreaterThanOrEqual(3);
  });

  it("gives every dimension its own colour", () => {
    const colours = Object.values(DIMENSION_COLOURS).map((colour) => colour.toLowerCase());
    expect(new Set(colours).size).toBe(colours.length);
  });
});
