import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { getEnv } from "@/config/env";
import { log as rootLog } from "@/config/log";
import { migratePostgres } from "./migrate-postgres";
import { makeReplica, type Replica, type ReplicaStats } from "./replica";
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
  /** With DATABASE_REPLICA_URL: where read-only dashboards read (db/replica.ts). */
  replica?: Replica;
};

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Server-side limits for every transaction, so that no one request can hold a connection (or a
 * lock) for long: a statement runs at most 30 s; waiting for a row lock fails after 10 s instead
 * of queueing behind whoever holds it (paths that must stay responsive set a shorter one after
 * this); a transaction left open and idle (a bug, or a client lost mid-transaction) is ended after
 * 15 s, releasing its locks. `set_config(…, true)` is `SET LOCAL`: it ends with the transaction,
 * so nothing is left on a server connection a pooler hands to someone else.
 */
const SERVER_LIMITS = sql.raw(
  "select set_config('statement_timeout', '30s', true), set_config('lock_timeout', '10s', true), " +
    "set_config('idle_in_transaction_session_timeout', '15s', true)",
);

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

/**
 * The database for a read-only dashboard or export: the streaming replica when one is configured,
 * answers and is caught up, unless `fresh` (the person wrote a moment ago and must see it: read
 * your writes); otherwise the primary. Writes made through it still go to the primary.
 */
export async function getReadDb(options: { fresh: boolean }): Promise<Database> {
  const handle = await getHandle();
  if (!handle.replica || options.fresh) return handle.db;
  return handle.replica.readDb();
}

/** How reads were routed in this process (null when there is no replica). */
export async function replicaStats(): Promise<ReplicaStats | null> {
  return (await getHandle()).replica?.stats() ?? null;
}

async function openPostgres(connectionString: string, max: number): Promise<Handle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({
    connectionString,
    max,
    // Also bounds the wait for a free connection when all are busy.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // No server settings as startup parameters: a pooler in transaction mode (PgBouncer) refuses
    // them. The server-side limits are set per transaction (SERVER_LIMITS, below) and, for the
    // statements outside one, per role (README "Scaling": `alter role … set statement_timeout`).
    // Client-side, for a server that stops answering without closing the connection.
    query_timeout: 35_000,
    keepAlive: true,
  });
  // Idle clients emit `error` when Postgres restarts; unhandled, that would kill the process.
  pool.on("error", (error) => log.error({ err: error }, "idle PostgreSQL client error"));

  await migrateOnce(pool, getEnv().DATABASE_DIRECT_URL).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });

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
      return await (drizzle(client, { schema }) as unknown as Database).transaction(async (tx) => {
        await tx.execute(SERVER_LIMITS);
        return work(tx);
      }, config);
    } finally {
      client.off("error", onError);
      client.release(client.getTransactionStatus() === "I" ? undefined : new Error("connection left inside a transaction"));
    }
  }) as Database["transaction"];
  const executeSql: ExecuteSql = (text, values) => pool.query(text, values);
  const replica = await openReplica(db, getEnv().DATABASE_REPLICA_URL, max);
  return {
    db,
    driver: "pg",
    executeSql,
    replica,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    close: async () => {
      await replica?.close();
      await pool.end();
    },
  };
}

async function openReplica(primary: Database, url: string | undefined, max: number): Promise<Replica | undefined> {
  if (!url) return undefined;
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  // Short connection timeout: a replica that is down must hand over to the primary quickly.
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 1000, idleTimeoutMillis: 30_000, query_timeout: 35_000, keepAlive: true });
  pool.on("error", (error) => log.error({ err: error }, "idle replica client error"));
  return makeReplica(primary, pool, drizzle(pool, { schema }) as unknown as Database);
}

/**
 * Applies pending migrations (db/migrate-postgres.ts: one transaction, a transaction-scoped lock).
 * Through DATABASE_DIRECT_URL when set (a pooler in front of the server need not carry DDL), else
 * on a connection of the pool: both are safe through a pooler in transaction mode.
 */
async function migrateOnce(pool: import("pg").Pool, directUrl: string | undefined): Promise<void> {
  const { Client } = await import("pg");
  const client = directUrl ? new Client({ connectionString: directUrl, connectionTimeoutMillis: 5000 }) : await pool.connect();
  const release = directUrl ? () => (client as import("pg").Client).end() : async () => (client as import("pg").PoolClient).release();
  try {
    if (directUrl) await (client as import("pg").Client).connect();
    const { applied } = await migratePostgres(client, MIGRATIONS_FOLDER);
    if (applied > 0) log.info({ applied, direct: Boolean(directUrl) }, "migrations applied");
  } finally {
    await release();
  }
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
