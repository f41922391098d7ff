// `npm run backup -- FILE`: one consistent file of the whole database (lib/operations/backup.ts).
// PostgreSQL (DATABASE_URL): pg_dump's custom format. Embedded (PGLITE_DIR): PGlite's own dump,
// only while the app is stopped (the owner can also download one from the running app's Settings).
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/config/env";
import { EmbeddedDatabaseInUseError } from "@/db/client";
import { backupEmbedded, backupPostgres, OperationError } from "@/lib/operations/backup";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("Usage: npm run backup -- FILE   (writes the whole database to FILE; DATABASE_URL or PGLITE_DIR names it)");
  process.exit(2);
}

try {
  if (fs.existsSync(file)) throw new OperationError(`${file} already exists: choose a new name (a backup never overwrites a file).`);
  const env = getEnv();
  if (env.DATABASE_URL) {
    const { notes } = await backupPostgres(env.DATABASE_URL, file);
    for (const note of notes) console.log(note);
  } else {
    await backupEmbedded(env.PGLITE_DIR, file);
  }
  console.log(`Backed up ${env.DATABASE_URL ? "the PostgreSQL database" : `the embedded database in ${path.resolve(env.PGLITE_DIR)}`} to ${file} (${fs.statSync(file).size} bytes).`);
} catch (error) {
  if (error instanceof OperationError || error instanceof EmbeddedDatabaseInUseError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
