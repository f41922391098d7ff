import { formatScore } from "@/lib/instruments/scoring";
import { countAssessments } from "./describe";
import type { ChartPoint } from "./series";

/**
 * The trend chart's short summary, read as its accessible name: what it shows, over which dates,
 * and where each of its two lines went. Built from the chart's own points (dates formatted on the
 * server), so the server and the browser say the same thing, and it follows the chosen dimension.
 */
export function trendLabel(points: ChartPoint[], dimension: { key: string; label: string }): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return "No scores to chart.";
  const dates = first.date === last.date ? first.date : `${first.date} to ${last.date}`;
  const move = (key: string) => {
    const from = first[key];
    const to = last[key];
    return typeof from === "number" && typeof to === "number" ? `from ${formatScore(from)} to ${formatScore(to)}` : "not scored";
  };
  return (
    `Line chart of the overall closeness score and ${dimension.label} at ${countAssessments(points.length)}, ${dates}. ` +
    `Overall went ${move("overall")}; ${dimension.label} ${move(dimension.key)}.`
  );
}
