// `npm run worker`: the job engine (lib/core/jobs.ts) with its handlers (lib/jobs/handlers.ts) as
// its own process: email delivery and measurement plans. Run the app with JOBS_IN_APP=false beside
// it. Needs DATABASE_URL: the embedded database can be open in one process only, and that is the app's.
import { log } from "@/config/log";
import { closeDb, EmbeddedDatabaseInUseError } from "@/db/client";
import { startJobEngine, stopJobEngine } from "@/lib/core/jobs";
import { registerJobHandlers } from "@/lib/jobs/handlers";

try {
  registerJobHandlers();
  await startJobEngine({ work: true });
  log.info({ module: "worker" }, "worker running; stop with Ctrl-C");
} catch (error) {
  if (error instanceof EmbeddedDatabaseInUseError) console.error(`\n${error.message}\n`);
  else console.error(error);
  await closeDb().catch(() => {});
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ module: "worker", signal }, "stopping after the jobs in progress");
  await stopJobEngine();
  await closeDb().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
