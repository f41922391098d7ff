import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { getEnv } from "@/config/env";
import { log as rootLog } from "@/config/log";
import * as schema from "./schema";

/** Both drivers share this type; `NodePgDatabase | PgliteDatabase` would break `.returning()`. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction has the same query API as the database; lib functions accept either. */
export type Executor = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;

/** Plain SQL on the same connections, for a library that brings its own queries (the job engine). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

type Handle = {
  db: Database;
  driver: "pg" | "pglite";
  executeSql: ExecuteSql;
  close: () => Promise<void>;
  /** PostgreSQL only: the pool's connections, for /api/metrics. */
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
};

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
/** Arbitrary constant: serialises migrations when several app instances start at once. */
const MIGRATION_LOCK_KEY = 727_140_001;

// Kept on globalThis so that hot reloads in `next dev` reuse the open database (and its lock)
// instead of trying to open the embedded folder a second time.
const store = globalThis as typeof globalThis & { __attuneDb?: Promise<Handle> };

const log = rootLog.child({ module: "db" });

/** The database, opened (and migrated) on first use. Never at import time: `next build` must not open it. */
export async function getDb(): Promise<Database> {
  return (await getHandle()).db;
}

export function getHandle(): Promise<Handle> {
  if (!store.__attuneDb) {
    store.__attuneDb = openDatabase().catch((error: unknown) => {
      // A cached rejection would turn one failed start into permanent errors.
      store.__attuneDb = undefined;
      throw error;
    });
  }
  return store.__attuneDb;
}

export async function closeDb(): Promise<void> {
  const pending = store.__attuneDb;
  store.__attuneDb = undefined;
  if (pending) await (await pending).close();
}

/** Resolves when the database answers a trivial query, rejects otherwise (within `timeoutMs`). */
export async function pingDb(timeoutMs = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([getDb().then((db) => db.execute(sql`select 1`)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function databaseDescription(): string {
  const env = getEnv();
  return env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${env.PGLITE_DIR}`;
}

// The environment is read when the database opens, not at import: tests switch DATABASE_URL.
async function openDatabase(): Promise<Handle> {
  const env = getEnv();
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL, env.DATABASE_POOL_MAX) : openEmbedded(env.PGLITE_DIR);
}

async function openPostgres(connectionString: string, max: number): Promise<Handle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({
    connectionString,
    max,
    // Also bounds the wait for a free connection when all are busy.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // Server-side limits, so that no one request can hold a connection (or a lock) for long:
    // a query runs at most 30 s; waiting for a row lock fails after 10 s instead of queueing
    // behind whoever holds it (paths that must stay responsive set a shorter one per transaction);
    // a transaction left open and idle (a bug, or a client lost mid-transaction) is ended after
    // 15 s, releasing its locks.
    statement_timeout: 30_000,
    lock_timeout: 10_000,
    idle_in_transaction_session_timeout: 15_000,
    // Client-side, for a server that stops answering without closing the connection.
    query_timeout: 35_000,
    keepAlive: true,
  });
  // Idle clients emit `error` when Postgres restarts; unhandled, that would kill the process.
  pool.on("error", (error) => log.error({ err: error }, "idle PostgreSQL client error"));

  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    client.release();
    await pool.end();
    throw error;
  }
  client.release();

  const db = drizzle(pool, { schema }) as unknown as Database;
  db.transaction = (async (work, config) => {
    // Drizzle's own pooled transaction never releases its client when BEGIN fails (a backend
    // killed, PostgreSQL restarting), so each such failure would leak a connection until the pool
    // is empty for good. Here the client is always released, and thrown away unless it is back
    // outside any transaction: a failed COMMIT or ROLLBACK leaves it unusable.
    const client = await pool.connect();
    // A checked-out client has no listener for `error`; the connection dropping between two of
    // the transaction's statements would then be an uncaught exception. The failure reaches the
    // caller through the next statement anyway.
    const onError = (error: Error) => log.error({ err: error }, "PostgreSQL connection lost during a transaction");
    client.on("error", onError);
    try {
      return await (drizzle(client, { schema }) as unknown as Database).transaction(work, config);
    } finally {
      client.off("error", onError);
      client.release(client.getTransactionStatus() === "I" ? undefined : new Error("connection left inside a transaction"));
    }
  }) as Database["transaction"];
  const executeSql: ExecuteSql = (text, values) => pool.query(text, values);
  const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max });
  return { db, driver: "pg", executeSql, close: () => pool.end(), poolStats };
}

export class EmbeddedDatabaseInUseError extends Error {
  constructor(dir: string) {
    super(
      `The embedded database in ${path.resolve(dir)} is in use by another process ` +
        `(a running \`npm run dev\`, \`next start\` or script). PGlite cannot be shared between ` +
        `processes without losing data: stop the other process first, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "EmbeddedDatabaseInUseError";
  }
}

async function openEmbedded(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const extensions = { pg_trgm };
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  if (dir.startsWith("memory://")) {
    const client = await PGlite.create({ extensions });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: db as unknown as Database, driver: "pglite", executeSql: pgliteExecuteSql(client), close: () => client.close() };
  }

  const release = await lockEmbeddedDir(dir);
  try {
    const client = await PGlite.create(dir, { extensions });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db: db as unknown as Database,
      driver: "pglite",
      executeSql: pgliteExecuteSql(client),
      close: async () => {
        await client.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * PGlite's `query` takes parameters but one statement; `exec` takes several statements (the job
 * engine sends `BEGIN; …; COMMIT;` as one string) but no parameters. Either way PGlite runs one
 * at a time on its single connection, so a multi-statement string is not interleaved with others.
 */
function pgliteExecuteSql(client: import("@electric-sql/pglite").PGlite): ExecuteSql {
  return async (text, values) => {
    if (values && values.length > 0) return client.query(text, values);
    const results = await client.exec(text);
    return results.at(-1) ?? { rows: [] };
  };
}

/**
 * PGlite has no lock of its own: two processes on one folder silently lose rows. We hold an
 * exclusive lock (a `<dir>.lock` folder kept fresh by proper-lockfile) for as long as the
 * database is open; a second process refuses to start with a clear message.
 */
export async function lockEmbeddedDir(dir: string): Promise<() => Promise<void>> {
  const lockfile = await import("proper-lockfile");
  // PGlite does not create parent folders.
  fs.mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, {
      realpath: false,
      stale: 30_000,
      update: 10_000,
      retries: 0,
      onCompromised: (error) =>
        log.error({ err: error, dir }, "lost the lock on the embedded database folder; another process may have opened it"),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new EmbeddedDatabaseInUseError(dir);
    throw error;
  }
}
