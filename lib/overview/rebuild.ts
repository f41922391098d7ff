import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { log as rootLog } from "@/config/log";
import { getDb, type Executor } from "@/db/client";
import { practices } from "@/db/schema";
import { rebuildPracticeAggregates } from "./aggregates";

/*
 * The overview's aggregates rebuilt off the request (issue 27). A change of the practice's time
 * zone only marks them stale (`practices.aggregates_stale_since`) and asks the job engine for a run;
 * the overview says "being recalculated" until this has rebuilt them. The mark is cleared only if
 * it is still the one the rebuild started from: a second change meanwhile leaves it for the next run.
 */

const log = rootLog.child({ module: "overview-rebuild" });

/** A rebuild is one transaction over a practice's whole history: more than a request's 30 s may be needed. */
const REBUILD_STATEMENT_TIMEOUT = "10min";

/** More of a practice's derived data to rebuild in the same transaction (a layer above passes it: the reliability sums). */
export type AlsoRebuild = (executor: Executor, practiceId: string) => Promise<void>;

/**
 * Rebuilds every practice whose aggregates are stale, oldest mark first, and whatever `also`
 * rebuilds (the job passes the reliability sums and the couples' comparisons: a migration that adds a derived table marks the
 * practices stale to backfill it through its one definition). Safe to run twice or at once.
 */
export async function runAggregateRebuilds(also?: AlsoRebuild): Promise<{ rebuilt: number }> {
  const db = await getDb();
  const due = await db
    // The mark as PostgreSQL's text: a mark set by SQL (a migration's now()) has microseconds, which
    // a JavaScript Date would drop, and the mark would then never match below.
    .select({ id: practices.id, staleSince: sql<string>`${practices.aggregatesStaleSince}::text` })
    .from(practices)
    .where(isNotNull(practices.aggregatesStaleSince))
    .orderBy(practices.aggregatesStaleSince)
    .limit(20);
  let rebuilt = 0;
  for (const practice of due) {
    const started = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${REBUILD_STATEMENT_TIMEOUT}, true)`);
      await rebuildPracticeAggregates(tx, practice.id);
      if (also) await also(tx, practice.id);
      await tx
        .update(practices)
        .set({ aggregatesStaleSince: null })
        .where(and(eq(practices.id, practice.id), sql`${practices.aggregatesStaleSince} = ${practice.staleSince}::timestamptz`));
    });
    rebuilt++;
    log.info({ practiceId: practice.id, ms: Math.round(performance.now() - started) }, "overview aggregates rebuilt");
  }
  return { rebuilt };
}
