// Applies committed migrations to DATABASE_URL (or the embedded database). Safe to re-run.
// On PostgreSQL it also makes the job engine's tables (db/job-schema.ts) and, with
// APP_DATABASE_ROLE=<role>, grants that login role what the app needs (db/app-role.ts).
import pg from "pg";
import { getEnv } from "@/config/env";
import { grantAppRole } from "./app-role";
import { databaseDescription, getHandle } from "./client";
import { installJobSchema } from "./job-schema";
import { runScript } from "./run-script";

await runScript(async () => {
  const handle = await getHandle();
  console.log(`Migrations applied to ${databaseDescription()}.`);
  const env = getEnv();
  if (handle.driver !== "pg") {
    if (env.APP_DATABASE_ROLE) console.log("APP_DATABASE_ROLE is for PostgreSQL; the embedded database has one user.");
    return;
  }
  await installJobSchema(handle.executeSql);
  if (!env.APP_DATABASE_ROLE) return;
  const client = new pg.Client({ connectionString: env.DATABASE_DIRECT_URL ?? env.DATABASE_URL });
  await client.connect();
  try {
    await grantAppRole(client, env.APP_DATABASE_ROLE);
  } finally {
    await client.end();
  }
  console.log(`Granted ${env.APP_DATABASE_ROLE} the app's privileges (run the app with a URL for that role).`);
});
