import type { ClosenessDimension } from "@/lib/instruments/types";

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

// Eight lines cannot be told apart by hue alone (and not at all by some readers), so each series
// also has its own marker shape and dash pattern. Every colour is at least 3:1 against white.
export const SERIES: readonly SeriesStyle[] = [
  { key: "overall", label: "Overall", color: "#0f172a", marker: "ring", width: 3 },
  { key: "knowledge", label: "Knowledge", color: "#0369a1", marker: "circle", width: 2 },
  { key: "interdependence", label: "Interdependence", color: "#b45309", dash: "7 4", marker: "square", width: 2 },
  { key: "care", label: "Care", color: "#047857", dash: "2 3", marker: "triangle", width: 2 },
  { key: "trust", label: "Trust", color: "#7c3aed", dash: "9 3 2 3", marker: "diamond", width: 2 },
  { key: "responsiveness", label: "Responsiveness", color: "#be123c", marker: "triangle-down", width: 2 },
  { key: "mutuality", label: "Mutuality", color: "#db2777", dash: "7 4", marker: "cross", width: 2 },
  { key: "commitment", label: "Commitment", color: "#4d7c0f", dash: "2 3", marker: "square", width: 2 },
];

/** The two partners in the couple view: this client solid with circles, the partner dashed with squares. */
export const COUPLE_SERIES = {
  client: { color: "#185a55", marker: "circle", width: 2 },
  partner: { color: "#b45309", dash: "6 4", marker: "square", width: 2 },
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
