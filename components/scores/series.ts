import type { ClosenessDimension } from "@/lib/instruments/types";
import { DIMENSION_COLOURS, OVERALL_COLOUR, PARTNER_COLOURS } from "./palette";

export type SeriesKey = ClosenessDimension | "overall";
export type MarkerShape = "circle" | "square" | "triangle" | "diamond" | "triangle-down" | "cross" | "ring";

export type SeriesStyle = {
  key: SeriesKey;
  label: string;
  color: string;
  /** SVG stroke-dasharray; undefined for a solid line. */
  dash?: string;
  marker: MarkerShape;
  width: number;
};

// Colours come from the one palette (palette.ts), so a dimension looks the same on every page.
// Hue alone does not tell lines apart for every reader, so each series also has its own marker
// shape and dash pattern.
export const SERIES: readonly SeriesStyle[] = [
  { key: "overall", label: "Overall", color: OVERALL_COLOUR, marker: "ring", width: 3 },
  { key: "knowledge", label: "Knowledge", color: DIMENSION_COLOURS.knowledge, marker: "circle", width: 2.5 },
  { key: "interdependence", label: "Interdependence", color: DIMENSION_COLOURS.interdependence, dash: "7 4", marker: "square", width: 2.5 },
  { key: "care", label: "Care", color: DIMENSION_COLOURS.care, dash: "2 3", marker: "triangle", width: 2.5 },
  { key: "trust", label: "Trust", color: DIMENSION_COLOURS.trust, dash: "9 3 2 3", marker: "diamond", width: 2.5 },
  { key: "responsiveness", label: "Responsiveness", color: DIMENSION_COLOURS.responsiveness, marker: "triangle-down", width: 2.5 },
  { key: "mutuality", label: "Mutuality", color: DIMENSION_COLOURS.mutuality, dash: "7 4", marker: "cross", width: 2.5 },
  { key: "commitment", label: "Commitment", color: DIMENSION_COLOURS.commitment, dash: "2 3", marker: "square", width: 2.5 },
];

/** The two partners: the first (by name) solid with circles, the second dashed with squares, on every couple chart. */
export const COUPLE_SERIES = {
  client: { color: PARTNER_COLOURS.first, marker: "circle", width: 2 },
  partner: { color: PARTNER_COLOURS.second, dash: "6 4", marker: "square", width: 2 },
} as const satisfies Record<string, Omit<SeriesStyle, "key" | "label">>;

export type ChartPoint = {
  /** completedAt in ms since the epoch: the x axis is time, so uneven gaps look uneven. */
  t: number;
  /** The date in the practice's time zone, formatted on the server (avoids hydration mismatches). */
  date: string;
  /** Scores by series key (unrounded); absent where a series has no value at this moment. */
  [series: string]: number | string | undefined;
};

/** What recharts passes to a custom dot (and active dot) renderer that we use. */
export type DotRenderProps = { cx?: number; cy?: number; index: number };
