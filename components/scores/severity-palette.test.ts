import { describe, expect, it } from "vitest";
import { SEVERITY_STYLES } from "./severity-palette";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const linear = (offset: number) => {
    const channel = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(1) + 0.7152 * linear(3) + 0.0722 * linear(5);
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe("band severity colours", () => {
  it.each(Object.entries(SEVERITY_STYLES))("prints the band's words at least 4.5:1 on severity %s", (_severity, style) => {
    expect(contrast(style.fill, style.ink)).toBeGreaterThanOrEqual(4.5);
  });

  it("darkens at every step from severity 1 to 4, so the order does not depend on hue", () => {
    const steps = ([1, 2, 3, 4] as const).map((s) => luminance(SEVERITY_STYLES[s].fill));
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]!);
  });

  it("gives every severity its own colour", () => {
    expect(new Set(Object.values(SEVERITY_STYLES).map((s) => s.fill)).size).toBe(5);
  });
});
