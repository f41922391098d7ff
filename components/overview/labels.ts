import type { OverviewGranularity, OverviewRange } from "@/lib/overview/params";

// Period starts are calendar dates in the practice's time zone (YYYY-MM-DD); noon UTC keeps the
// formatter on the same day whatever the server's or browser's zone.
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const shortDayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

const atNoon = (start: string) => new Date(`${start}T12:00:00Z`);

/** "Mar 2026", or "Week of 30 Mar 2026". */
export function periodLabel(start: string, granularity: OverviewGranularity): string {
  return granularity === "month" ? monthFormat.format(atNoon(start)) : `Week of ${dayFormat.format(atNoon(start))}`;
}

/** For a table row under a "Month" or "Week starting" header: "Mar 2026" or "30 Mar 2026". */
export function periodRowLabel(start: string, granularity: OverviewGranularity): string {
  return granularity === "month" ? monthFormat.format(atNoon(start)) : dayFormat.format(atNoon(start));
}

/** Compact, for a chart axis: "Mar 2026" or "30 Mar". */
export function periodTick(start: string, granularity: OverviewGranularity): string {
  return granularity === "month" ? monthFormat.format(atNoon(start)) : shortDayFormat.format(atNoon(start));
}

export const RANGE_LABELS: Record<OverviewRange, string> = {
  "3": "3 months",
  "6": "6 months",
  "12": "12 months",
  all: "All time",
};

/** For sentences: "in the last 6 months", "at any time". */
export function rangePhrase(range: OverviewRange): string {
  return range === "all" ? "at any time" : `in the last ${RANGE_LABELS[range]}`;
}
