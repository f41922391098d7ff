import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { BenchResult } from "@/bench/report";

// `npm run bench -- --quick` must keep working: it seeds a small practice into a database of its
// own, serves the production build (building it first if there is none), loads every page, and
// writes its result files. Timings are the bench's business; this checks only that a complete
// result was written, that each submission was stored once, and that its database is gone.
// PostgreSQL only (vitest.config.ts leaves it out of the PGlite project).

const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const out = fs.mkdtempSync(path.join(os.tmpdir(), "attune-bench-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** The bench in a child process; the kill timer is a hang guard, not a speed limit. */
function runQuickBench(): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // tsx directly (not through npx), so the guard's SIGTERM reaches the bench, which then stops its
    // server and drops its database.
    const tsx = path.join(process.cwd(), "node_modules/tsx/dist/cli.mjs");
    const argv = [tsx, "--conditions=react-server", "bench/run.ts", "--quick", "--out", out, "--port", process.env.BENCH_PORT ?? "3309"];
    const child = spawn(process.execPath, argv, {
      cwd: process.cwd(),
      env: { ...process.env, BENCH_DATABASE_URL: serverUrl, DATABASE_URL: "", PGLITE_DIR: "" },
      timeout: 540_000,
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

describe("npm run bench -- --quick", () => {
  // Two minutes or so on a busy two-core machine (more when it must build first); the test's own
  // timeout is the hang guard's plus room to drop the database.
  it("writes a complete result (json, markdown, chart) and drops its database", { timeout: 600_000 }, async () => {
    const { status, stderr } = await runQuickBench();
    expect(status, stderr.slice(-4000)).toBe(0);

    const files = fs.readdirSync(out);
    const json = files.find((file) => file.endsWith(".json"));
    expect(json).toBeDefined();
    const stem = json!.slice(0, -".json".length);
    expect(files).toEqual(expect.arrayContaining([`${stem}.md`, `${stem}.svg`]));

    const result = JSON.parse(fs.readFileSync(path.join(out, json!), "utf8")) as BenchResult;
    expect(result.quick).toBe(true);
    expect(result.sizes).toHaveLength(1);
    const [size] = result.sizes;
    expect(Object.keys(size!.http).sort()).toEqual(["client", "clients", "clientsByLatestScore", "floor", "overview12", "overview6", "reliability", "scoresCsv"]);
    for (const page of Object.values(size!.http)) {
      expect(page.requests).toBeGreaterThan(0);
      expect(page.non2xx).toBe(0);
    }
    expect(size!.submissions.storedExactlyOnce).toBe(true);
    expect(size!.submissions.worksWithoutJavaScript).toBe(true);
    expect(size!.serverPeakRssMb).toBeGreaterThan(0);
    expect(size!.javascript.questionnaire.status).toBe(200);
    expect(size!.javascript.questionnaire.gzipBytes).toBeGreaterThan(0);
    expect(Object.keys(size!.sql.pages)).toHaveLength(6);
    expect(fs.readFileSync(path.join(out, `${stem}.svg`), "utf8")).toContain("<svg");
    expect(fs.readFileSync(path.join(out, `${stem}.md`), "utf8")).toContain("/overview");

    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query("select 1 from pg_database where datname = $1", [result.database]);
      expect(rows).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
