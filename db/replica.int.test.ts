import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "./client";
import { makeReplica } from "./replica";
import * as schema from "./schema";

// The fallbacks of the read replica (db/replica.ts), where no replica can be had: a server that is
// not a standby, and one that does not answer. A real streaming replica serving the dashboards is
// .ci/replica.sh's. PostgreSQL only.
const onPostgres = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onPostgres)("read replica fallbacks (skipped on PGlite)", () => {
  const pools: pg.Pool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
  });

  function replicaAt(url: string) {
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 1000 });
    pool.on("error", () => {});
    pools.push(pool);
    return { pool, db: drizzle(pool, { schema }) };
  }

  it("reads from the primary when the replica is not a standby", async () => {
    const primary = await getDb();
    const notStandby = replicaAt(process.env.DATABASE_URL!);
    const replica = makeReplica(primary, notStandby.pool, notStandby.db as unknown as typeof primary);
    expect(await replica.readDb()).toBe(primary);
    expect(replica.stats()).toMatchObject({ usable: false, fallbacks: 1, servedByPrimary: 1, servedByReplica: 0 });
  });

  it("reads from the primary when the replica does not answer, and keeps serving", async () => {
    const primary = await getDb();
    const down = new URL(process.env.DATABASE_URL!);
    down.port = "1"; // nothing listens there
    const gone = replicaAt(down.toString());
    const replica = makeReplica(primary, gone.pool, gone.db as unknown as typeof primary);
    for (let i = 0; i < 3; i++) {
      const db = await replica.readDb();
      expect(db).toBe(primary);
      expect(((await db.execute(sql`select 2 as two`)) as unknown as { rows: { two: number }[] }).rows[0]!.two).toBe(2);
    }
    // Logged once when it became unusable, not on every read.
    expect(replica.stats()).toMatchObject({ usable: false, fallbacks: 1, servedByPrimary: 3 });
  });
});
