import { closenessV1, coupleGaps, withinCoupleWindow } from "@/lib/instruments";
import { SCORE_DIMENSIONS, type DimensionInfo, type ScoredAssessment } from "@/lib/score-summary";

const INSTRUMENT = closenessV1;
const DAY_MS = 24 * 60 * 60 * 1000;
const DIMENSION_BY_KEY = new Map(SCORE_DIMENSIONS.map((info) => [info.key, info]));

export type CoupleGapRow = DimensionInfo & {
  /** This client's score (A) and the partner's (B), unrounded. */
  client: number;
  partner: number;
  /** |A − B|, unrounded. */
  gap: number;
  /** gap ≥ the instrument's flag threshold (25). */
  flagged: boolean;
};

export type CouplePair = {
  clientAssessmentId: string;
  partnerAssessmentId: string;
  clientCompletedAt: string;
  partnerCompletedAt: string;
  /** |Δt| in days, unrounded. */
  daysApart: number;
  gaps: CoupleGapRow[];
};

/**
 * Pairs each of a client's assessments with the partner's assessment completed closest in time,
 * if that is within the couple window (DESIGN §2: 14 days). On an exact tie the earlier partner
 * assessment is taken. Both lists are oldest first; so is the result.
 */
export function pairCoupleAssessments(own: ScoredAssessment[], partner: ScoredAssessment[]): CouplePair[] {
  const pairs: CouplePair[] = [];
  for (const mine of own) {
    const mineAt = new Date(mine.completedAt);
    let best: { theirs: ScoredAssessment; delta: number } | null = null;
    for (const theirs of partner) {
      const theirsAt = new Date(theirs.completedAt);
      if (!withinCoupleWindow(mineAt, theirsAt, INSTRUMENT)) continue;
      const delta = Math.abs(mineAt.getTime() - theirsAt.getTime());
      if (!best || delta < best.delta) best = { theirs, delta };
    }
    if (!best) continue;
    pairs.push({
      clientAssessmentId: mine.id,
      partnerAssessmentId: best.theirs.id,
      clientCompletedAt: mine.completedAt,
      partnerCompletedAt: best.theirs.completedAt,
      daysApart: best.delta / DAY_MS,
      gaps: coupleGaps(INSTRUMENT, mine.dimensions, best.theirs.dimensions).map((gap) => ({
        ...DIMENSION_BY_KEY.get(gap.dimension)!,
        client: gap.a,
        partner: gap.b,
        gap: gap.gap,
        flagged: gap.flagged,
      })),
    });
  }
  return pairs;
}
