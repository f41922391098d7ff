import "server-only";
import client from "prom-client";
import { log as rootLog } from "@/config/log";
import { getHandle } from "@/db/client";

/*
 * What GET /api/metrics tells Prometheus (text format, prom-client). Counts only: nothing here
 * names a practice, a person or a client. Request durations are observed as requests finish
 * (lib/operations/request-observer.ts); the database's figures are read when scraped, one query
 * after another.
 */

const log = rootLog.child({ module: "metrics" });

type Metrics = { registry: client.Registry; requestDuration: client.Histogram<"method" | "route" | "status">; gauges: Gauges };

// On globalThis: Next.js bundles this module into more than one layer; one registry per process.
const state = globalThis as typeof globalThis & { __attuneMetrics?: Metrics };

/** The process's registry, made once. */
export function metrics(): Metrics {
  return (state.__attuneMetrics ??= createMetrics());
}

function createMetrics(): Metrics {
  const registry = new client.Registry();
  // Memory (resident, heap), CPU, event-loop lag, open handles, GC: prom-client's defaults.
  client.collectDefaultMetrics({ register: registry, prefix: "attune_" });

  const requestDuration = new client.Histogram({
    name: "attune_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by route (the app's route pattern, never the path with its ids).",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new client.Gauge<L>({ name, help, labelNames, registers: [registry] });
  const gauges = {
    jobs: gauge("attune_jobs", "Background jobs by queue and state (created and retry are waiting; failed are kept an hour).", ["queue", "state"] as const),
    queueDepth: gauge("attune_job_queue_depth", "Background jobs waiting to run (created or waiting to retry), by queue.", ["queue"] as const),
    outbox: gauge("attune_email_outbox", "Emails in the outbox: waiting (pending) and given up (failed).", ["status"] as const),
    openAlerts: gauge("attune_open_critical_alerts", "Safety alerts on critical answers that no clinician has acknowledged yet, across all practices (a count only)."),
    pool: gauge(
      "attune_db_pool_connections",
      "This instance's PostgreSQL pool, as the scrape began: connections open, idle, requests waiting for one, and the most it may open.",
      ["state"] as const,
    ),
  };
  return { registry, requestDuration, gauges };
}

type Gauges = {
  jobs: client.Gauge<"queue" | "state">;
  queueDepth: client.Gauge<"queue">;
  outbox: client.Gauge<"status">;
  openAlerts: client.Gauge;
  pool: client.Gauge<"state">;
};

/**
 * The database's figures, read one query after another (a scrape must not take several of the
 * pool's connections at once), the pool's own first, before those queries use it.
 */
async function refreshDatabaseFigures({ jobs, queueDepth, outbox, openAlerts, pool }: Gauges): Promise<void> {
  const stats = (await getHandle()).poolStats?.();
  if (stats) for (const [state, value] of Object.entries(stats)) pool.set({ state }, value);

  const queues = await query<{ queue: string; state: string | null; n: number }>(
    `select q.name as queue, j.state::text as state, count(j.id)::int as n
     from pgboss.queue q left join pgboss.job j on j.name = q.name group by 1, 2`,
  );
  if (queues) {
    jobs.reset();
    queueDepth.reset();
    const depth = new Map<string, number>();
    for (const row of queues) {
      depth.set(row.queue, (depth.get(row.queue) ?? 0) + (row.state === "created" || row.state === "retry" ? row.n : 0));
      if (row.state) jobs.set({ queue: row.queue, state: row.state }, row.n);
    }
    for (const [queue, n] of depth) queueDepth.set({ queue }, n);
  }

  const emails = await query<{ pending: number; failed: number }>(
    "select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'failed')::int as failed from email_outbox",
  );
  if (emails) {
    outbox.set({ status: "pending" }, emails[0]?.pending ?? 0);
    outbox.set({ status: "failed" }, emails[0]?.failed ?? 0);
  }

  const alerts = await query<{ n: number }>("select count(*)::int as n from clinical_alerts where acknowledged_at is null");
  if (alerts) openAlerts.set(alerts[0]?.n ?? 0);
}

/** Rows, or null when the database (or the job engine's schema, before it first starts) is not there. */
async function query<T>(text: string): Promise<T[] | null> {
  try {
    return ((await (await getHandle()).executeSql(text)).rows as T[]) ?? [];
  } catch (error) {
    log.warn({ err: error }, "a metric could not be read");
    return null;
  }
}

/** The whole registry in Prometheus's text format. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry, gauges } = metrics();
  await refreshDatabaseFigures(gauges);
  return { body: await registry.metrics(), contentType: registry.contentType };
}
