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
import { applyProfileFigures, figuresInUse, type FiguresInUse, type ScaleFigures } from "@/lib/reliable-change/figures";

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
  /** The figures this judgement used: the instrument's provisional ones or the practice's adopted estimates. */
  figures: ScaleFigures;
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

/** The instrument's own figures, for callers that have no practice (none adopted). */
const OWN_FIGURES: FiguresInUse = figuresInUse(INSTRUMENT, []);

function change(figures: FiguresInUse, dimension: ScoreDimension, before: number, after: number): ScoreChange {
  const { rci, status } = reliableChange(applyProfileFigures(INSTRUMENT, figures), dimension, before, after);
  return { before, after, change: after - before, rci, status, figures: figures.byScale[dimension]! };
}

/**
 * Bands, strengths and growth areas of the latest assessment; reliable change against the first and
 * the previous. `list` is oldest first; null when it is empty.
 */
export function summariseScores(list: ScoredAssessment[], figures: FiguresInUse = OWN_FIGURES): ScoresSummary | null {
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
        sinceFirst: previous ? change(figures, info.key, first.dimensions[info.key], score) : null,
        sincePrevious: previous ? change(figures, info.key, previous.dimensions[info.key], score) : null,
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
  /** True while any dimension's figures are not from a published norm sample or the practice's own answers: the interface must say so. */
  provisional: boolean;
  criticalRci: number;
  byDimension: Record<
    ScoreDimension,
    { sd: number; r: number; minimumChange: number; source: ScaleFigures["source"]; since: string | null; n: number | null }
  >;
};

/**
 * The reliable-change parameters in force per dimension (the practice's adopted estimates where its
 * owner adopted them, else the instrument's), with the smallest reliable change they imply.
 */
export function reliableChangeParameters(figures: FiguresInUse = OWN_FIGURES): ReliableChangeParameters {
  const instrument = applyProfileFigures(INSTRUMENT, figures);
  const { criticalRci, byDimension } = instrument.scoring.reliableChange;
  return {
    provisional: SCORE_DIMENSIONS.some(({ key }) => figures.byScale[key]?.source === "provisional"),
    criticalRci,
    byDimension: Object.fromEntries(
      SCORE_DIMENSIONS.map(({ key }) => {
        const used = figures.byScale[key]!;
        return [
          key,
          { sd: byDimension[key].sd, r: byDimension[key].r, minimumChange: minimumReliableChange(instrument, key), source: used.source, since: used.since, n: used.n },
        ];
      }),
    ) as ReliableChangeParameters["byDimension"],
  };
}
