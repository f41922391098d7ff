// What a couple's assessments say about the couple, kept so that pages read it without scoring:
// the current largest gap on the couples row (the caseload shows and sorts it) and the latest pair
// against the pair before in couple_gap_changes (the overview's "gaps widening"). Written in the
// same transaction as whatever changes them: a submission (lib/assessments/record.ts), linking and
// unlinking partners, and the practice's rebuild. No `server-only`: the write path runs in plain
// Node too (seed, test fixtures).
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import { clients, coupleGapChanges, couples } from "@/db/schema";
import { loadScoredAssessments } from "@/lib/scores/scored";
import { compareCouple, largestGap, latestCouplePair } from "@/lib/scores/couple-pairs";
import type { ScoredAssessment } from "@/lib/scores/score-summary";
import { storableComparison } from "@/lib/scores/stored-comparison";

/** Recomputes what is kept of the current couples of the given clients. */
export async function refreshCoupleGaps(executor: Executor, clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
  const touched = await executor
    .selectDistinct({ coupleId: clients.coupleId })
    .from(clients)
    .where(and(inArray(clients.id, [...clientIds]), isNotNull(clients.coupleId)));
  const coupleIds = touched.map((row) => row.coupleId!).filter(Boolean);
  if (coupleIds.length === 0) return;

  const members = await executor
    .select({ id: clients.id, coupleId: clients.coupleId, practiceId: clients.practiceId })
    .from(clients)
    .where(inArray(clients.coupleId, coupleIds));
  const byPractice = new Map<string, string[]>();
  for (const member of members) byPractice.set(member.practiceId, [...(byPractice.get(member.practiceId) ?? []), member.id]);
  const scored = new Map<string, ScoredAssessment[]>();
  for (const [practiceId, ids] of byPractice) {
    for (const [clientId, list] of await loadScoredAssessments(executor, practiceId, ids)) scored.set(clientId, list);
  }

  const changes: (typeof coupleGapChanges.$inferInsert)[] = [];
  for (const coupleId of coupleIds) {
    // By id: the comparison is told from the side of the partner with the lower id (compareCouple's).
    const [a, b] = members.filter((member) => member.coupleId === coupleId).sort((x, y) => (x.id < y.id ? -1 : 1));
    const [own, partner] = [a, b].map((member) => member && { id: member.id, assessments: scored.get(member.id) ?? [] });
    const top = own && partner ? largestGap(latestCouplePair(own.assessments, partner.assessments)) : null;
    await executor
      .update(couples)
      .set({ latestGap: top?.gap ?? null, latestGapDimension: top?.dimension ?? null, latestGapAt: top ? new Date(top.at) : null })
      .where(eq(couples.id, coupleId));
    const comparison = own && partner ? compareCouple(own, partner) : null;
    if (comparison) {
      changes.push({ coupleId, practiceId: a!.practiceId, meanChange: comparison.meanChange, widening: comparison.widening, comparison: storableComparison(comparison) });
    }
  }
  // Replaced whole: a couple whose pairs no longer compare (an assessment withdrawn) has no row.
  await forgetCoupleGapChanges(executor, coupleIds);
  if (changes.length) await executor.insert(coupleGapChanges).values(changes);
}

/** When partners are unlinked, their couple's comparison no longer stands for anyone. */
export async function forgetCoupleGapChanges(executor: Executor, coupleIds: readonly string[]): Promise<void> {
  if (coupleIds.length) await executor.delete(coupleGapChanges).where(inArray(coupleGapChanges.coupleId, [...coupleIds]));
}

/** Couples per refreshCoupleGaps call: bounded reads and bound parameters however large the practice. */
const COUPLED_CLIENTS_PER_CALL = 2_000;

/** Everything above for every couple of the practice, from its history alone (the rebuild and the backfill). */
export async function rebuildPracticeCoupleGaps(executor: Executor, practiceId: string): Promise<void> {
  await executor.delete(coupleGapChanges).where(eq(coupleGapChanges.practiceId, practiceId));
  // One member of each couple: refreshCoupleGaps recomputes the couples of the clients it is given.
  const coupled = parseRows(
    z.object({ id: z.string() }),
    await executor.execute(sql`
      select min(id::text) as id from clients where practice_id = ${practiceId} and couple_id is not null group by couple_id order by 1
    `),
  ).map((row) => row.id);
  for (let i = 0; i < coupled.length; i += COUPLED_CLIENTS_PER_CALL) {
    await refreshCoupleGaps(executor, coupled.slice(i, i + COUPLED_CLIENTS_PER_CALL));
  }
}
