// `npm run restore -- FILE`: a backup made by `npm run backup` into an EMPTY database
// (DATABASE_URL) or an empty or new folder (PGLITE_DIR); refuses anything that holds data.
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/config/env";
import { EmbeddedDatabaseInUseError } from "@/db/client";
import { backupKindOf, OperationError, restoreEmbedded, restorePostgres } from "@/lib/operations/backup";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("Usage: npm run restore -- FILE   (into the empty database DATABASE_URL names, or an empty PGLITE_DIR)");
  process.exit(2);
}

try {
  if (!fs.existsSync(file)) throw new OperationError(`${file} does not exist.`);
  const env = getEnv();
  const kind = backupKindOf(file);
  if (kind === null) throw new OperationError(`${file} is not a backup made by \`npm run backup\`.`);
  if (kind === "postgres" && !env.DATABASE_URL) throw new OperationError(`${file} is a PostgreSQL backup: set DATABASE_URL to an empty database to restore it.`);
  if (kind === "embedded" && env.DATABASE_URL) throw new OperationError(`${file} is a backup of the embedded database: unset DATABASE_URL and set PGLITE_DIR to an empty folder to restore it.`);
  if (env.DATABASE_URL) await restorePostgres(env.DATABASE_URL, file);
  else await restoreEmbedded(env.PGLITE_DIR, file);
  console.log(`Restored ${file} into ${env.DATABASE_URL ? "the PostgreSQL database" : path.resolve(env.PGLITE_DIR)}. Start the app: it applies any newer migrations.`);
} catch (error) {
  if (error instanceof OperationError || error instanceof EmbeddedDatabaseInUseError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
