import fs from "node:fs";
import os from "node:os";
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
    // The database's JIT is off for connections opened after (migration jit_off, decision 0043).
    expect((await clients[0]!.query("show jit")).rows[0].jit).toBe("on");
    expect((await (await connect(database.url)).query("show jit")).rows[0].jit).toBe("off");
  });

  it("chains the audit rows written before the hash chain existed (the audit_chain migration's backfill)", async () => {
    const database = await createThrowawayDatabase(process.env.DATABASE_URL!, "attune_migrate");
    cleanup.push(database.drop);
    const client = await connect(database.url);
    // The migrations up to the one before the chain, in a folder of their own.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "attune-migrations-"));
    cleanup.push(async () => fs.rmSync(before, { recursive: true, force: true }));
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8"));
    const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag.endsWith("_audit_chain"));
    fs.mkdirSync(path.join(before, "meta"));
    fs.writeFileSync(path.join(before, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
    for (const entry of journal.entries.slice(0, cut)) fs.copyFileSync(path.join(folder, `${entry.tag}.sql`), path.join(before, `${entry.tag}.sql`));
    await migratePostgres(client, before);
    for (let i = 0; i < 3; i++) {
      await client.query("insert into audit_events (action, subject_type, details) values ('user.sign_in_failed', 'user', $1)", [{ i }]);
    }

    expect((await migratePostgres(client, folder)).applied).toBeGreaterThan(0);
    const { rows } = await client.query("select chain_seq, hash from audit_events order by id");
    expect(rows.map((row: { chain_seq: string }) => Number(row.chain_seq))).toEqual([1, 2, 3]);
    const { rows: check } = await client.query(`
      select bool_and(hash = audit_event_hash(coalesce(prev, ''), e)) as whole
      from (select e, e.hash, lag(e.hash) over (order by e.chain_seq) as prev from audit_events e) linked`);
    expect(check[0].whole).toBe(true);
    const { rows: heads } = await client.query("select chain_key, last_seq, last_hash = (select hash from audit_events where chain_seq = 3) as at_tail from audit_chain_heads");
    expect(heads).toEqual([{ chain_key: "", last_seq: "3", at_tail: true }]);
    // The next row links on.
    await client.query("insert into audit_events (action, subject_type) values ('user.sign_in_failed', 'user')");
    expect((await client.query("select max(chain_seq)::int as n from audit_events")).rows[0].n).toBe(4);
  });
});
