// The one definition of what a client row keeps of its history (issue 22): `last_assessment_at`
// (the newest completed assessment, any instrument) and `latest_overall` (the overall closeness of
// the newest closeness assessment), which the caseload shows and sorts by without reading
// assessments. Recomputed from the history for the clients `filter` selects, by the write path
// (lib/assessments/record.ts, the clients of a batch) and the rebuild of a practice
// (lib/assessments/rebuild-derived.ts, which the bench seed calls too). No `server-only`: the write path runs in plain Node too (seed, fixtures).
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { closenessV1 } from "@/lib/instruments";

/** Recomputes `last_assessment_at` and `latest_overall` of the clients `filter` (over `clients`) selects. */
export async function refreshClientLatest(executor: Executor, filter: SQL): Promise<void> {
  // By the index on assessments (practice_id, client_id, completed_at): one probe per client.
  await executor.execute(sql`
    update clients set
      last_assessment_at = (
        select max(a.completed_at) from assessments a where a.practice_id = clients.practice_id and a.client_id = clients.id
      ),
      latest_overall = (
        select a.overall from assessments a
        where a.practice_id = clients.practice_id and a.client_id = clients.id and a.instrument_key = ${closenessV1.key}
        -- Two closeness assessments of one client at the same instant: either is "the latest".
        order by a.completed_at desc, a.id desc
        limit 1
      )
    where ${filter}
  `);
}
