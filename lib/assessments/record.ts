// How a completed assessment is written, once: the client's submission, the demo seed and both
// test fixture modules call this, so no seed or fixture can leave a state the product never writes.
// Deliberately no `server-only`: the Playwright fixtures (plain Node) write through it too.
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { assessmentScores, assessments, clients, type Assessment } from "@/db/schema";
import { raiseCriticalAlerts, upgradeDraftAlerts } from "@/lib/alerts/raise";
import { refreshCoupleGaps } from "@/lib/couples/couple-gap";
import { refreshReliabilitySums } from "@/lib/measures/sums";
import { markCourseFiguresChanged } from "@/lib/measures/course-figures";
import { refreshOverviewAggregates } from "@/lib/overview/aggregates";
import { refreshClientLatest } from "@/lib/scores/client-latest";
import { refreshInstrumentTotals } from "@/lib/scores/stored-totals";
import {
  closenessV1,
  isTotalInstrument,
  scoreResponse,
  scoreTotal,
  type AnyInstrument,
  type ResponseScores,
  type TotalScore,
} from "@/lib/instruments";

export type CompletedAssessmentInput = {
  practiceId: string;
  clientId: string;
  /** The invitation answered; at most one assessment per invitation and instrument (a unique index holds it). */
  invitationId?: string | null;
  instrument: AnyInstrument;
  /** A complete, valid response: scoring throws otherwise. */
  answers: Record<string, number>;
  completedAt: Date;
  /** The language the items were shown in; English when absent (imports, the seed). */
  language?: string;
};

/** What an assessment scored: dimension scores for a profile instrument, a total for the others. */
export type RecordedScores = { kind: "profile"; scores: ResponseScores<string> } | { kind: "total"; score: TotalScore };

export type RecordedAssessment = { assessment: Assessment; scored: RecordedScores };

// Rows per insert, well under PostgreSQL's 65,535 bind parameters.
const ASSESSMENTS_PER_INSERT = 500;
const SCORES_PER_INSERT = 1000;

function scoreInput(input: CompletedAssessmentInput): RecordedScores {
  return isTotalInstrument(input.instrument)
    ? { kind: "total", score: scoreTotal(input.instrument, input.answers) }
    : { kind: "profile", scores: scoreResponse(input.instrument, input.answers) };
}

const isCloseness = (input: CompletedAssessmentInput) => input.instrument.key === closenessV1.key;

/**
 * Writes each assessment scored by the real scoring function and everything kept from it, in one
 * transaction: a profile instrument's dimension scores; a total-scored one's latest and first total
 * per client (`client_instrument_totals`) and any critical answer's alert (lib/alerts); the client's
 * last assessment time (any instrument) and latest closeness score (the caseload sorts by them; they
 * only move forward, so a late write of an older assessment never replaces a newer one); the couple's
 * current gap and the overview's aggregates (lib/overview/aggregates.ts). Takes many at once so the
 * seed stays set-based; all or nothing (a savepoint when given a transaction). Exactly-once per
 * invitation and instrument is the caller's row lock, with the unique index as the backstop.
 */
export async function recordCompletedAssessments(
  executor: Executor,
  inputs: readonly CompletedAssessmentInput[],
): Promise<RecordedAssessment[]> {
  if (inputs.length === 0) return [];
  const scored = inputs.map((input) => ({ id: randomUUID(), input, scored: scoreInput(input) }));

  const assessmentRows = scored.map(({ id, input, scored }) => ({
    id,
    practiceId: input.practiceId,
    clientId: input.clientId,
    invitationId: input.invitationId ?? null,
    instrumentKey: input.instrument.key,
    instrumentVersion: input.instrument.version,
    answers: input.answers,
    language: input.language ?? "en",
    overall: scored.kind === "profile" ? scored.scores.overall : null,
    total: scored.kind === "total" ? scored.score.total : null,
    completedAt: input.completedAt,
  }));
  const scoreRows = scored.flatMap(({ id, input, scored }) =>
    scored.kind === "profile" && !isTotalInstrument(input.instrument)
      ? input.instrument.dimensions.map((dimension) => ({
          assessmentId: id,
          practiceId: input.practiceId,
          clientId: input.clientId,
          dimension: dimension.key,
          score: scored.scores.dimensions[dimension.key]!,
          completedAt: input.completedAt,
        }))
      : [],
  );

  // Per client, the newest of this batch (any instrument), and the newest closeness score; on equal
  // times the later one, as separate calls would leave it.
  const latestAt = new Map<string, Date>();
  const latestCloseness = new Map<string, { completedAt: Date; overall: number }>();
  for (const { input, scored: result } of scored) {
    const seen = latestAt.get(input.clientId);
    if (!seen || seen.getTime() <= input.completedAt.getTime()) latestAt.set(input.clientId, input.completedAt);
    if (result.kind === "profile" && isCloseness(input)) {
      const close = latestCloseness.get(input.clientId);
      if (!close || close.completedAt.getTime() <= input.completedAt.getTime()) {
        latestCloseness.set(input.clientId, { completedAt: input.completedAt, overall: result.scores.overall });
      }
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
    // Each client's latest, recomputed from the history (one definition: lib/scores/client-latest.ts).
    await refreshClientLatest(tx, inArray(clients.id, [...latestAt.keys()]));
    await recordTotals(tx, scored);
    // A saved draft may already have raised an alert for this link and item: it is upgraded first,
    // so the sent answer never raises a second one.
    await upgradeDraftAlerts(
      tx,
      scored.map(({ id, input }) => ({ invitationId: input.invitationId ?? null, instrumentKey: input.instrument.key, assessmentId: id })),
    );
    await raiseCriticalAlerts(
      tx,
      scored.flatMap(({ id, input, scored: result }) =>
        result.kind === "total" && result.score.critical.length > 0
          ? [
              {
                practiceId: input.practiceId,
                clientId: input.clientId,
                assessmentId: id,
                invitationId: input.invitationId ?? null,
                instrumentKey: input.instrument.key,
                instrumentVersion: input.instrument.version,
                itemIds: [...result.score.critical],
                answeredAt: input.completedAt,
              },
            ]
          : [],
      ),
    );
    // The caseload's couple gap moves with the scores it is made of.
    const closenessClients = [...latestCloseness.keys()];
    await refreshCoupleGaps(tx, closenessClients);
    // And the overview's aggregates (per practice and local day; each client's deterioration).
    await refreshOverviewAggregates(
      tx,
      scored.map(({ id }) => id),
      closenessClients,
    );
    // The reliability report's sums (lib/measures/sums.ts), after the practice rows are held for
    // share above: a rebuild holds them first, then the sums, so the two never wait on each other.
    await recordReliabilitySums(tx, scored);
    await markCourseFiguresChanged(tx, inputs); // The practice's expected course (lib/measures/course-figures.ts).
    const byId = new Map(written.map((row) => [row.id, row]));
    return scored.map(({ id, scored: result }) => ({ assessment: byId.get(id)!, scored: result }));
  });
}

/**
 * Keeps each client's first and latest total per total-scored instrument, recomputed from the
 * history of the clients this batch gave a total (one definition: lib/scores/stored-totals.ts), so a
 * batch (the seed) or a late write of an older assessment lands where it belongs.
 */
async function recordTotals(
  tx: Executor,
  scored: readonly { id: string; input: CompletedAssessmentInput; scored: RecordedScores }[],
): Promise<void> {
  const byPractice = new Map<string, Set<string>>();
  for (const { input, scored: result } of scored) {
    if (result.kind !== "total") continue;
    byPractice.set(input.practiceId, (byPractice.get(input.practiceId) ?? new Set()).add(input.clientId));
  }
  for (const [practiceId, clientIds] of byPractice) {
    const ids = sql.join(
      [...clientIds].sort().map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    await refreshInstrumentTotals(tx, sql`a.practice_id = ${practiceId} and a.client_id in (${ids})`, sql`t.client_id in (${ids})`);
  }
}

/** Moves each practice's reliability sums by what this batch changed, per instrument version (one definition: lib/measures/sums.ts). */
async function recordReliabilitySums(
  tx: Executor,
  scored: readonly { id: string; input: CompletedAssessmentInput; scored: RecordedScores }[],
): Promise<void> {
  const groups = new Map<string, { instrument: AnyInstrument; practiceId: string; clientIds: Set<string> }>();
  for (const { input } of scored) {
    const key = `${input.practiceId}/${input.instrument.key}/${input.instrument.version}`;
    const group = groups.get(key) ?? { instrument: input.instrument, practiceId: input.practiceId, clientIds: new Set<string>() };
    group.clientIds.add(input.clientId);
    groups.set(key, group);
  }
  // In key order, so concurrent batches take the sums' rows in the same order.
  for (const key of [...groups.keys()].sort()) {
    const { instrument, practiceId, clientIds } = groups.get(key)!;
    const ids = [...clientIds].sort();
    for (let i = 0; i < ids.length; i += CLIENTS_PER_SUMS_STATEMENT) {
      await refreshReliabilitySums(tx, instrument, practiceId, ids.slice(i, i + CLIENTS_PER_SUMS_STATEMENT));
    }
  }
}

const CLIENTS_PER_SUMS_STATEMENT = 5_000;
