import "server-only";
import { log as rootLog } from "@/config/log";
import { QUEUES, registerJobHandler, requestJob } from "@/lib/core/jobs";
import { getDb } from "@/db/client";
import { closeEmailTransport, runEmailDispatch } from "@/lib/email/dispatcher";
import { runCourseFigureRefreshes } from "@/lib/measures/course-figures";
import { rebuildPracticeReliabilitySums } from "@/lib/measures/sums";
import { runAggregateRebuilds, type AlsoRebuild } from "@/lib/overview/rebuild";
import { rebuildPracticeCoupleGaps } from "@/lib/couples/couple-gap";
import { runPlans } from "@/lib/plans/run";
import { runAuditChainChecks } from "@/lib/core/audit-chain";

/*
 * What the job engine's queues do. The engine (lib/core/jobs.ts) sits on the floor and knows no
 * feature; the entry points that work jobs (instrumentation.ts when JOBS_IN_APP, scripts/worker.ts)
 * call `registerJobHandlers` first. Instances that only queue never import this module, so they do
 * not load nodemailer.
 */

const log = rootLog.child({ module: "jobs" });

/** Rebuilt with the overview's aggregates: what a migration may mark the practices stale to backfill. */
export const rebuiltWithAggregates: AlsoRebuild = async (executor, practiceId) => {
  await rebuildPracticeReliabilitySums(executor, practiceId);
  await rebuildPracticeCoupleGaps(executor, practiceId);
};

export function registerJobHandlers(): void {
  registerJobHandler(QUEUES.email, {
    run: async () => {
      await runEmailDispatch();
    },
    stop: closeEmailTransport,
  });
  registerJobHandler(QUEUES.plans, {
    run: async () => {
      const result = await runPlans();
      if (result.invitations + result.reminders > 0) {
        log.info(result, "plans run");
        // Their invitations and reminders are in the outbox now: deliver them without waiting a minute.
        requestJob(QUEUES.email);
      }
    },
  });
  registerJobHandler(QUEUES.aggregates, {
    run: async () => {
      await runAggregateRebuilds(rebuiltWithAggregates);
    },
  });
  registerJobHandler(QUEUES.auditChain, {
    run: async () => {
      const { checked } = await runAuditChainChecks(await getDb());
      if (checked > 0) log.info({ checked }, "audit chains checked");
    },
  });
  registerJobHandler(QUEUES.courseFigures, {
    run: async () => {
      const { refreshed } = await runCourseFigureRefreshes(await getDb());
      if (refreshed > 0) log.info({ refreshed }, "expected course figures refreshed");
    },
  });
}
