import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { clock } from "../lib/core/clock";
import { generateToken } from "../lib/core/tokens";
import { expect, test } from "./fixtures";

/*
 * The README's nginx configuration (docs/operations/nginx-attune*.conf), run as written by Debian's
 * nginx on loopback with a self-signed certificate made here, in front of Playwright's server
 * (TRUSTED_PROXY_HOPS=1): HTTP is sent to HTTPS, HTTPS carries the app's HSTS header and nginx's
 * request id, and the app counts the client's own address — not nginx's, not one the client wrote
 * into X-Forwarded-For. .ci/nginx.sh installs nginx and openssl where they are missing.
 * Ports 8440 (HTTP) and 8441 (HTTPS); nginx runs in the foreground and is stopped at the end.
 */

const HTTP_PORT = 8440;
const HTTPS_PORT = 8441;
const HOST = "attune.example.org";
const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
/** LINK_VIEW_LIMIT in lib/invitations/limits.ts. */
const LINK_VIEWS_PER_IP = 60;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "attune-nginx-"));
let nginx: ChildProcess | undefined;
const output: string[] = [];

/** The site and snippet as documented, with only ports, certificate paths and the app's address changed. */
function renderConfiguration() {
  const docs = path.resolve("docs/operations");
  const snippet = path.join(work, "attune-proxy.conf");
  fs.copyFileSync(path.join(docs, "nginx-attune-proxy.conf"), snippet);
  const site = fs
    .readFileSync(path.join(docs, "nginx-attune.conf"), "utf8")
    .replace("server 127.0.0.1:3000;", `server 127.0.0.1:${APP_PORT};`)
    .replace(/listen \[::\]:\d+[^;]*;\n/g, "")
    .replace("listen 80;", `listen 127.0.0.1:${HTTP_PORT};`)
    .replace("listen 443 ssl http2;", `listen 127.0.0.1:${HTTPS_PORT} ssl http2;`)
    .replace("/etc/ssl/certs/attune.example.org.pem", path.join(work, "cert.pem"))
    .replace("/etc/ssl/private/attune.example.org.key", path.join(work, "key.pem"))
    .replaceAll("/etc/nginx/snippets/attune-proxy.conf", snippet);
  for (const changed of [`${APP_PORT};`, `${HTTP_PORT};`, `${HTTPS_PORT} ssl`, "cert.pem", "key.pem"]) expect(site).toContain(changed);
  fs.writeFileSync(path.join(work, "site.conf"), site);
  // The main file Debian's nginx.conf would be, reduced to what a process of our own needs.
  fs.writeFileSync(
    path.join(work, "nginx.conf"),
    `daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${work}/access.log;
  client_body_temp_path ${work}/body; proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi; uwsgi_temp_path ${work}/uwsgi; scgi_temp_path ${work}/scgi;
  include ${work}/site.conf;
}
`,
  );
}

test.beforeAll(async () => {
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${HOST}`, "-keyout", path.join(work, "key.pem"), "-out", path.join(work, "cert.pem")], { stdio: "ignore" });
  renderConfiguration();
  execFileSync("nginx", ["-t", "-q", "-p", work, "-c", path.join(work, "nginx.conf")], { stdio: "pipe" });
  nginx = spawn("nginx", ["-p", work, "-c", path.join(work, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  nginx.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  nginx.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = clock.ms() + 20_000;
  while (!(await get("http", "127.0.0.1", "/").then(() => true, () => false))) {
    if (nginx.exitCode !== null || clock.ms() > deadline) throw new Error(`nginx did not start:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

test.afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx!.once("exit", resolve));
    nginx.kill("SIGQUIT");
    await exited;
  }
  fs.rmSync(work, { recursive: true, force: true });
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request to nginx from `from`, a loopback address of our choosing (what nginx sees as the client). */
function get(scheme: "http" | "https", from: string, pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = { host: "127.0.0.1", port: scheme === "https" ? HTTPS_PORT : HTTP_PORT, path: pathname, localAddress: from, headers: { host: HOST, ...headers } };
    const callback = (res: http.IncomingMessage) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    };
    const req = scheme === "https" ? https.get({ ...options, servername: HOST, rejectUnauthorized: false }, callback) : http.get(options, callback);
    req.setTimeout(60_000, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

const loopback = () => `127.${[...randomBytes(3)].map((b) => Math.max(b, 2)).join(".")}`;

test("behind the documented nginx: HTTPS with HSTS and a request id; HTTP redirects; the app counts the client's own address", async ({ request }) => {
  test.setTimeout(300_000);
  const client = loopback();

  const redirect = await get("http", client, "/clients?x=1");
  expect(redirect.status).toBe(301);
  expect(redirect.headers.location).toBe(`https://${HOST}/clients?x=1`);

  const health = await get("https", client, "/api/health");
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ status: "ok", db: "ok" });
  expect(health.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  // nginx's $request_id, kept by the app (it trusts one proxy).
  expect(health.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
  expect(health.headers.server).toBe("nginx");

  // Metrics are not for the internet: nginx refuses them to anyone but the monitoring host.
  expect((await get("https", client, "/api/metrics")).status).toBe(403);

  // The per-IP allowance for opening links, spent through nginx by one client that claims a
  // different made-up address each time: they all count as the client's own.
  for (let i = 0; i < LINK_VIEWS_PER_IP; i++) {
    const view = await get("https", client, `/a/${generateToken().token}`, { "x-forwarded-for": `203.0.113.${i + 1}` });
    expect(view.status, `view ${i + 1}`).toBe(200);
  }
  const limited = await get("https", client, `/a/${generateToken().token}`, { "x-forwarded-for": "198.51.100.7" });
  expect(limited.status).toBe(429);
  expect(limited.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  // It is this client's address the app counted: the same address, as the app's one trusted hop
  // would pass it, is limited; another client through the same nginx is not.
  expect((await request.get(`/a/${generateToken().token}`, { headers: { "x-forwarded-for": client } })).status()).toBe(429);
  expect((await get("https", loopback(), `/a/${generateToken().token}`)).status).toBe(200);
});
