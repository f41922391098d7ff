// How a completed assessment is written, once: the client's submission, the demo seed and both
// test fixture modules call this, so no seed or fixture can leave a state the product never writes.
// Deliberately no `server-only`: the Playwright fixtures (plain Node) write through it too.
import { randomUUID } from "node:crypto";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { assessmentScores, assessments, clients, type Assessment } from "@/db/schema";
import { refreshCoupleGaps } from "@/lib/couples/couple-gap";
import { refreshOverviewAggregates } from "@/lib/overview-aggregates";
import { scoreResponse, type InstrumentDefinition, type ResponseScores } from "@/lib/instruments";

export type CompletedAssessmentInput = {
  practiceId: string;
  clientId: string;
  /** The invitation answered; at most one assessment per invitation (a unique index holds it). */
  invitationId?: string | null;
  instrument: InstrumentDefinition;
  /** A complete, valid response: scoring throws otherwise. */
  answers: Record<string, number>;
  completedAt: Date;
};

export type RecordedAssessment = { assessment: Assessment; scores: ResponseScores<string> };

// Rows per insert, well under PostgreSQL's 65,535 bind parameters.
const ASSESSMENTS_PER_INSERT = 500;
const SCORES_PER_INSERT = 1000;

/**
 * Writes each assessment scored by the real scoring function, its dimension scores, and the
 * client's latest assessment (the caseload sorts by it). The latest only moves forward, so a late
 * write of an older assessment never replaces a newer score; the couple's current gap, and the overview's aggregates (lib/overview-aggregates.ts). Takes many at once so the seed stays
 * set-based; all or nothing (a savepoint when given a transaction). Exactly-once per invitation is
 * the caller's row lock, with the unique index on `invitation_id` as the backstop.
 */
export async function recordCompletedAssessments(
  executor: Executor,
  inputs: readonly CompletedAssessmentInput[],
): Promise<RecordedAssessment[]> {
  if (inputs.length === 0) return [];
  const scored = inputs.map((input) => ({ id: randomUUID(), input, scores: scoreResponse(input.instrument, input.answers) }));

  const assessmentRows = scored.map(({ id, input, scores }) => ({
    id,
    practiceId: input.practiceId,
    clientId: input.clientId,
    invitationId: input.invitationId ?? null,
    instrumentKey: input.instrument.key,
    instrumentVersion: input.instrument.version,
    answers: input.answers,
    overall: scores.overall,
    completedAt: input.completedAt,
  }));
  const scoreRows = scored.flatMap(({ id, input, scores }) =>
    input.instrument.dimensions.map((dimension) => ({
      assessmentId: id,
      practiceId: input.practiceId,
      clientId: input.clientId,
      dimension: dimension.key,
      score: scores.dimensions[dimension.key]!,
      completedAt: input.completedAt,
    })),
  );

  // Per client, the newest of this batch; on equal times the later one, as separate calls would leave it.
  const latest = new Map<string, { completedAt: Date; overall: number }>();
  for (const { input, scores } of scored) {
    const seen = latest.get(input.clientId);
    if (!seen || seen.completedAt.getTime() <= input.completedAt.getTime()) {
      latest.set(input.clientId, { completedAt: input.completedAt, overall: scores.overall });
    }
  }

  return executor.transaction(async (tx) => {
    const written: Assessment[] = [];
    for (let i = 0; i < assessmentRows.length; i += ASSESSMENTS_PER_INSERT) {
      written.push(...(await tx.insert(assessments).values(assessmentRows.slice(i, i + ASSESSMENTS_PER_INSERT)).returning()));
    }
    for (let i = 0; i < scoreRows.length; i += SCORES_PER_INSERT) {
      await tx.insert(assessmentScores).values(scoreRows.slice(i, i + SCORES_PER_INSERT));
    }
    for (const [clientId, { completedAt, overall }] of latest) {
      await tx
        .update(clients)
        .set({ lastAssessmentAt: completedAt, latestOverall: overall })
        .where(and(eq(clients.id, clientId), or(isNull(clients.lastAssessmentAt), lte(clients.lastAssessmentAt, completedAt))));
    }
    // The caseload's couple gap moves with the scores it is made of.
    await refreshCoupleGaps(tx, [...latest.keys()]);
    // And the overview's aggregates (per practice and local day; each client's deterioration).
    await refreshOverviewAggregates(
      tx,
      scored.map(({ id }) => id),
      [...latest.keys()],
    );
    const byId = new Map(written.map((row) => [row.id, row]));
    return scored.map(({ id, scores }) => ({ assessment: byId.get(id)!, scores }));
  });
}
