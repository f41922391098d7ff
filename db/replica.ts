import { performance } from "node:perf_hooks";
import { withReplicas, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import { log as rootLog } from "@/config/log";
import type * as schema from "./schema";

type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/*
 * A streaming read replica (DATABASE_REPLICA_URL) for the read-only dashboards and exports.
 * The database handed to them is Drizzle's `withReplicas`: its selects run on the replica, its
 * inserts, updates, deletes and transactions on the primary (an export's audit row lands where it
 * must); raw `execute` — how the overview reads — is sent to the replica too, as only reads are
 * written that way in the dashboards.
 *
 * Used only while the replica answers and is caught up: checked at most once a second (it is a
 * standby, and has replayed what it received or is less than MAX_LAG_SECONDS behind). Otherwise
 * the primary serves, and the change is logged both ways, with counters for /api/health.
 */

const MAX_LAG_SECONDS = 5;
const CHECK_EVERY_MS = 1000;

const log = rootLog.child({ module: "db.replica" });

export type ReplicaStats = { servedByReplica: number; servedByPrimary: number; fallbacks: number; usable: boolean | null };

export type Replica = {
  /** The database a dashboard reads with: the replica when usable, else the primary. */
  readDb: () => Promise<Database>;
  stats: () => ReplicaStats;
  close: () => Promise<void>;
};

export function makeReplica(primary: Database, replicaPool: Pool, replicaDb: Database): Replica {
  const routed = withReplicas(primary, [replicaDb]) as unknown as Database;
  routed.execute = replicaDb.execute.bind(replicaDb) as Database["execute"];

  let usable: boolean | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<boolean> | null = null;
  const counts = { servedByReplica: 0, servedByPrimary: 0, fallbacks: 0 };

  async function check(): Promise<boolean> {
    let ok = false;
    let reason = "";
    try {
      const { rows } = await replicaPool.query<{ standby: boolean; caught_up: boolean | null; lag: number | null }>(
        `select pg_is_in_recovery() as standby,
                pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() as caught_up,
                extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag`,
      );
      const row = rows[0]!;
      ok = row.standby && (row.caught_up === true || (row.lag ?? 0) <= MAX_LAG_SECONDS);
      if (!row.standby) reason = "not a standby";
      else if (!ok) reason = `lagging ${Math.round(row.lag ?? 0)} s behind`;
    } catch (error) {
      reason = (error as Error).message;
    }
    if (ok !== usable) {
      if (ok) log.info("read replica in use for dashboards");
      else {
        counts.fallbacks++;
        log.warn({ reason }, "read replica unavailable: dashboards read from the primary");
      }
    }
    usable = ok;
    checkedAt = performance.now();
    return ok;
  }

  async function isUsable(): Promise<boolean> {
    if (performance.now() - checkedAt < CHECK_EVERY_MS) return usable ?? false;
    checking ??= check().finally(() => (checking = null));
    return checking;
  }

  return {
    readDb: async () => {
      if (await isUsable()) {
        counts.servedByReplica++;
        return routed;
      }
      counts.servedByPrimary++;
      return primary;
    },
    stats: () => ({ ...counts, usable }),
    close: () => replicaPool.end(),
  };
}
