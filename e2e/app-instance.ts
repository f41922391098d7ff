// A further instance of the app for specs about several instances sharing one database: the same
// build (`next build` ran first), the same E2E database and signing secret as the instance
// Playwright starts (see playwright.config.ts and scripts/e2e-server.ts), on a port of its own.
import { spawn, type ChildProcess } from "node:child_process";
import { clock } from "@/lib/core/clock";

export type AppInstance = { url: string; stop: () => Promise<void> };

/** `env` adds to or replaces the instance's environment (another AUTH_SECRET, METRICS_TOKEN…). */
export async function startAppInstance(port: number, env: Record<string, string> = {}): Promise<AppInstance> {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  const secret = process.env.E2E_AUTH_SECRET;
  if (!databaseUrl || !secret) throw new Error("E2E_DATABASE_URL and E2E_AUTH_SECRET are set by playwright.config.ts");
  const url = `http://127.0.0.1:${port}`;
  // Its own process group, so that stopping it stops `next start` and nothing else.
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, AUTH_SECRET: secret, APP_URL: url, AUTH_URL: url, TRUSTED_PROXY_HOPS: "1", ...env },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString()) > 200 && output.shift();
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  // Stopped means the port no longer answers: a server still closing would otherwise pass the next
  // instance's health check on the same port, and then vanish under it.
  const stop = async () => {
    await stopGroup(child);
    await waitUntilClosed(url);
  };
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- its output ---\n${output.join("")}`);
  }
  return { url, stop };
}

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = clock.ms() + 120_000;
  while (clock.ms() < deadline) {
    if (child.exitCode !== null) throw new Error(`the instance at ${url} exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the instance at ${url} did not become healthy`);
}

async function waitUntilClosed(url: string) {
  const deadline = clock.ms() + 60_000;
  while (clock.ms() < deadline) {
    const answers = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      () => true,
      () => false,
    );
    if (!answers) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the instance at ${url} still answers after it was stopped`);
}

async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
