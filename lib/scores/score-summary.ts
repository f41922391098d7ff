import {
  bandOf,
  closenessV1,
  minimumReliableChange,
  reliableChange,
  strengthsAndGrowthAreas,
  type Band,
  type ChangeStatus,
  type ClosenessDimension,
} from "@/lib/instruments";

/*
 * What a client's page says about their closeness scores, worked out from the assessments alone:
 * plain functions over plain data (ISO strings for dates, unrounded numbers), so they are unit-tested
 * without a database. Components round with `formatScore` and format dates in the practice's time zone.
 */

const INSTRUMENT = closenessV1;

export type ScoreDimension = ClosenessDimension;

export type DimensionInfo = { key: ScoreDimension; label: string; description: string };

/** The closeness v1 dimensions, in instrument order. */
export const SCORE_DIMENSIONS: DimensionInfo[] = INSTRUMENT.dimensions.map(({ key, label, description }) => ({ key, label, description }));

export type ScoredAssessment = {
  id: string;
  /** ISO-8601, UTC. */
  completedAt: string;
  /** Unrounded, 0–100. */
  overall: number;
  /** Unrounded, 0–100, one per dimension. */
  dimensions: Record<ScoreDimension, number>;
};

export type ScoreChange = {
  /** Unrounded scores compared. */
  before: number;
  after: number;
  /** after − before, unrounded. */
  change: number;
  rci: number;
  status: ChangeStatus;
};

export type DimensionSummary = DimensionInfo & {
  /** The latest assessment's score, unrounded. */
  latest: number;
  /** Of the latest score. */
  band: Band;
  /** Latest against the first assessment; null with a single assessment. */
  sinceFirst: ScoreChange | null;
  /** Latest against the one before it; null with a single assessment. */
  sincePrevious: ScoreChange | null;
};

export type ScoresSummary = {
  first: ScoredAssessment;
  /** The assessment before the latest; null with a single assessment. */
  previous: ScoredAssessment | null;
  latest: ScoredAssessment;
  /** In instrument order. */
  dimensions: DimensionSummary[];
  /** DESIGN §2: the two highest and the two lowest of the latest assessment; ties in table order. */
  strengths: ScoreDimension[];
  growthAreas: ScoreDimension[];
};

function change(dimension: ScoreDimension, before: number, after: number): ScoreChange {
  const { rci, status } = reliableChange(INSTRUMENT, dimension, before, after);
  return { before, after, change: after - before, rci, status };
}

/**
 * Bands, strengths and growth areas of the latest assessment; reliable change against the first and
 * the previous. `list` is oldest first; null when it is empty.
 */
export function summariseScores(list: ScoredAssessment[]): ScoresSummary | null {
  const first = list[0];
  const latest = list.at(-1);
  if (!first || !latest) return null;
  const previous = list.length > 1 ? (list.at(-2) ?? null) : null;
  const { strengths, growthAreas } = strengthsAndGrowthAreas(INSTRUMENT, latest.dimensions);
  return {
    first,
    previous,
    latest,
    strengths,
    growthAreas,
    dimensions: SCORE_DIMENSIONS.map((info) => {
      const score = latest.dimensions[info.key];
      return {
        ...info,
        latest: score,
        band: bandOf(score, INSTRUMENT),
        sinceFirst: previous ? change(info.key, first.dimensions[info.key], score) : null,
        sincePrevious: previous ? change(info.key, previous.dimensions[info.key], score) : null,
      };
    }),
  };
}

/**
 * The dimension whose score moved most between the first and the latest assessment (by absolute
 * change), for the trend chart to show beside overall when nobody has chosen one. Ties, and a list
 * of fewer than two assessments, go to the first dimension in instrument order.
 */
export function mostChangedDimension(list: ScoredAssessment[]): ScoreDimension {
  const first = list[0];
  const latest = list.at(-1);
  let best: { key: ScoreDimension; moved: number } = { key: SCORE_DIMENSIONS[0]!.key, moved: 0 };
  if (!first || !latest || first === latest) return best.key;
  for (const { key } of SCORE_DIMENSIONS) {
    const moved = Math.abs(latest.dimensions[key] - first.dimensions[key]);
    if (moved > best.moved) best = { key, moved };
  }
  return best.key;
}

export type ReliableChangeParameters = {
  /** True while the parameters are not from a published norm sample: the interface must say so. */
  provisional: boolean;
  criticalRci: number;
  byDimension: Record<ScoreDimension, { sd: number; r: number; minimumChange: number }>;
};

/** The instrument's reliable-change parameters per dimension, with the smallest reliable change they imply. */
export function reliableChangeParameters(): ReliableChangeParameters {
  const { provisional, criticalRci, byDimension } = INSTRUMENT.scoring.reliableChange;
  return {
    provisional,
    criticalRci,
    byDimension: Object.fromEntries(
      SCORE_DIMENSIONS.map(({ key }) => [key, { sd: byDimension[key].sd, r: byDimension[key].r, minimumChange: minimumReliableChange(INSTRUMENT, key) }]),
    ) as ReliableChangeParameters["byDimension"],
  };
}
