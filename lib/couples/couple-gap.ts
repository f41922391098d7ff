// The couple's current largest gap, kept on the couples row so the caseload can show and sort it
// without scoring anything. Written in the same transaction as whatever changes it: a submission
// (lib/assessments/record.ts) and linking partners. No `server-only`: the write path runs in plain
// Node too (seed, test fixtures).
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { clients, couples } from "@/db/schema";
import { loadScoredAssessments } from "@/lib/scores/scored";
import { largestGap, latestCouplePair } from "@/lib/scores/couple-pairs";
import type { ScoredAssessment } from "@/lib/scores/score-summary";

/** Recomputes the stored gap of the current couples of the given clients. */
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

  for (const coupleId of coupleIds) {
    const [a, b] = members.filter((member) => member.coupleId === coupleId);
    const top = a && b ? largestGap(latestCouplePair(scored.get(a.id) ?? [], scored.get(b.id) ?? [])) : null;
    await executor
      .update(couples)
      .set({ latestGap: top?.gap ?? null, latestGapDimension: top?.dimension ?? null, latestGapAt: top ? new Date(top.at) : null })
      .where(eq(couples.id, coupleId));
  }
}
