import { formatDate } from "@/lib/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { ScoredAssessment } from "@/lib/score-summary";
import type { ClientScores } from "@/lib/scores";
import { countAssessments } from "./describe";
import type { ChartPoint } from "./series";

// Server-side preparation of chart props: dates are formatted here, in the practice's time zone,
// so the server and the browser render the same text.

export function trendPoints(assessments: ScoredAssessment[], timeZone: string): ChartPoint[] {
  return assessments.map((a) => ({ t: Date.parse(a.completedAt), date: formatDate(a.completedAt, timeZone), overall: a.overall, ...a.dimensions }));
}

export function dateRange(assessments: ScoredAssessment[], timeZone: string): string {
  const first = assessments[0];
  const last = assessments.at(-1);
  if (!first || !last) return "";
  const from = formatDate(first.completedAt, timeZone);
  const to = formatDate(last.completedAt, timeZone);
  return from === to ? from : `${from} to ${to}`;
}

/** The line chart's short summary, read as its accessible name. */
export function trendLabel(scores: ClientScores, timeZone: string): string {
  const list = scores.assessments;
  const first = list[0];
  const last = list.at(-1);
  if (!first || !last) return "No scores to chart.";
  return (
    `Line chart of the overall closeness score and the seven dimension scores at ${countAssessments(list.length)}, ` +
    `${dateRange(list, timeZone)}. Overall went from ${formatScore(first.overall)} to ${formatScore(last.overall)}.`
  );
}

/** First and latest score of every series, for screen readers (the chart's longer description). */
export function trendDescription(scores: ClientScores): string {
  const first = scores.assessments[0];
  const last = scores.assessments.at(-1);
  if (!first || !last) return "";
  const parts = scores.dimensions.map((d) => `${d.label} ${formatScore(first.dimensions[d.key])} to ${formatScore(last.dimensions[d.key])}`);
  return `From the first to the latest assessment: ${parts.join("; ")}. Every value is in the table of scores at each assessment.`;
}
