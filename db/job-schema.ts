import PgBoss from "pg-boss";
import type { ExecuteSql } from "./client";

/*
 * The job engine's tables (pg-boss, schema `pgboss`; docs/decisions/0017) and its queues. pg-boss
 * makes them itself on first start, which takes CREATE rights the app's least-privileged role does
 * not have (db/app-role.ts): `npm run db:migrate` makes them as the owner, and the app's engine
 * (lib/core/jobs.ts) then finds them in place and only reads and writes rows.
 */

export const JOB_SCHEMA = "pgboss";

export const QUEUES = {
  email: "email-dispatch",
  plans: "plans-run",
  aggregates: "aggregates-rebuild",
  courseFigures: "course-figures-refresh",
  auditChain: "audit-chain-check",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss's own queue for its cron (made by its timekeeper when it can, ignored when it cannot). */
const CRON_QUEUE = "__pgboss__send-it";

/** Makes a queue (each is a partition of pgboss.job) unless it exists. */
export async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    // "short": at most one job waits per queue, so a burst of requests runs the work once more, not once each.
    const options = name === CRON_QUEUE ? { name } : { name, policy: "short" as const, retryLimit: 2, retryDelay: 30, expireInSeconds: 15 * 60, retentionMinutes: 60 };
    await boss.createQueue(name, options);
  } catch (error) {
    // Another instance made it at the same moment.
    if (!(await boss.getQueue(name))) throw error;
  }
}

/** Installs (or upgrades) pg-boss's schema and makes every queue, as the connected role. */
export async function installJobSchema(executeSql: ExecuteSql): Promise<void> {
  const boss = new PgBoss({ db: { executeSql }, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: true });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    for (const name of [...Object.values(QUEUES), CRON_QUEUE]) await ensureQueue(boss, name);
  } finally {
    await boss.stop({ graceful: false, wait: true, close: false });
  }
}
