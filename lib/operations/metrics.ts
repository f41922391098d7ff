import "server-only";
import client from "prom-client";
import { log as rootLog } from "@/config/log";
import { getHandle } from "@/db/client";

/*
 * What GET /api/metrics tells Prometheus (text format, prom-client). Counts only: nothing here
 * names a practice, a person or a client. Request durations are observed as requests finish
 * (lib/operations/request-observer.ts); the database's figures are read when scraped, one query each.
 */

const log = rootLog.child({ module: "metrics" });

type Metrics = { registry: client.Registry; requestDuration: client.Histogram<"method" | "route" | "status"> };

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

  const jobs = new client.Gauge({
    name: "attune_jobs",
    help: "Background jobs by queue and state (created and retry are waiting; failed are kept an hour).",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      const rows = await query<{ queue: string; state: string; n: number }>(
        "select name as queue, state::text as state, count(*)::int as n from pgboss.job group by 1, 2",
      );
      jobs.reset();
      for (const row of rows ?? []) jobs.set({ queue: row.queue, state: row.state }, row.n);
    },
  });

  const queueDepth = new client.Gauge({
    name: "attune_job_queue_depth",
    help: "Background jobs waiting to run (created or waiting to retry), by queue.",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      const rows = await query<{ queue: string; n: number }>(
        "select name as queue, count(*) filter (where state in ('created', 'retry'))::int as n from pgboss.job group by 1",
      );
      queueDepth.reset();
      for (const row of rows ?? []) queueDepth.set({ queue: row.queue }, row.n);
    },
  });

  const outbox = new client.Gauge({
    name: "attune_email_outbox",
    help: "Emails in the outbox: waiting (pending) and given up (failed).",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      const rows = await query<{ pending: number; failed: number }>(
        "select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'failed')::int as failed from email_outbox",
      );
      outbox.set({ status: "pending" }, rows?.[0]?.pending ?? 0);
      outbox.set({ status: "failed" }, rows?.[0]?.failed ?? 0);
    },
  });

  const openAlerts = new client.Gauge({
    name: "attune_open_critical_alerts",
    help: "Safety alerts on critical answers that no clinician has acknowledged yet, across all practices (a count only).",
    registers: [registry],
    async collect() {
      const rows = await query<{ n: number }>("select count(*)::int as n from clinical_alerts where acknowledged_at is null");
      openAlerts.set(rows?.[0]?.n ?? 0);
    },
  });

  const pool = new client.Gauge({
    name: "attune_db_pool_connections",
    help: "This instance's PostgreSQL pool: connections open, idle, requests waiting for one, and the most it may open.",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const stats = (await getHandle()).poolStats?.();
      if (!stats) return;
      pool.set({ state: "total" }, stats.total);
      pool.set({ state: "idle" }, stats.idle);
      pool.set({ state: "waiting" }, stats.waiting);
      pool.set({ state: "max" }, stats.max);
    },
  });

  return { registry, requestDuration };
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
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
