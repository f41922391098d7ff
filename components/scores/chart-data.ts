import { z } from "zod";
import { formatDate } from "@/lib/core/format";
import { CLOSENESS_DIMENSIONS } from "@/lib/instruments/closeness-v1";
import { formatScore } from "@/lib/instruments/scoring";
import { mostChangedDimension, type ScoredAssessment, type ScoreDimension } from "@/lib/scores/score-summary";
import type { ClientScores } from "@/lib/scores/scores";
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

/** First and latest score of every series, for screen readers (the chart's longer description). */
export function trendDescription(scores: ClientScores): string {
  const first = scores.assessments[0];
  const last = scores.assessments.at(-1);
  if (!first || !last) return "";
  const parts = scores.dimensions.map((d) => `${d.label} ${formatScore(first.dimensions[d.key])} to ${formatScore(last.dimensions[d.key])}`);
  return `From the first to the latest assessment: ${parts.join("; ")}. Every value is in the table of scores at each assessment.`;
}

const dimensionParamSchema = z.enum(CLOSENESS_DIMENSIONS);

/**
 * The dimension the trend chart shows beside overall: the one named in the URL (`?dimension=`, so
 * the choice works without JavaScript and survives a reload), else the one that moved most.
 */
export function chooseTrendDimension(requested: unknown, assessments: ScoredAssessment[]): ScoreDimension {
  const parsed = dimensionParamSchema.safeParse(requested);
  return parsed.success ? parsed.data : mostChangedDimension(assessments);
}
