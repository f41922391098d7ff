import "server-only";
import PgBoss from "pg-boss";
import { getEnv } from "@/config/env";
import { log as rootLog } from "@/config/log";
import { getHandle } from "@/db/client";
import { ensureQueue, JOB_SCHEMA, QUEUES, type QueueName } from "@/db/job-schema";

/*
 * Attune's one background engine: pg-boss, a maintained PostgreSQL-backed job queue, on the app's
 * own database connections (PostgreSQL or the embedded PGlite; docs/decisions/0017). Four queues:
 * delivering the email outbox, running the measurement plans, rebuilding the overview's
 * aggregates after a time-zone change (lib/overview/rebuild.ts), and recomputing the practices'
 * expected course of change (lib/measures/course-figures.ts). The engine does not know what
 * its jobs do: an entry point (instrumentation.ts, scripts/worker.ts) registers the handlers
 * (lib/jobs/handlers.ts) before starting it, so any feature may request a job without a circle. Each is scheduled every minute
 * by pg-boss's cron (one job per minute across all instances) and can be asked for sooner
 * (`requestJob`), e.g. right after an email is queued. The jobs' own "exactly once" does not rest
 * on the queue: each handler is safe to run twice or at once, backed by unique constraints.
 *
 * Runs inside the app process by default (instrumentation.ts), or as its own process with
 * `npm run worker` and JOBS_IN_APP=false in the app, which then only queues requests.
 */

const log = rootLog.child({ module: "jobs" });

// The queues and their tables are the database's (db/job-schema.ts): `npm run db:migrate` makes them
// as the owner, so the engine also runs under the app's least-privileged role (db/app-role.ts).
export { QUEUES, type QueueName };

/** What a queue's job does; `stop` releases what it holds (e.g. an SMTP transport) when the engine stops. */
export type JobHandler = { run: () => Promise<void>; stop?: () => void };

type Engine = { boss: PgBoss; working: boolean };

// On globalThis: Next bundles this module into more than one layer and hot reloads it; there must
// still be one engine, and one set of handlers, per process.
const store = globalThis as typeof globalThis & {
  __attuneJobEngine?: Promise<Engine>;
  __attuneJobHandlers?: Map<QueueName, JobHandler>;
  __attuneJobEngineRunning?: boolean;
};

function handlers(): Map<QueueName, JobHandler> {
  store.__attuneJobHandlers ??= new Map();
  return store.__attuneJobHandlers;
}

/**
 * Tells the engine what the jobs of `name` do. Entry points call it before `startJobEngine`; a
 * working engine runs only the queues whose handler is registered (the others wait for an instance
 * that has one). Registering again replaces the handler.
 */
export function registerJobHandler(name: QueueName, handler: JobHandler): void {
  handlers().set(name, handler);
}

/** Polling: how soon a requested job starts. pg-boss fetches with SKIP LOCKED, one instance each. */
const POLL_SECONDS = 2;

/**
 * Starts the engine in this process. With `work` (default: JOBS_IN_APP), it also runs the jobs and
 * keeps their schedules; without, it only accepts requests for a worker elsewhere. Idempotent.
 * Never during `next build`.
 */
export function startJobEngine(options: { work?: boolean } = {}): Promise<Engine> | null {
  if (process.env.NEXT_PHASE === "phase-production-build") return null;
  if (!store.__attuneJobEngine) {
    store.__attuneJobEngine = openEngine(options.work ?? getEnv().JOBS_IN_APP).catch((error: unknown) => {
      store.__attuneJobEngine = undefined;
      log.error({ err: error }, "the job engine could not start; will try again on the next request");
      throw error;
    });
  }
  return store.__attuneJobEngine;
}

async function openEngine(work: boolean): Promise<Engine> {
  const handle = await getHandle();
  const boss = new PgBoss({
    db: { executeSql: (text, values) => handle.executeSql(text, values) },
    schema: JOB_SCHEMA,
    // Only a working instance keeps schedules, expires stuck jobs and archives old ones.
    supervise: work,
    schedule: work,
    migrate: true,
  });
  boss.on("error", (error) => log.error({ err: error }, "job engine error"));
  boss.on("stopped", () => (store.__attuneJobEngineRunning = false));
  await boss.start();
  for (const name of Object.values(QUEUES)) await ensureQueue(boss, name);
  const worked: QueueName[] = [];
  if (work) {
    for (const [name, handler] of handlers()) {
      await boss.schedule(name, "* * * * *");
      await boss.work(name, { pollingIntervalSeconds: POLL_SECONDS, batchSize: 1 }, async () => {
        await handler.run();
      });
      worked.push(name);
    }
  }
  store.__attuneJobEngineRunning = true;
  log.info({ work, queues: worked, driver: handle.driver }, "job engine started");
  return { boss, working: work };
}

/** Asks for a run of `name` soon (starting the engine if need be). Fire-and-forget: never throws. */
export function requestJob(name: QueueName): void {
  try {
    const engine = startJobEngine();
    if (!engine) return;
    engine
      .then(({ boss }) => boss.send(name, {}))
      .catch((error: unknown) => log.error({ err: error, queue: name }, "could not request a job"));
  } catch (error) {
    log.error({ err: error, queue: name }, "could not request a job");
  }
}

/** Whether this process's engine has started and not stopped (the readiness check, /api/health/ready). */
export function isJobEngineRunning(): boolean {
  return store.__attuneJobEngine !== undefined && store.__attuneJobEngineRunning === true;
}

/**
 * Like `requestJob`, but only where this process already runs an engine (the app server starts one
 * at boot; a script or a test does not): elsewhere the job's schedule picks the work up within a
 * minute, and no engine is started as a side effect of a library call.
 */
export function requestJobIfRunning(name: QueueName): void {
  if (store.__attuneJobEngine) requestJob(name);
}

/** Stops the engine after the jobs in progress. */
export async function stopJobEngine(): Promise<void> {
  const pending = store.__attuneJobEngine;
  store.__attuneJobEngine = undefined;
  store.__attuneJobEngineRunning = false;
  if (!pending) return;
  const engine = await pending.catch(() => null);
  if (!engine) return;
  await engine.boss.stop({ graceful: true, wait: true, close: false, timeout: 20_000 });
  for (const handler of handlers().values()) handler.stop?.();
}
