// Applies committed migrations to DATABASE_URL (or the embedded database). Safe to re-run.
import { databaseDescription, getDb } from "./client";
import { runScript } from "./run-script";

await runScript(async () => {
  await getDb();
  console.log(`Migrations applied to ${databaseDescription()}.`);
});
