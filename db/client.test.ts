import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "./client";

// PGlite has no lock of its own; two processes on one folder lose rows silently.
describe("embedded database folder lock", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attune-lock-"));
  const dataDir = path.join(dir, "nested", "pglite");
  const original = process.env.PGLITE_DIR;

  afterAll(async () => {
    await closeDb();
    process.env.PGLITE_DIR = original;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Not spawnSync: that would block this process's event loop, and with it the timer that keeps
   * the lock fresh; a child slower than the lock's 30 s staleness (a busy machine) would then take
   * the lock over as abandoned. The kill timer only guards against a hang.
   */
  function runSeedInAnotherProcess(): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/seed/seed.ts"], {
        cwd: process.cwd(),
        env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "" },
        timeout: 240_000,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  }

  it("makes a second process refuse the folder while the first holds it, then allows it", async () => {
    await closeDb();
    process.env.PGLITE_DIR = dataDir;
    await getDb();

    const refused = await runSeedInAnotherProcess();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("is in use by another process");

    await closeDb();
    const allowed = await runSeedInAnotherProcess();
    expect(allowed.stderr).not.toContain("is in use");
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain("Demo sign-in");
  }, 600_000);
});
