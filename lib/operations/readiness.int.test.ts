import { afterAll, describe, expect, it } from "vitest";
import { getHandle } from "@/db/client";
import { startJobEngine, stopJobEngine } from "@/lib/core/jobs";
import { checkReadiness } from "./readiness";

// An engine that only queues: a working one would run other test files' plans on a shared database.
const savedJobsInApp = process.env.JOBS_IN_APP;
process.env.JOBS_IN_APP = "false";

afterAll(async () => {
  await stopJobEngine();
  if (savedJobsInApp === undefined) delete process.env.JOBS_IN_APP;
  else process.env.JOBS_IN_APP = savedJobsInApp;
});

describe("readiness", () => {
  it("is ready only while the job engine runs, and says so", async () => {
    await startJobEngine({ work: false });
    expect(await checkReadiness()).toEqual({ ready: true, db: "ok", migrations: "current", jobs: "running" });

    await stopJobEngine();
    expect(await checkReadiness()).toMatchObject({ ready: false, jobs: "stopped", db: "ok" });
    // The check itself asked for the engine again: ready once it has started.
    await startJobEngine();
    expect(await checkReadiness()).toMatchObject({ ready: true, jobs: "running" });
    expect((await startJobEngine()!).working).toBe(false);
  });

  // Rewrites the migration journal: only on this file's own embedded database, never a shared server.
  it.runIf(!process.env.DATABASE_URL)("is not ready while a migration the code carries is not applied", async () => {
    const { executeSql } = await getHandle();
    const { rows } = await executeSql("select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1");
    const newest = rows[0] as { id: number; hash: string; created_at: string };
    await executeSql("delete from drizzle.__drizzle_migrations where id = $1", [newest.id]);
    try {
      expect(await checkReadiness()).toMatchObject({ ready: false, migrations: "pending", db: "ok" });
    } finally {
      await executeSql("insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)", [newest.id, newest.hash, newest.created_at]);
    }
    expect(await checkReadiness()).toMatchObject({ ready: true, migrations: "current" });
  });
});
