// Serves the production build (`next build` ran first) for Playwright, against a PostgreSQL
// database made for this run and dropped when the run ends.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createNamedDatabase, dropThrowawayDatabase } from "../db/throwaway-database";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set (playwright.config.ts sets it).");
const port = process.env.E2E_PORT ?? "3100";

// playwright.config.ts names the database (so its workers know it); it is made here, dropped at the end.
const name = new URL(databaseUrl).pathname.slice(1);
const serverUrl = Object.assign(new URL(databaseUrl), { pathname: "/postgres" }).toString();
await createNamedDatabase(serverUrl, name);

// CI runs the app in other set-ups (.ci/pgbouncer.sh, .ci/replica.sh): E2E_DATABASE_VIA names a
// pooler (host:port) the app connects through, to the same database; E2E_DATABASE_REPLICA_URL a
// streaming replica of it. The specs' own set-up (e2e/db.ts) still connects directly.
const appDatabaseUrl = process.env.E2E_DATABASE_VIA ? Object.assign(new URL(databaseUrl), { host: process.env.E2E_DATABASE_VIA }).toString() : databaseUrl;
// .ci/app-role.sh: E2E_APP_DATABASE_ROLE names an existing login role. The owner (the run's own URL)
// migrates and grants it the app's privileges (`npm run db:migrate` with APP_DATABASE_ROLE), and
// the app then connects as that role (README "Least privilege").
const appRole = process.env.E2E_APP_DATABASE_ROLE;
if (appRole) {
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "db/migrate.ts"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_DIRECT_URL: "", APP_DATABASE_ROLE: appRole },
  });
}
const appUrl = appRole ? Object.assign(new URL(appDatabaseUrl), { username: appRole, password: "" }).toString() : appDatabaseUrl;
const replicaUrl = process.env.E2E_DATABASE_REPLICA_URL
  ? Object.assign(new URL(process.env.E2E_DATABASE_REPLICA_URL), { pathname: `/${name}` }).toString()
  : "";

const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: appUrl,
    DATABASE_REPLICA_URL: replicaUrl,
    AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_URL: `http://127.0.0.1:${port}`,
    // Playwright plays the one reverse proxy in front of the app: specs name each context's client
    // address in X-Forwarded-For, so per-IP limits of one test never reach another.
    TRUSTED_PROXY_HOPS: "1",
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // Wait for the server to close its own connections rather than guess how long that takes; if it
  // never exits, the guard lets the drop go ahead anyway (it forces remaining connections closed).
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    let guard: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (guard = setTimeout(resolve, 20_000)))]);
    clearTimeout(guard);
  }
  await dropThrowawayDatabase(serverUrl, name).catch((error) =>
    console.error(`[e2e] could not drop ${name}:`, error.message),
  );
  process.exit(code);
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
