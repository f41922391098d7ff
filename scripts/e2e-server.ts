// Serves the production build (`next build` ran first) for Playwright, against a PostgreSQL
// database made for this run and dropped when the run ends.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set (playwright.config.ts sets it).");
const port = process.env.E2E_PORT ?? "3100";

const target = new URL(databaseUrl);
const name = target.pathname.slice(1);
if (!/^attune_e2e_[a-z0-9]+$/.test(name)) throw new Error(`Refusing to manage database ${name}`);
const admin = new URL(databaseUrl);
admin.pathname = "/postgres";

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

await adminQuery(`create database ${name}`);

const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
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
  await adminQuery(`drop database if exists ${name} with (force)`).catch((error) =>
    console.error(`[e2e] could not drop ${name}:`, error.message),
  );
  process.exit(code);
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
