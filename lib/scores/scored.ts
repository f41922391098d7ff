// Completed assessments with their dimension scores, read once for every view that needs them:
// the score pages (lib/scores/scores.ts) and the couple gap kept with each submission. No `server-only`:
// the write path (lib/assessments/record.ts) runs in plain Node too. Callers check access first.
import { and, asc, eq, inArray } from "drizzle-orm";
import { log } from "@/config/log";
import type { Executor } from "@/db/client";
import { assessmentScores, assessments } from "@/db/schema";
import { closenessV1 } from "@/lib/instruments";
import { SCORE_DIMENSIONS, type ScoredAssessment, type ScoreDimension } from "@/lib/scores/score-summary";

const INSTRUMENT = closenessV1;

/**
 * Completed closeness v1 assessments of the given clients (already checked to be the actor's),
 * oldest first, with their dimension scores: one query, seven rows per assessment.
 * Other instruments or versions have other dimensions and parameters, so they are not mixed in.
 */
export async function loadScoredAssessments(executor: Executor, practiceId: string, clientIds: string[]): Promise<Map<string, ScoredAssessment[]>> {
  const rows = await executor
    .select({
      id: assessments.id,
      clientId: assessments.clientId,
      completedAt: assessments.completedAt,
      overall: assessments.overall,
      dimension: assessmentScores.dimension,
      score: assessmentScores.score,
    })
    .from(assessments)
    .innerJoin(assessmentScores, eq(assessmentScores.assessmentId, assessments.id))
    .where(
      and(
        eq(assessments.practiceId, practiceId),
        inArray(assessments.clientId, clientIds),
        eq(assessments.instrumentKey, INSTRUMENT.key),
        eq(assessments.instrumentVersion, INSTRUMENT.version),
      ),
    )
    .orderBy(asc(assessments.completedAt), asc(assessments.id));

  // Rows arrive grouped by assessment (the order ends on its id).
  const partial = new Map<string, { clientId: string; completedAt: Date; overall: number; dimensions: Partial<Record<string, number>> }>();
  for (const row of rows) {
    let entry = partial.get(row.id);
    if (!entry) {
      entry = { clientId: row.clientId, completedAt: row.completedAt, overall: Number(row.overall), dimensions: {} };
      partial.set(row.id, entry);
    }
    entry.dimensions[row.dimension] = Number(row.score);
  }

  const byClient = new Map<string, ScoredAssessment[]>(clientIds.map((id) => [id, []]));
  for (const [id, entry] of partial) {
    const missing = SCORE_DIMENSIONS.filter(({ key }) => entry.dimensions[key] === undefined);
    if (missing.length) {
      // Submission writes all seven rows in one transaction, so this is a data fault: log it with
      // ids only, and leave the assessment out rather than chart a hole or a half-made overall.
      log.error({ module: "scores", assessmentId: id, missing: missing.map((d) => d.key) }, "assessment without all dimension scores");
      continue;
    }
    byClient.get(entry.clientId)?.push({
      id,
      completedAt: entry.completedAt.toISOString(),
      overall: entry.overall,
      dimensions: entry.dimensions as Record<ScoreDimension, number>,
    });
  }
  return byClient;
}
