import { closenessV1, coupleGaps, withinCoupleWindow } from "@/lib/instruments";
import { SCORE_DIMENSIONS, type DimensionInfo, type ScoredAssessment } from "@/lib/scores/score-summary";

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

/** The same pair seen from the partner's side: client and partner swap. */
function swapPair(pair: CouplePair): CouplePair {
  return {
    clientAssessmentId: pair.partnerAssessmentId,
    partnerAssessmentId: pair.clientAssessmentId,
    clientCompletedAt: pair.partnerCompletedAt,
    partnerCompletedAt: pair.clientCompletedAt,
    daysApart: pair.daysApart,
    gaps: pair.gaps.map((gap) => ({ ...gap, client: gap.partner, partner: gap.client })),
  };
}

const laterOf = (pair: CouplePair) => Math.max(Date.parse(pair.clientCompletedAt), Date.parse(pair.partnerCompletedAt));

/**
 * The couple's current pair: of the pairs found from either partner's side, the one whose later
 * assessment is the most recent, told from `own`'s side. The same pair whichever partner asks, so
 * the couple page, both partners' pages and the caseload's gap column agree. Null without a pair.
 */
export function latestCouplePair(own: ScoredAssessment[], partner: ScoredAssessment[]): CouplePair | null {
  const candidates = [...pairCoupleAssessments(own, partner), ...pairCoupleAssessments(partner, own).map(swapPair)];
  let best: CouplePair | null = null;
  for (const pair of candidates) {
    // Ties keep the first found: own's side, then the earlier of equal candidates.
    if (!best || laterOf(pair) > laterOf(best)) best = pair;
  }
  return best;
}

export type LargestGap = { dimension: CoupleGapRow["key"]; gap: number; flagged: boolean; at: string };

/** The largest gap of a pair (ties in instrument order), as the caseload shows it. */
export function largestGap(pair: CouplePair | null): LargestGap | null {
  if (!pair) return null;
  let top: CoupleGapRow | null = null;
  for (const row of pair.gaps) if (!top || row.gap > top.gap) top = row;
  if (!top) return null;
  return { dimension: top.key, gap: top.gap, flagged: top.flagged, at: new Date(laterOf(pair)).toISOString() };
}

/**
 * A couple's average gap must grow by at least this many points between two pairs to be called
 * widening. One answer moved one step changes a dimension by 6.25 points, and so the average of
 * seven gaps by under 1: five points is several answers on several dimensions, not noise in one.
 */
export const GAP_WIDENING_MIN_POINTS = 5;

export type GapChange = DimensionInfo & {
  /** |A − B| at the previous pair and at the latest pair, unrounded. */
  previousGap: number;
  latestGap: number;
  /** latestGap − previousGap: positive when the partners moved apart on this dimension. */
  change: number;
  /** The latest gap is flagged as large (≥ 25). */
  flagged: boolean;
};

export type PairComparison = {
  previous: CouplePair;
  latest: CouplePair;
  /** Mean of the seven gaps at each pair, unrounded. */
  previousMeanGap: number;
  latestMeanGap: number;
  /** latestMeanGap − previousMeanGap. */
  meanChange: number;
  /** At least GAP_WIDENING_MIN_POINTS. */
  widening: boolean;
  /** Every dimension, in instrument order. */
  dimensions: GapChange[];
};

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The latest pair of a couple's assessments against the pair before it; null with fewer than two pairs. */
export function compareLatestPairs(pairs: CouplePair[]): PairComparison | null {
  const latest = pairs.at(-1);
  const previous = pairs.at(-2);
  if (!latest || !previous) return null;
  const previousMeanGap = mean(previous.gaps.map((g) => g.gap));
  const latestMeanGap = mean(latest.gaps.map((g) => g.gap));
  const meanChange = latestMeanGap - previousMeanGap;
  return {
    previous,
    latest,
    previousMeanGap,
    latestMeanGap,
    meanChange,
    widening: meanChange >= GAP_WIDENING_MIN_POINTS,
    dimensions: latest.gaps.map((gap, i) => {
      const before = previous.gaps[i]!.gap;
      return { key: gap.key, label: gap.label, description: gap.description, previousGap: before, latestGap: gap.gap, change: gap.gap - before, flagged: gap.flagged };
    }),
  };
}

/** The same comparison told from the other partner's side: each pair swapped (the gaps are the same). */
export function swapComparison(comparison: PairComparison): PairComparison {
  return { ...comparison, previous: swapPair(comparison.previous), latest: swapPair(comparison.latest) };
}

/** A partner and their closeness assessments, oldest first. */
export type CoupleMember = { id: string; assessments: ScoredAssessment[] };

/**
 * A couple's latest pair of assessments against the pair before, told from `own`'s side; null
 * with fewer than two pairs. The pairs are always found from the side of the partner with the
 * lower id, so the answer does not depend on who asks or on the partners' names: what the write
 * path keeps for the overview (lib/couples/couple-gap.ts) is what a view of the past computes.
 */
export function compareCouple(own: CoupleMember, partner: CoupleMember): PairComparison | null {
  const ownFirst = own.id < partner.id;
  const [first, second] = ownFirst ? [own, partner] : [partner, own];
  const comparison = compareLatestPairs(pairCoupleAssessments(first.assessments, second.assessments));
  return comparison && !ownFirst ? swapComparison(comparison) : comparison;
}
