import { largeGaps } from "@/lib/scores/session-summary";
import { latestCouplePair } from "@/lib/scores/couple-pairs";
import { roundScore, type Band } from "@/lib/instruments";
import type { FiguresInUse } from "@/lib/reliable-change/figures";
import { SCORE_DIMENSIONS, summariseScores, type ScoreDimension, type ScoredAssessment } from "@/lib/scores/score-summary";
import { BAND_WORDS, CLIENT_WORDS } from "@/lib/instruments/vocabulary";

/*
 * What a client sees of their own results, and — only when both partners agreed and the clinician
 * allows it — of their partner's: worked out from dimension scores alone (never answers), as plain
 * serialisable data. The clinician's preview and the client's page both render exactly this, made
 * by the same function (lib/feedback/results-source.ts), so the preview cannot drift from the page.
 * Pure: unit-tested without a database.
 */

export type ClientDimension = {
  key: ScoreDimension;
  label: string;
  meaning: string;
  /** Rounded to one decimal, 0–100. */
  score: number;
  bandKey: Band;
  /** The band's one name (lib/instruments/vocabulary.ts), the same the clinician reads. */
  level: string;
  /** What the band means, in the client's words. */
  levelWords: string;
  /** Since the first questionnaire; null with only one. */
  sinceFirst: { change: number; clear: boolean; words: string } | null;
};

export type Highlight = { key: ScoreDimension; label: string; meaning: string; words: string };

export type ProfileView = {
  /** ISO-8601 of the latest questionnaire, and of the first (null with only one). */
  latestAt: string;
  firstAt: string | null;
  count: number;
  dimensions: ClientDimension[];
  strengths: Highlight[];
  growthAreas: Highlight[];
};

export type CoupleResults =
  /** Not in a couple now: nothing about a partner is said. */
  | { kind: "none" }
  /** Sharing with the partner is not open at the moment (the clinician withheld it, or it is not shared on the partner's side). */
  | { kind: "unavailable" }
  /** Open, but not both have said yes (only one's own answer is told). */
  | { kind: "waiting" }
  | {
      kind: "shared";
      partner: ProfileView | null;
      /** Where the latest pair of questionnaires (within two weeks) differs by 25 points or more; null without such a pair. */
      differences: { key: ScoreDimension; label: string; gap: number; words: string }[] | null;
    };

export type ResultsView = {
  practiceName: string;
  clinicianName: string;
  timeZone: string;
  own: ProfileView;
  couple: CoupleResults;
};

const LABEL = new Map(SCORE_DIMENSIONS.map((d) => [d.key, d.label]));

function movementWords(change: number, reliable: boolean): string {
  const rounded = roundScore(change);
  if (rounded === 0) return "The same as at your first questionnaire";
  const direction = rounded > 0 ? "Up" : "Down";
  return `${direction} ${Math.abs(rounded).toFixed(1)} points since your first questionnaire${reliable ? " — a clear change" : ""}`;
}

/** One person's latest profile in client words; null without a questionnaire. */
export function profileView(list: readonly ScoredAssessment[], figures?: FiguresInUse): ProfileView | null {
  const summary = summariseScores([...list], figures);
  if (!summary) return null;
  const highlight = (key: ScoreDimension, kind: "strength" | "grow"): Highlight => ({
    key,
    label: LABEL.get(key) ?? key,
    meaning: CLIENT_WORDS[key].meaning,
    words: CLIENT_WORDS[key][kind],
  });
  return {
    latestAt: summary.latest.completedAt,
    firstAt: summary.previous ? summary.first.completedAt : null,
    count: list.length,
    dimensions: summary.dimensions.map((d) => ({
      key: d.key,
      label: d.label,
      meaning: CLIENT_WORDS[d.key].meaning,
      score: roundScore(d.latest),
      bandKey: d.band,
      level: BAND_WORDS[d.band].name,
      levelWords: BAND_WORDS[d.band].forClient,
      sinceFirst: d.sinceFirst
        ? { change: roundScore(d.sinceFirst.change), clear: d.sinceFirst.status !== "no_change", words: movementWords(d.sinceFirst.change, d.sinceFirst.status !== "no_change") }
        : null,
    })),
    strengths: summary.strengths.map((key) => highlight(key, "strength")),
    // DESIGN §2's lists, as the clinician reads them: never one dimension in both.
    growthAreas: summary.growthAreas.map((key) => highlight(key, "grow")),
  };
}

/** Where partners see things differently, in neutral words: no one is said to be right, higher or lower. */
export function coupleDifferences(own: readonly ScoredAssessment[], partner: readonly ScoredAssessment[]): { key: ScoreDimension; label: string; gap: number; words: string }[] | null {
  const pair = latestCouplePair([...own], [...partner]);
  if (!pair) return null;
  return largeGaps(pair).map((gap) => ({
    key: gap.key,
    label: gap.label,
    gap: roundScore(gap.gap),
    words: `You see ${gap.label.toLowerCase()} differently: your scores are ${roundScore(gap.gap).toFixed(1)} points apart. That is worth talking through together.`,
  }));
}

/** What decides the couple part, as lib/feedback/results-source.ts reads it from the database. */
export type CoupleState =
  | { inCouple: false }
  | {
      inCouple: true;
      withheld: boolean;
      /** Both partners' results are shared with them by the clinician, and both records are active. */
      bothShared: boolean;
      ownConsent: boolean;
      partnerConsent: boolean;
      partnerAssessments: readonly ScoredAssessment[];
    };

/** The whole of what a client sees; null when they have no completed questionnaire yet. */
export function buildResultsView(input: {
  practiceName: string;
  clinicianName: string;
  timeZone: string;
  own: readonly ScoredAssessment[];
  couple: CoupleState;
  /** The practice's reliable-change figures in force (its adopted estimates or the instrument's). */
  figures?: FiguresInUse;
}): ResultsView | null {
  const own = profileView(input.own, input.figures);
  if (!own) return null;
  return {
    practiceName: input.practiceName,
    clinicianName: input.clinicianName,
    timeZone: input.timeZone,
    own,
    couple: coupleResults(input.own, input.couple, input.figures),
  };
}

function coupleResults(own: readonly ScoredAssessment[], state: CoupleState, figures?: FiguresInUse): CoupleResults {
  if (!state.inCouple) return { kind: "none" };
  if (state.withheld || !state.bothShared) return { kind: "unavailable" };
  if (!state.ownConsent || !state.partnerConsent) return { kind: "waiting" };
  return { kind: "shared", partner: profileView(state.partnerAssessments, figures), differences: coupleDifferences(own, state.partnerAssessments) };
}
