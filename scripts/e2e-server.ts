// Serves the production build (`next build` ran first) for Playwright, against a PostgreSQL
// database made for this run and dropped when the run ends.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createNamedDatabase, dropThrowawayDatabase } from "../db/throwaway-database";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set (playwright.config.ts sets it).");
const port = process.env.E2E_PORT ?? "3100";

// playwright.config.ts names the database (so its workers know it); it is made here, dropped at the end.
const name = new URL(databaseUrl).pathname.slice(1);
const serverUrl = Object.assign(new URL(databaseUrl), { pathname: "/postgres" }).toString();
await createNamedDatabase(serverUrl, name);

const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_URL: `http://127.0.0.1:${port}`,
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  await dropThrowawayDatabase(serverUrl, name).catch((error) =>
    console.error(`[e2e] could not drop ${name}:`, error.message),
  );
  process.exit(code);
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
