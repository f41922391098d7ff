import path from "node:path";
import pg from "pg";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres } from "./migrate-postgres";
import { createThrowawayDatabase } from "./throwaway-database";

// Migrations must be safe through a pooler in transaction mode: one transaction, a
// transaction-scoped lock (no session lock left on a server connection). PostgreSQL only.
const onPostgres = Boolean(process.env.DATABASE_URL);
const folder = path.join(process.cwd(), "db", "migrations");

describe.skipIf(!onPostgres)("migrations on PostgreSQL (skipped on PGlite)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  async function connect(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    cleanup.push(() => client.end());
    return client;
  }

  it("applies every migration once when several instances start at once, and leaves no lock behind", async () => {
    const database = await createThrowawayDatabase(process.env.DATABASE_URL!, "attune_migrate");
    cleanup.push(database.drop);
    const clients = await Promise.all([1, 2, 3].map(() => connect(database.url)));

    const results = await Promise.all(clients.map((client) => migratePostgres(client, folder)));
    const journal = readMigrationFiles({ migrationsFolder: folder });
    expect(results.map((result) => result.applied).sort()).toEqual([0, 0, journal.length]);

    const { rows } = await clients[0]!.query('select hash from "drizzle"."__drizzle_migrations" order by created_at');
    expect(rows.map((row: { hash: string }) => row.hash)).toEqual(journal.map((migration) => migration.hash));
    // No advisory lock outlives the transactions, and no connection is left inside one.
    const locks = await clients[0]!.query("select count(*)::int as n from pg_locks where locktype = 'advisory'");
    expect(locks.rows[0].n).toBe(0);
    for (const client of clients) expect((await client.query("select 1 as one")).rows[0].one).toBe(1);
    // Run again: nothing to do.
    expect(await migratePostgres(clients[1]!, folder)).toEqual({ applied: 0 });
  });
});
