import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { generateToken } from "@/lib/core/tokens";
import { expect, test } from "./fixtures";

/*
 * Per-IP limits on opening client links count the address the client cannot choose. A client may
 * send any X-Forwarded-For it likes (and any header of ours); neither buys it a fresh allowance,
 * nor spends someone else's.
 */

const LINK_VIEW_LIMIT = 60;
const octet = () => randomBytes(1)[0]!;
const madeUpAddress = () => `203.0.113.${octet()}`;
const newLink = () => `/a/${generateToken().token}`;

test("behind one trusted proxy, what a client adds to X-Forwarded-For does not count", async ({ playwright }) => {
  // The e2e server trusts one hop (scripts/e2e-server.ts): the last entry is what "our proxy" saw.
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const client = `10.${octet()}.${octet()}.${octet()}`;
  const neighbour = `10.${octet()}.${octet()}.${octet()}`;
  for (let i = 0; i < LINK_VIEW_LIMIT; i++) {
    const claimed = i % 2 === 0 ? madeUpAddress() : neighbour;
    const response = await request.get(newLink(), { headers: { "x-forwarded-for": `${claimed}, ${client}` } });
    expect(response.status()).toBe(200);
  }
  const limited = await request.get(newLink(), { headers: { "x-forwarded-for": `${madeUpAddress()}, ${client}` } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  // The neighbour the client kept naming has spent nothing.
  expect((await request.get(newLink(), { headers: { "x-forwarded-for": neighbour } })).status()).toBe(200);
  await request.dispose();
});

/** GET over a socket bound to `from`, a loopback address of our choosing: the server sees it as the peer. */
function getFrom(from: string, url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { localAddress: from, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

test.describe("facing clients directly (TRUSTED_PROXY_HOPS unset)", () => {
  test.describe.configure({ mode: "serial" });
  let server: ChildProcess | undefined;
  let origin = "";

  // A second server on the same build and database, configured as in a default deployment.
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      APP_URL: origin,
      AUTH_URL: origin,
    };
    delete env.TRUSTED_PROXY_HOPS;
    server = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      env,
      stdio: "ignore",
      detached: true,
    });
    await expect
      .poll(async () => (await fetch(`${origin}/api/health`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [250, 500, 1000] })
      .toBe(200);
  });

  test.afterAll(() => {
    // Its own process group: next start and anything it started.
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  });

  test("the socket's address counts, whatever X-Forwarded-For or our own header claim", async () => {
    // Two clients on their own loopback addresses (127.0.0.0/8 is all local).
    const client = `127.${1 + (octet() % 254)}.${octet()}.${1 + (octet() % 254)}`;
    const neighbour = `127.${1 + (octet() % 254)}.${octet()}.${1 + (octet() % 254)}`;
    for (let i = 0; i < LINK_VIEW_LIMIT; i++) {
      const claimed = i % 2 === 0 ? madeUpAddress() : neighbour;
      const response = await getFrom(client, `${origin}${newLink()}`, { "x-forwarded-for": claimed, "x-attune-socket-address": claimed });
      expect(response.status).toBe(200);
    }
    const limited = await getFrom(client, `${origin}${newLink()}`, { "x-forwarded-for": madeUpAddress(), "x-attune-socket-address": madeUpAddress() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.body).toContain("Too many attempts");
    expect((await getFrom(neighbour, `${origin}${newLink()}`, {})).status).toBe(200);
  });
});
