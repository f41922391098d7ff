import "server-only";
import fs from "node:fs";
import path from "node:path";
import { log as rootLog } from "@/config/log";
import { getHandle, pingDb } from "@/db/client";
import { isJobEngineRunning, startJobEngine } from "@/lib/core/jobs";

/*
 * Readiness, for a load balancer: may this instance take traffic now? /api/health stays the
 * liveness check (is the process alive and the database answering); this one also fails while the
 * database's schema is behind the code (a migration not applied) or the job engine is not running
 * in this process — the states in which pages would fail or emails would silently wait.
 */

const log = rootLog.child({ module: "readiness" });

export type Readiness = {
  ready: boolean;
  db: "ok" | "unavailable";
  migrations: "current" | "pending" | "unknown";
  jobs: "running" | "stopped";
};

/** The newest migration the code carries (drizzle-kit's journal), as drizzle records it once applied. */
function newestMigrationMillis(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

async function migrationsState(): Promise<Readiness["migrations"]> {
  try {
    const { rows } = await (await getHandle()).executeSql("select max(created_at)::text as applied from drizzle.__drizzle_migrations");
    const applied = Number((rows[0] as { applied: string | null } | undefined)?.applied ?? 0);
    return applied >= newestMigrationMillis() ? "current" : "pending";
  } catch (error) {
    log.warn({ err: error }, "could not read the applied migrations");
    return "unknown";
  }
}

export async function checkReadiness(): Promise<Readiness> {
  const db = await pingDb(5000).then(
    () => "ok" as const,
    (error: unknown) => {
      log.error({ err: error }, "database check failed");
      return "unavailable" as const;
    },
  );
  const migrations = db === "ok" ? await migrationsState() : "unknown";
  const jobs = isJobEngineRunning() ? "running" : "stopped";
  // A stopped engine is started again here (it logs why it cannot); the next check tells.
  if (jobs === "stopped" && db === "ok") startJobEngine()?.catch(() => undefined);
  return { ready: db === "ok" && migrations === "current" && jobs === "running", db, migrations, jobs };
}
