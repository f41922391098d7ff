import type { ClosenessDimension } from "@/lib/instruments/types";

/*
 * Every chart colour in one place, so a dimension or a partner has the same colour on every page
 * (client, couple, overview, report). Hues from the Okabe–Ito palette, which stays distinguishable
 * with the common colour-vision deficiencies; colour is never the only cue (lines also differ in
 * marker and dash, partners in marker shape, and every chart has a table).
 */

/**
 * One colour per dimension, each at least 3:1 on white (WCAG 1.4.11, graphical objects; checked in
 * palette.test.ts). Okabe–Ito's yellow is swapped for slate; its orange and sky blue are darkened
 * (same hue) because at 2.3:1 they were too faint to read as lines.
 */
export const DIMENSION_COLOURS: Record<ClosenessDimension, string> = {
  knowledge: "#0072B2",
  interdependence: "#B07400",
  care: "#009E73",
  trust: "#CC79A7",
  responsiveness: "#D55E00",
  mutuality: "#3A8FCB",
  commitment: "#334155",
};

export const OVERALL_COLOUR = "#0f172a";

/**
 * The two partners of a couple, the first (by name) and the second: Okabe–Ito blue and
 * vermillion, both at least 3:1 on white, drawn with different markers (circle, square).
 */
export const PARTNER_COLOURS = { first: "#0072B2", second: "#D55E00" } as const;

/** The profile's bars: the latest assessment solid, the first one hatched grey. */
export const PROFILE_COLOURS = { latest: "#1f6f68", first: "#64748b", hatchBackground: "#e2e8f0" } as const;

/** Band zones behind score axes: below 40 (growth area) and from 70 (strength). */
export const BAND_ZONE_FILLS = { growth: "#fef3c7", strength: "#d1fae5", opacity: 0.45 } as const;

/** A flagged gap between partners. */
export const LARGE_GAP_COLOUR = "#b91c1c";

/** Axes, grid and tick text. */
export const CHART_INK = { grid: "#e2e8f0", axis: "#94a3b8", tick: "#475569", label: "#1e293b" } as const;
