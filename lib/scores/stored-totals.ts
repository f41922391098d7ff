// The one definition of `client_instrument_totals` (issue 22): each client's first and latest total
// per total-scored instrument and how many there are, recomputed from the history for the clients
// `filter` selects — by the write path (lib/assessments/record.ts, the clients of a batch with a
// total) and by the rebuild of a practice (lib/assessments/rebuild-derived.ts). No `server-only`: the
// write path runs in plain Node too (seed, fixtures).
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";

/**
 * Recomputes the stored totals of the clients `filter` (over `assessments a`) selects; `clientFilter`
 * (over `client_instrument_totals t`) selects the same clients' old rows, deleted first.
 */
export async function refreshInstrumentTotals(executor: Executor, filter: SQL, clientFilter: SQL): Promise<void> {
  await executor.execute(sql`delete from client_instrument_totals t where ${clientFilter}`);
  await executor.execute(sql`
    insert into client_instrument_totals (client_id, instrument_key, practice_id, instrument_version, latest_assessment_id,
      latest_total, latest_at, first_total, first_at, assessment_count)
    select distinct on (a.client_id, a.instrument_key)
      a.client_id, a.instrument_key, a.practice_id, a.instrument_version, a.id, a.total, a.completed_at,
      first_value(a.total) over w, first_value(a.completed_at) over w, (count(*) over (partition by a.client_id, a.instrument_key))::int
    from assessments a
    where a.total is not null and ${filter}
    window w as (partition by a.client_id, a.instrument_key order by a.completed_at, a.id)
    order by a.client_id, a.instrument_key, a.completed_at desc, a.id desc
  `);
}
