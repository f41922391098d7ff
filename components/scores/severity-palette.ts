import type { Severity } from "@/lib/instruments/types";

/*
 * The colours of a total's band (PHQ-9 "Minimal" … "Severe", CSI-4 "Notable dissatisfaction"), by
 * the band's severity 0–4, beside the chart colours in palette.ts. A light blue for "no concern",
 * then a sequential scale from pale yellow to deep vermillion: from severity 1 up every step is
 * darker than the one before, so the order survives every colour-vision deficiency and greyscale
 * print (Okabe–Ito hues: blue, yellow, orange, vermillion). Colour is never the only cue: the
 * band's words are always printed on it (checked in severity-palette.test.ts: text at least 4.5:1).
 */
export const SEVERITY_STYLES: Record<Severity, { fill: string; ink: string; name: string }> = {
  0: { fill: "#dbeaf5", ink: "#0b3a5c", name: "none" },
  1: { fill: "#fbefc0", ink: "#5c4300", name: "low" },
  2: { fill: "#f8cf9c", ink: "#5c2d00", name: "moderate" },
  3: { fill: "#ee9f6e", ink: "#3d1600", name: "high" },
  4: { fill: "#b3400b", ink: "#ffffff", name: "highest" },
};

/** Behind a chart's axis the band zones are the same fills, paler, so the line stays in front. */
export const BAND_ZONE_OPACITY = 0.55;

/** The cut-off line on total charts: dark and dashed, labelled in words beside it. */
export const CUT_OFF_COLOUR = "#1e293b";
