import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { lockEmbeddedDir } from "@/db/client";

/*
 * `npm run backup -- FILE` and `npm run restore -- FILE` (scripts/backup.ts, scripts/restore.ts).
 *
 * PostgreSQL: pg_dump's custom format, one consistent snapshot of the whole database (every schema:
 * the app's tables, the migration journal, the job queue), restored with pg_restore in one
 * transaction. The tools come from the PATH and must be at least the server's major version.
 *
 * The embedded database (PGlite): its own dump, a gzipped tarball of the data folder, taken while
 * nothing else has the folder open (its lock, db/client.ts) — or by the running app itself
 * (`dumpRunningEmbedded`), which holds the lock and pauses queries and transactions while it copies.
 *
 * A restore goes only into an empty database or folder: it never merges into, or overwrites, data.
 */

const run = promisify(execFile);

/** A refusal or failure with a message for the person running the command (no stack trace needed). */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperationError";
  }
}

export type BackupKind = "postgres" | "embedded";

/** What a backup file holds, by its first bytes: pg_dump's custom format, or a gzip (PGlite's dump). */
export function backupKindOf(file: string): BackupKind | null {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "embedded";
  return null;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** The connection for pg_dump/pg_restore: the URL without its password, which goes in PGPASSWORD (not on the command line, where `ps` shows it). */
function toolConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function toolMajor(tool: "pg_dump" | "pg_restore"): Promise<number> {
  let output: string;
  try {
    output = (await run(tool, ["--version"])).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new OperationError(
        `${tool} was not found on the PATH. Install the PostgreSQL client tools of your server's major version ` +
          `(Debian: apt-get install postgresql-client-NN) and run this again.`,
      );
    }
    throw error;
  }
  const major = /(\d+)(?:\.\d+)?/.exec(output)?.[1];
  if (!major) throw new OperationError(`Could not read the version of ${tool} from: ${output.trim()}`);
  return Number(major);
}

async function serverMajor(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    return Math.floor(Number(rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}

/** pg_dump or pg_restore must be of the server's major version or newer; older ones refuse or misread. */
async function checkTool(tool: "pg_dump" | "pg_restore", databaseUrl: string): Promise<{ tool: number; server: number }> {
  const [toolVersion, server] = await Promise.all([toolMajor(tool), serverMajor(databaseUrl)]);
  if (toolVersion < server) {
    throw new OperationError(
      `${tool} on the PATH is version ${toolVersion}, the server is PostgreSQL ${server}: install the client tools of version ${server} ` +
        `(Debian: apt-get install postgresql-client-${server}; they are in /usr/lib/postgresql/${server}/bin) and put them first on the PATH.`,
    );
  }
  return { tool: toolVersion, server };
}

/** Writes the whole database to `file` (pg_dump, custom format). */
export async function backupPostgres(databaseUrl: string, file: string): Promise<{ notes: string[] }> {
  const versions = await checkTool("pg_dump", databaseUrl);
  const { dbname, env } = toolConnection(databaseUrl);
  const partial = `${file}.partial`;
  try {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${dbname}`], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new OperationError(`pg_dump failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  }
  // Only a complete dump takes the name: an interrupted one never passes for a backup.
  fs.renameSync(partial, file);
  const notes =
    versions.tool > versions.server
      ? [`pg_dump ${versions.tool} made this backup of PostgreSQL ${versions.server}: restore it with pg_restore ${versions.tool} or newer.`]
      : [];
  return { notes };
}

/** The relations in the database outside PostgreSQL's own schemas: none means empty. */
export async function countUserRelations(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`
      select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
        and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')`);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Restores `file` into the empty database `databaseUrl` names, in one transaction; refuses a non-empty one. */
export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const existing = await countUserRelations(databaseUrl);
  if (existing > 0) {
    throw new OperationError(
      `The database "${name}" is not empty (${existing} tables, views or sequences). A restore goes only into an empty database: ` +
        `create a new one (createdb NAME) and point DATABASE_URL at it.`,
    );
  }
  await checkTool("pg_restore", databaseUrl);
  const { dbname, env } = toolConnection(databaseUrl);
  try {
    await run("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${dbname}`, file], {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    throw new OperationError(`pg_restore failed, and restored nothing: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  }
  // pg_restore brings rows, not the planner's statistics.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("analyze");
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The embedded database (PGlite)

type PGliteModule = typeof import("@electric-sql/pglite");

async function openPGlite(dir: string, loadDataDir?: Blob) {
  const { PGlite }: PGliteModule = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  return PGlite.create(dir, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
}

/**
 * A consistent dump of an open PGlite: no statement and no transaction runs while it is copied
 * (PGlite's own query takes the transaction lock too, so only the dump may run inside it). The
 * checkpoint first keeps the write-ahead log to replay short.
 */
export async function dumpPGlite(client: import("@electric-sql/pglite").PGlite): Promise<Blob> {
  await client.query("checkpoint");
  return client._runExclusiveTransaction(() => client.dumpDataDir("gzip"));
}

async function writeBlob(blob: Blob, file: string): Promise<void> {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(partial, file);
}

/** Dumps the embedded database in `dir` to `file`, holding its lock: refuses while the app has it open. */
export async function backupEmbedded(dir: string, file: string): Promise<void> {
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) throw new OperationError(`There is no embedded database in ${path.resolve(dir)} (PGLITE_DIR).`);
  const release = await lockEmbeddedDir(dir);
  try {
    const client = await openPGlite(dir);
    try {
      await writeBlob(await dumpPGlite(client), file);
    } finally {
      await client.close();
    }
  } finally {
    await release();
  }
}

/** Restores a PGlite dump into `dir`, which must be missing or empty. */
export async function restoreEmbedded(dir: string, file: string): Promise<void> {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new OperationError(`The folder ${path.resolve(dir)} (PGLITE_DIR) is not empty. A restore goes only into an empty or new folder: set PGLITE_DIR to one.`);
  }
  const release = await lockEmbeddedDir(dir);
  try {
    const bytes = fs.readFileSync(file);
    const client = await openPGlite(dir, new Blob([bytes]));
    await client.close();
  } finally {
    await release();
  }
}
