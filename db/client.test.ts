import { spawnSync } from "node:child_process";
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

  function runSeedInAnotherProcess() {
    return spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/seed/seed.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
  }

  it("makes a second process refuse the folder while the first holds it, then allows it", async () => {
    await closeDb();
    process.env.PGLITE_DIR = dataDir;
    await getDb();

    const refused = runSeedInAnotherProcess();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("is in use by another process");

    await closeDb();
    const allowed = runSeedInAnotherProcess();
    expect(allowed.stderr).not.toContain("is in use");
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain("Demo sign-in");
  }, 120_000);
});
