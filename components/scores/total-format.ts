import type { ChangeStatus } from "@/lib/instruments/types";
import type { TotalChange, TotalInstrumentInfo } from "@/lib/scores/instrument-totals";

// Words for totals and their changes, shared by the cards, the couple view, the report and their
// tables, so "reliable improvement" reads the same everywhere. Pure.

/** A total as people read it: whole points as they are, a half point (CSI-4's 13.5 cut-off) with one decimal. */
export function formatTotal(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "12 of 27". */
export function totalOutOf(total: number, instrument: Pick<TotalInstrumentInfo, "max">): string {
  return `${formatTotal(total)} of ${formatTotal(instrument.max)}`;
}

/** A signed change with a real minus sign: "+3", "−6", "0". */
export function formatChange(change: number): string {
  if (change === 0) return "0";
  return `${change > 0 ? "+" : "\u2212"}${formatTotal(Math.abs(change))}`;
}

export const CHANGE_WORDS: Record<ChangeStatus, string> = {
  improved: "reliable improvement",
  deteriorated: "reliable deterioration",
  no_change: "no reliable change",
};

/** "−6 points: reliable improvement"; "+1 point: no reliable change". */
export function describeChange(change: TotalChange): string {
  const points = Math.abs(change.change) === 1 ? "point" : "points";
  return `${formatChange(change.change)} ${points}: ${CHANGE_WORDS[change.status]}`;
}

/** The clinical range in words: "10 or more" (higher is worse), "below 13.5" (higher is better). */
export function clinicalRange(instrument: Pick<TotalInstrumentInfo, "direction" | "cutOff">): string {
  const value = formatTotal(instrument.cutOff.value);
  return instrument.direction === "higher_is_worse" ? `${value} or more` : `below ${value}`;
}
