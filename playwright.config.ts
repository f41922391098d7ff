import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// One throwaway database per run. Set here once: workers inherit the main process's environment,
// so they see the same name when they re-read this file.
if (!process.env.E2E_DATABASE_URL) {
  const admin = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  admin.pathname = `/attune_e2e_${randomBytes(4).toString("hex")}`;
  process.env.E2E_DATABASE_URL = admin.toString();
}
// The clock (lib/core/clock.ts): `ATTUNE_TEST_NOW=2028-02-29T00:00:00Z` runs the whole suite — server and
// specs alike — as if it were that instant. The offset is computed once here; workers and the server
// inherit it, so they agree to the millisecond.
if (process.env.ATTUNE_TEST_NOW && !process.env.ATTUNE_CLOCK_OFFSET_MS) {
  const target = Date.parse(process.env.ATTUNE_TEST_NOW);
  if (Number.isNaN(target)) throw new Error(`ATTUNE_TEST_NOW is not an ISO instant: ${process.env.ATTUNE_TEST_NOW}`);
  process.env.ATTUNE_CLOCK_OFFSET_MS = String(target - Date.now());
}

// One signing secret for every app instance of the run, so a session made on one is valid on another.
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");

// The server's AUTH_SECRET, chosen here so that specs can open what it seals (the outbox's emails
// stand in for a mailbox: e2e/db.ts).
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  // No retries: a test that passes on its second try hides the next time bomb.
  retries: 0,
  // Hang guards, not speed limits: the server, two browsers and other work share two cores, and a
  // page that answers in 1 s alone can take many times that. Slow must never mean failed.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromium } }],
  webServer: {
    command: "tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      E2E_PORT: String(PORT),
      E2E_DATABASE_URL: process.env.E2E_DATABASE_URL,
      E2E_AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      ATTUNE_CLOCK_OFFSET_MS: process.env.ATTUNE_CLOCK_OFFSET_MS ?? "0",
    },
    // Room for scripts/e2e-server.ts to stop the server and drop the run's database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
  },
});
