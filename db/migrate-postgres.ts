import { readMigrationFiles } from "drizzle-orm/migrator";

/*
 * Applies the committed migrations to PostgreSQL in ONE transaction that first takes a
 * transaction-scoped advisory lock. That is what makes it safe through a pooler in transaction
 * mode (PgBouncer): a session lock (`pg_advisory_lock`) would be taken on one server connection
 * and released on another, and stay held for good. A transaction keeps its server connection from
 * BEGIN to COMMIT, and the lock ends with it. Several instances starting at once queue on the lock;
 * each then sees what the first applied and has nothing left to do.
 *
 * Same bookkeeping as drizzle-orm's own migrator (table drizzle.__drizzle_migrations, a row per
 * migration with its hash and journal time), so databases migrated by either agree.
 */

/** What the migrator needs from a connection: `pg`'s Client and PoolClient both fit. */
export type MigrationConnection = { query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };

/** Arbitrary constant: serialises migrations when several app instances start at once. */
export const MIGRATION_LOCK_KEY = 727_140_001;

/**
 * With nothing pending it only reads the journal, so the app's own least-privileged role (which
 * may not create anything) starts cleanly; a pending migration then fails on its first statement,
 * and `npm run db:migrate` as the owner applies it (and grants the app's role: db/app-role.ts).
 */
export async function migratePostgres(connection: MigrationConnection, migrationsFolder: string): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder });
  await connection.query("begin");
  try {
    // A migration may rewrite a large table: no statement limit, but never wait long for a lock
    // held by live traffic (fail, and the next start tries again).
    await connection.query(
      "select set_config('statement_timeout', '0', true), set_config('lock_timeout', '60s', true), set_config('idle_in_transaction_session_timeout', '0', true)",
    );
    await connection.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    const last = await lastApplied(connection);
    const pending = migrations.filter((migration) => last === null || last < migration.folderMillis);
    if (pending.length > 0 && last === null) {
      await connection.query('create schema if not exists "drizzle"');
      await connection.query('create table if not exists "drizzle"."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint)');
    }
    let applied = 0;
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim()) await connection.query(statement);
      }
      await connection.query('insert into "drizzle"."__drizzle_migrations" (hash, created_at) values ($1, $2)', [migration.hash, migration.folderMillis]);
      applied++;
    }
    await connection.query("commit");
    return { applied };
  } catch (error) {
    await connection.query("rollback").catch(() => undefined);
    throw error;
  }
}

/** The journal time of the newest applied migration; null on a database never migrated. */
async function lastApplied(connection: MigrationConnection): Promise<number | null> {
  const { rows: journal } = await connection.query(`select to_regclass('"drizzle"."__drizzle_migrations"') is not null as present`);
  if (!(journal[0] as { present: boolean }).present) return null;
  const { rows } = await connection.query('select created_at from "drizzle"."__drizzle_migrations" order by created_at desc limit 1');
  return rows[0] ? Number((rows[0] as { created_at: string | number }).created_at) : null;
}
