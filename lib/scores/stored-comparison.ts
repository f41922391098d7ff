// A couple's comparison (lib/scores/couple-pairs.ts) as couple_gap_changes keeps it: written by
// lib/couples/couple-gap.ts, read by the overview (lib/overview/overview.ts).
import { z } from "zod";
import { CLOSENESS_DIMENSIONS } from "@/lib/instruments";
import type { PairComparison } from "@/lib/scores/couple-pairs";
import { SCORE_DIMENSIONS } from "@/lib/scores/score-summary";

// The comparison is stored without the dimensions' labels and descriptions (the instrument's, added
// back when it is read), so a row stays small and a relabelled dimension needs no migration.
export const storableComparison = (comparison: PairComparison) =>
  JSON.parse(JSON.stringify(comparison, (key, value) => (key === "label" || key === "description" ? undefined : value))) as unknown;

const DIMENSION_INFO = new Map(SCORE_DIMENSIONS.map((info) => [info.key, info]));
const dimension = z.enum(CLOSENESS_DIMENSIONS);
const withInfo = <T extends { key: z.infer<typeof dimension> }>(row: T) => ({ ...DIMENSION_INFO.get(row.key)!, ...row });
const storedPair = z.object({
  clientAssessmentId: z.string(),
  partnerAssessmentId: z.string(),
  clientCompletedAt: z.string(),
  partnerCompletedAt: z.string(),
  daysApart: z.number(),
  gaps: z.array(z.object({ key: dimension, client: z.number(), partner: z.number(), gap: z.number(), flagged: z.boolean() }).transform(withInfo)),
});

/** A stored comparison as compareCouple returned it (told from the side of the partner with the lower id). */
export const storedComparisonSchema = z.object({
  previous: storedPair,
  latest: storedPair,
  previousMeanGap: z.number(),
  latestMeanGap: z.number(),
  meanChange: z.number(),
  widening: z.boolean(),
  dimensions: z.array(
    z.object({ key: dimension, previousGap: z.number(), latestGap: z.number(), change: z.number(), flagged: z.boolean() }).transform(withInfo),
  ),
}) satisfies z.ZodType<PairComparison, unknown>;
