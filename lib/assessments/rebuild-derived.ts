// Everything derived from a practice's assessments, recomputed from its history with the same
// definitions the write path (./record.ts) keeps them by (issue 22): each client's latest
// (lib/scores/client-latest.ts), the stored totals (lib/scores/stored-totals.ts), the couples' gaps
// (lib/couples/couple-gap.ts), the overview's aggregates (lib/overview/aggregates.ts) and the
// reliability report's sums (lib/measures/sums.ts). For a
// backfill and for the bench seed, which writes source rows only and then calls this; a change of
// time zone needs only the overview's part (lib/overview/rebuild.ts). No `server-only`: it runs in
// plain Node too.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import { refreshCoupleGaps } from "@/lib/couples/couple-gap";
import { rebuildPracticeReliabilitySums } from "@/lib/measures/sums";
import { refreshPracticeCourseFigures } from "@/lib/measures/course-figures";
import { rebuildPracticeAggregates } from "@/lib/overview/aggregates";
import { refreshClientLatest } from "@/lib/scores/client-latest";
import { refreshInstrumentTotals } from "@/lib/scores/stored-totals";

/** Couples per refreshCoupleGaps call: bounded reads and bound parameters however large the practice. */
const COUPLED_CLIENTS_PER_CALL = 2_000;

export async function rebuildPracticeDerived(executor: Executor, practiceId: string): Promise<void> {
  await executor.transaction(async (tx) => {
    await refreshClientLatest(tx, sql`clients.practice_id = ${practiceId}`);
    await refreshInstrumentTotals(tx, sql`a.practice_id = ${practiceId}`, sql`t.practice_id = ${practiceId}`);
    // One member of each couple: refreshCoupleGaps recomputes the couples of the clients it is given.
    const coupled = parseRows(
      z.object({ id: z.string() }),
      await tx.execute(sql`
        select min(id::text) as id from clients where practice_id = ${practiceId} and couple_id is not null group by couple_id order by 1
      `),
    ).map((row) => row.id);
    for (let i = 0; i < coupled.length; i += COUPLED_CLIENTS_PER_CALL) {
      await refreshCoupleGaps(tx, coupled.slice(i, i + COUPLED_CLIENTS_PER_CALL));
    }
    await rebuildPracticeAggregates(tx, practiceId);
    await rebuildPracticeReliabilitySums(tx, practiceId);
    await refreshPracticeCourseFigures(tx, practiceId); // The expected course (lib/measures/course-figures.ts).
  });
}
