// Everything derived from a practice's assessments, recomputed from its history with the same
// definitions the write path (./record.ts) keeps them by (issue 22): each client's latest
// (lib/scores/client-latest.ts), the stored totals (lib/scores/stored-totals.ts), the couples' gaps
// and their changes (lib/couples/couple-gap.ts), the overview's aggregates (lib/overview/aggregates.ts) and the
// reliability report's sums (lib/measures/sums.ts). For a
// backfill and for the bench seed, which writes source rows only and then calls this; a change of
// time zone needs only the overview's part (lib/overview/rebuild.ts). No `server-only`: it runs in
// plain Node too.
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rebuildPracticeCoupleGaps } from "@/lib/couples/couple-gap";
import { rebuildPracticeReliabilitySums } from "@/lib/measures/sums";
import { refreshPracticeCourseFigures } from "@/lib/measures/course-figures";
import { rebuildPracticeAggregates } from "@/lib/overview/aggregates";
import { refreshClientLatest } from "@/lib/scores/client-latest";
import { refreshInstrumentTotals } from "@/lib/scores/stored-totals";

export async function rebuildPracticeDerived(executor: Executor, practiceId: string): Promise<void> {
  await executor.transaction(async (tx) => {
    await refreshClientLatest(tx, sql`clients.practice_id = ${practiceId}`);
    await refreshInstrumentTotals(tx, sql`a.practice_id = ${practiceId}`, sql`t.practice_id = ${practiceId}`);
    await rebuildPracticeCoupleGaps(tx, practiceId);
    await rebuildPracticeAggregates(tx, practiceId);
    await rebuildPracticeReliabilitySums(tx, practiceId);
    await refreshPracticeCourseFigures(tx, practiceId); // The expected course (lib/measures/course-figures.ts).
  });
}
