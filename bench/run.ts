// `npm run bench`: is every page's cost independent of the practice's size? Seeds practices of
// 500, 5,000 and 50,000 clients into a throwaway PostgreSQL database (on the server
// BENCH_DATABASE_URL or DATABASE_URL names; default postgres://postgres@127.0.0.1:5432/postgres),
// serves the production build on loopback, measures each page of every size under bounded load
// (autocannon; the pages of all sizes taking turns in one server), then each size's memory,
// submissions and time-zone change, replays the SQL each page runs directly through `pg` for the
// database's share, and writes
// bench/results/<timestamp>.json, .md and .svg. Absolute times are reported, never asserted: the
// targets are ratios within one run (see README "Performance").
//
//   npm run bench                          # 500, 5,000 and 50,000 clients
//   npm run bench -- --quick               # 200 clients, a few seconds of load (CI: test/bench.int.test.ts)
//   npm run bench -- --sizes 500,5000      # a subset
//   npm run bench -- --distribution many-drops   # scores spread widely: half of the clients with a reliable drop
//   options: --out <dir>  --port <n> (3300)  --no-build  --keep-db
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { createThrowawayDatabase } from "../db/throwaway-database";
import type { Actor } from "@/lib/core/actor-types";
import { capture, type Captured } from "./capture";
import { renderMarkdown, renderSvg, type BenchResult, type SizeResult } from "./report";
import { DISTRIBUTIONS, PASSWORD, seedPractice, type Distribution, type SeededPractice } from "./seed";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    distribution: { type: "string", default: "few-drops" },
    sizes: { type: "string" },
    out: { type: "string" },
    port: { type: "string", default: "3300" },
    "no-build": { type: "boolean", default: false },
    "keep-db": { type: "boolean", default: false },
  },
});
const quick = args.quick ?? false;
const distribution = args.distribution as Distribution;
if (!DISTRIBUTIONS.includes(distribution)) throw new Error(`--distribution: one of ${DISTRIBUTIONS.join(", ")}`);
const sizes = args.sizes ? args.sizes.split(",").map(Number) : quick ? [200] : [500, 5_000, 50_000];
const outDir = path.resolve(args.out ?? "bench/results");
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
/** Load per page: bounded (a few connections for a fixed time), after a warm-up. */
const LOAD: { connections: number; duration?: number; amount?: number } = quick ? { connections: 2, amount: 6 } : { connections: 2, duration: 10 };
/**
 * Each page's load is cut into rounds, the pages taking turns within each round: a drift in the
 * machine's speed (a virtual machine's neighbours) then falls on every page alike, and the ratios
 * to the floor compare like with like. A page's p50 and p95 are the medians of its rounds'.
 */
const ROUNDS = quick ? 1 : 5;
const SQL_RUNS = quick ? 3 : 15;
const SUBMITTERS = quick ? 8 : 32;

const log = (message: string) => console.error(`[bench] ${message}`);

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = await createThrowawayDatabase(serverUrl, "attune_bench");
const authSecret = randomBytes(32).toString("base64url");
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET = authSecret;
log(`database ${database.name}`);

async function run(): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const { getDb, closeDb } = await import("../db/client");
  const { hashPassword } = await import("@/lib/auth/password");
  const { rebuildPracticeDerived } = await import("@/lib/assessments/rebuild-derived");
  const db = await getDb(); // migrates
  buildIfNeeded();

  const admin = new pg.Client({ connectionString: database.url });
  admin.on("error", (error) => log(`admin connection: ${error.message}`));
  await admin.connect();
  const passwordHash = await hashPassword(PASSWORD);
  const results: SizeResult[] = [];
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: await postgresVersion(),
  };
  const snapshot = (): BenchResult => ({ startedAt, database: database.name, quick, distribution, machine, load: LOAD, sizes: results });
  // Every size is seeded first (the larger ones beside the smaller ones), then every page of every
  // size is measured in the same rounds, taking turns: a drift in the machine's speed then falls on
  // both sizes alike, and the ratio from 500 to 50,000 compares like with like. Then, size by size,
  // the rest (memory, submissions, the database's share, a time-zone change); the result files are
  // rewritten after each, so a run cut short keeps what it measured.
  const practices: SeededPractice[] = [];
  for (const clients of sizes) {
    const seeded = await seedPractice(admin, { clients, label: String(clients), pending: SUBMITTERS + 2, passwordHash, distribution });
    const rebuildStart = performance.now();
    await rebuildPracticeDerived(db, seeded.practiceId);
    log(`${clients} clients: ${seeded.assessments} assessments seeded in ${seeded.seconds.toFixed(1)} s; aggregates in ${((performance.now() - rebuildStart) / 1000).toFixed(1)} s`);
    practices.push(seeded);
  }
  await admin.query("vacuum analyze");
  const http = await measurePages(practices);
  for (const seeded of practices) {
    log(`measuring the rest at ${seeded.clients} clients`);
    const result = await measureRest(seeded, http.get(seeded)!, admin);
    result.timeZoneChange = await timeZoneChange(seeded);
    log(`${seeded.clients} clients: time-zone change answered in ${result.timeZoneChange.requestMs.toFixed(0)} ms; rebuilt in the background in ${result.timeZoneChange.rebuildMs.toFixed(0)} ms`);
    results.push(result);
    writeResults(snapshot());
  }
  await admin.end();
  await closeDb();
  return snapshot();
}

/**
 * Times a change of the practice's time zone as the settings action runs it (it marks the aggregates
 * stale and answers), then the background rebuild the job engine would run; then changes it back
 * (untimed), so the next sizes' pages are cut by the same zone.
 */
async function timeZoneChange(practice: SeededPractice): Promise<NonNullable<SizeResult["timeZoneChange"]>> {
  const { getPracticeSettings, updatePracticeSettings } = await import("@/lib/practices/practices");
  const { runAggregateRebuilds } = await import("@/lib/overview/rebuild");
  // What the job engine runs (lib/jobs/handlers.ts): the overview's aggregates and the reliability sums.
  const { rebuildPracticeReliabilitySums } = await import("@/lib/measures/sums");
  const actor = benchActor(practice);
  const settings = await getPracticeSettings(actor);
  const requestStart = performance.now();
  await updatePracticeSettings(actor, { ...settings, timeZone: "America/New_York" });
  const requestMs = performance.now() - requestStart;
  const rebuildStart = performance.now();
  await runAggregateRebuilds(rebuildPracticeReliabilitySums);
  const rebuildMs = performance.now() - rebuildStart;
  await updatePracticeSettings({ ...actor, practiceTimeZone: "America/New_York" }, settings);
  await runAggregateRebuilds(rebuildPracticeReliabilitySums);
  return { requestMs, rebuildMs };
}

function benchActor(practice: SeededPractice): Actor {
  return {
    userId: practice.ownerId,
    practiceId: practice.practiceId,
    role: "owner",
    name: "Bench owner",
    email: practice.ownerEmail,
    practiceName: "Bench",
    practiceTimeZone: "Europe/London",
  };
}

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return String((await client.query("show server_version")).rows[0].server_version);
  } finally {
    await client.end();
  }
}

function buildIfNeeded() {
  const built = existsSync(".next/BUILD_ID");
  if (args["no-build"] || (quick && built)) {
    if (!built) throw new Error("No production build (.next/BUILD_ID): run `npx next build` or drop --no-build.");
    return;
  }
  log("next build");
  const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "inherit", "inherit"] });
  if (build.status !== 0) throw new Error(`next build failed (${build.status})`);
}

// ---- the server ----------------------------------------------------------------------------

let server: ChildProcess | null = null;

/** Peak RSS of the server's process tree (sum of VmRSS over it, sampled), in MB. */
let peakRssMb = 0;
let sampler: NodeJS.Timeout | undefined;

function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

function treeRssMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

async function startServer(): Promise<void> {
  peakRssMb = 0;
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret,
      APP_URL: base,
      AUTH_URL: base,
      // The bench plays the one reverse proxy: each simulated client names its own address.
      TRUSTED_PROXY_HOPS: "1",
      LOG_LEVEL: "warn",
    },
  });
  const pid = server.pid!;
  sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, treeRssMb(pid))), 100);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("server did not start in 120 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stopServer(): Promise<void> {
  clearInterval(sampler);
  const running = server;
  server = null;
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((resolve) => running.once("exit", resolve));
  running.kill("SIGTERM");
  const guard = setTimeout(() => running.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(guard);
}

// ---- one practice --------------------------------------------------------------------------

let ipCounter = 0;
const nextIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

async function signIn(email: string): Promise<string> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": nextIp() } });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 120_000 });
    return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

type Load = { p50: number; p95: number; rps: number; requests: number; non2xx: number };

async function warmUp(url: string, cookie: string | null): Promise<void> {
  for (let i = 0; i < 3; i++) await (await fetch(url, { headers: requestHeaders(cookie), redirect: "manual" })).arrayBuffer();
}

function requestHeaders(cookie: string | null): Record<string, string> {
  const headers: Record<string, string> = { "x-forwarded-for": nextIp() };
  if (cookie) headers.cookie = cookie;
  return headers;
}

/** One round of one page: a share of LOAD (its duration, or its amount in the quick run). */
async function loadRound(url: string, cookie: string | null): Promise<Load> {
  const share = LOAD.duration ? { duration: LOAD.duration / ROUNDS } : { amount: Math.max(1, Math.round((LOAD.amount ?? 6) / ROUNDS)) };
  const result = await autocannon({ url, headers: requestHeaders(cookie), connections: LOAD.connections, ...share });
  return {
    p50: result.latency.p50,
    p95: result.latency.p97_5 !== undefined ? percentile95(result) : result.latency.p99,
    rps: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
  };
}

/** Every page under load, in ROUNDS rounds in which the pages take turns. */
async function loadPages(pages: Record<string, { url: string; cookie: string | null }>): Promise<Record<string, Load>> {
  for (const page of Object.values(pages)) await warmUp(page.url, page.cookie);
  const rounds: Record<string, Load[]> = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, page] of Object.entries(pages)) rounds[name]!.push(await loadRound(page.url, page.cookie));
  }
  return Object.fromEntries(
    Object.entries(rounds).map(([name, loads]) => [
      name,
      {
        p50: median(loads.map((l) => l.p50)),
        p95: median(loads.map((l) => l.p95)),
        rps: loads.reduce((sum, l) => sum + l.rps, 0) / loads.length,
        requests: loads.reduce((sum, l) => sum + l.requests, 0),
        non2xx: loads.reduce((sum, l) => sum + l.non2xx, 0),
      },
    ]),
  );
}

/** autocannon reports p90 and p97.5; p95 is read between them (linear), which is close enough here. */
function percentile95(result: autocannon.Result): number {
  return (result.latency.p90 + result.latency.p97_5) / 2;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
};

/** The pages measured at each size: the framework's floor, then ours. */
function pagesOf(practice: SeededPractice): Record<string, { path: string; auth: boolean }> {
  const client = practice.longHistoryClientId;
  return {
    floor: { path: "/sign-in", auth: false },
    clients: { path: "/clients", auth: true },
    clientsByLatestScore: { path: "/clients?sort=latestOverall&dir=desc", auth: true },
    client: { path: `/clients/${client}`, auth: true },
    overview6: { path: "/overview", auth: true },
    overview12: { path: "/overview?range=12", auth: true },
    scoresCsv: { path: `/api/clients/${client}/scores.csv`, auth: true },
    // Issue 28: the practice's own reliability figures, read from the sums the write path keeps.
    reliability: { path: "/api/instruments/closeness/reliability", auth: true },
  };
}

/** Every page of every size under load in one server, the pages of all sizes taking turns in each round. */
async function measurePages(practices: SeededPractice[]): Promise<Map<SeededPractice, SizeResult["http"]>> {
  await startServer();
  const everyPage: Record<string, { url: string; cookie: string | null }> = {};
  for (const practice of practices) {
    const cookie = await signIn(practice.ownerEmail);
    for (const [name, page] of Object.entries(pagesOf(practice))) {
      everyPage[`${practice.clients}/${name}`] = { url: base + page.path, cookie: page.auth ? cookie : null };
    }
  }
  log(`measuring ${Object.keys(everyPage).length} pages, ${practices.map((practice) => practice.clients).join(" and ")} clients taking turns`);
  const loads = await loadPages(everyPage);
  await stopServer();
  const bySize = new Map<SeededPractice, SizeResult["http"]>();
  for (const practice of practices) {
    const http: SizeResult["http"] = {};
    for (const name of Object.keys(pagesOf(practice))) {
      const result = loads[`${practice.clients}/${name}`]!;
      http[name] = result;
      log(`  ${`${practice.clients} ${name}`.padEnd(30)} p50 ${result.p50} ms  p95 ${result.p95} ms  ${result.rps.toFixed(1)} req/s`);
    }
    bySize.set(practice, http);
  }
  return bySize;
}

/**
 * One size on a server of its own: its peak RSS under a round of its pages, the first-load
 * JavaScript, concurrent submissions; then the database's share of its pages.
 */
async function measureRest(practice: SeededPractice, http: SizeResult["http"], admin: pg.Client): Promise<SizeResult> {
  await startServer();
  const cookie = await signIn(practice.ownerEmail);
  for (const page of Object.values(pagesOf(practice))) await loadRound(base + page.path, page.auth ? cookie : null);
  const tokens = [...practice.pendingTokens];
  const javascript = await firstLoadJs(tokens.pop()!);
  const submissions = await submitConcurrently(tokens.slice(0, SUBMITTERS), admin);
  log(`  submissions: ${submissions.stored}/${submissions.clients} stored once, p50 ${submissions.p50.toFixed(0)} ms`);
  await stopServer();

  const database = await databaseShare(practice);
  return {
    clients: practice.clients,
    assessments: practice.assessments,
    seedSeconds: practice.seconds,
    http,
    submissions,
    serverPeakRssMb: Math.round(peakRssMb),
    javascript,
    sql: database,
  };
}

// ---- first-load JavaScript -----------------------------------------------------------------

async function scriptsOf(pagePath: string): Promise<{ status: number; gzipBytes: number; scripts: number }> {
  const response = await fetch(base + pagePath, { headers: { "x-forwarded-for": nextIp() } });
  const html = await response.text();
  const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  let gzipBytes = 0;
  for (const source of new Set(sources)) {
    const body = Buffer.from(await (await fetch(new URL(source, base))).arrayBuffer());
    gzipBytes += gzipSync(body).length;
  }
  // Inline scripts (the RSC payload) travel with the HTML; counted too, gzipped on their own.
  gzipBytes += gzipSync(Buffer.from(inline.join(""))).length;
  return { status: response.status, gzipBytes, scripts: new Set(sources).size };
}

async function firstLoadJs(token: string): Promise<SizeResult["javascript"]> {
  const questionnaire = await scriptsOf(`/a/${token}`);
  const signIn = await scriptsOf("/sign-in");
  const notFound = await scriptsOf("/no-such-page");
  const simplest = signIn.gzipBytes <= notFound.gzipBytes ? { page: "/sign-in", ...signIn } : { page: "/no-such-page", ...notFound };
  return { questionnaire: { page: "/a/<token>", ...questionnaire }, simplest };
}

// ---- submissions ---------------------------------------------------------------------------

/** The hidden fields of the page's form (the server action's id, the sealed reference, the step, its items). */
async function hiddenFields(url: string, ip: string): Promise<{ form: FormData; intents: string[] }> {
  const html = await (await fetch(url, { headers: { "x-forwarded-for": ip } })).text();
  const form = new FormData();
  const intents = [...html.matchAll(/<button[^>]*>/g)]
    .filter((match) => /name="intent"/.test(match[0]))
    .map((match) => /value="([^"]*)"/.exec(match[0])?.[1] ?? "");
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? "";
    if (name) form.append(name.replace(/&amp;/g, "&"), value.replace(/&amp;/g, "&").replace(/&quot;/g, '"'));
  }
  if (![...form.keys()].some((key) => key.startsWith("$ACTION"))) {
    writeFileSync(path.join(os.tmpdir(), "bench-questionnaire.html"), html);
    throw new Error(`no server action form on ${url} (page saved in ${os.tmpdir()}/bench-questionnaire.html)`);
  }
  return { form, intents };
}

/**
 * Answers every part as a browser without JavaScript would (plain form posts, following the
 * redirects), then returns the review step's form, ready to send.
 */
async function answerWithoutJavaScript(token: string, ip: string): Promise<{ form: FormData; url: string }> {
  let url = `${base}/a/${token}?step=1`;
  for (let part = 0; part < 20; part++) {
    const { form, intents } = await hiddenFields(url, ip);
    for (const [n, id] of String(form.get("items") ?? "").split(" ").filter(Boolean).entries()) form.set(id, String(1 + ((n + part) % 5)));
    // The last part's button sends the questionnaire: that post is the one measured.
    if (intents.includes("submit")) {
      form.set("intent", "submit");
      return { form, url };
    }
    form.set("intent", "next");
    const response = await fetch(url, { method: "POST", body: form, redirect: "manual", headers: { "x-forwarded-for": ip, origin: base } });
    await response.arrayBuffer();
    const location = response.headers.get("location");
    if (response.status !== 303 || !location) throw new Error(`answering part ${part + 1}: ${response.status}`);
    url = new URL(location, url).toString();
  }
  throw new Error("no part of the questionnaire offered to send it");
}

/** Each simulated client posts its questionnaire twice at once (a double click); each must be stored once. */
async function submitConcurrently(tokens: string[], admin: pg.Client): Promise<SizeResult["submissions"]> {
  const prepared = await Promise.all(
    tokens.map(async (token) => {
      const ip = nextIp();
      return { token, ip, ...(await answerWithoutJavaScript(token, ip)) };
    }),
  );
  const latencies: number[] = [];
  const started = performance.now();
  const statuses = await Promise.all(
    prepared.flatMap(({ ip, form, url }) =>
      [0, 1].map(async () => {
        const t0 = performance.now();
        const response = await fetch(url, {
          method: "POST",
          body: form,
          redirect: "manual",
          headers: { "x-forwarded-for": ip, origin: base },
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        return response.status;
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const { createHash } = await import("node:crypto");
  const hashes = tokens.map((token) => createHash("sha256").update(token, "utf8").digest("hex"));
  const { rows } = await admin.query(
    `select count(a.id)::int as stored, count(distinct i.id) filter (where i.status = 'completed')::int as completed
     from invitations i left join assessments a on a.invitation_id = i.id where i.token_hash = any($1)`,
    [hashes],
  );
  return {
    clients: tokens.length,
    posts: statuses.length,
    stored: rows[0].stored,
    completedInvitations: rows[0].completed,
    storedExactlyOnce: rows[0].stored === tokens.length && rows[0].completed === tokens.length,
    statuses: Object.fromEntries([...new Set(statuses)].map((status) => [String(status), statuses.filter((s) => s === status).length])),
    p50: median(latencies),
    p95: p95(latencies),
    postsPerSecond: statuses.length / seconds,
    worksWithoutJavaScript: rows[0].stored > 0,
  };
}

// ---- the database's share ------------------------------------------------------------------

/** Replays statements through one `pg` connection; p50 over runs of the sum of their times (ms). */
async function replay(statements: Captured[], client: pg.Client): Promise<number> {
  const totals: number[] = [];
  for (let run = 0; run < SQL_RUNS + 1; run++) {
    const t0 = performance.now();
    for (const statement of statements) await client.query(statement.text, statement.values);
    if (run > 0) totals.push(performance.now() - t0); // the first run warms the cache
  }
  return median(totals);
}

async function databaseShare(practice: SeededPractice): Promise<SizeResult["sql"]> {
  const { getReliabilityReport } = await import("@/lib/measures/reliability");
  const { getOverview } = await import("@/lib/overview/overview");
  const { listCaseload } = await import("@/lib/clients/caseload");
  const { parseCaseloadQuery } = await import("@/lib/clients/schemas");
  const { getClientDetail } = await import("@/lib/clients/clients");
  const { getClientScores } = await import("@/lib/scores/scores");
  const { listInvitations } = await import("@/lib/invitations/invitations");
  const { clientScoresCsv } = await import("@/lib/export/scores-csv");
  const actor = benchActor(practice);
  const id = practice.longHistoryClientId;
  const work: Record<string, () => Promise<unknown>> = {
    clients: () => listCaseload(actor, parseCaseloadQuery({})),
    clientsByLatestScore: () => listCaseload(actor, parseCaseloadQuery({ sort: "latestOverall", dir: "desc" })),
    client: () => Promise.all([getClientDetail(actor, id), getClientScores(actor, id), listInvitations(actor, id)]),
    overview6: () => getOverview(actor, { range: "6", granularity: "month" }),
    overview12: () => getOverview(actor, { range: "12", granularity: "month" }),
    scoresCsv: () => clientScoresCsv(actor, id),
    reliability: () => getReliabilityReport(actor, "closeness"),
  };
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const result: SizeResult["sql"] = { pages: {}, handWrittenGroupBy6: 0 };
    for (const [name, run] of Object.entries(work)) {
      const statements = await capture(run);
      result.pages[name] = { statements: statements.length, p50: await replay(statements, client) };
    }
    // What the overview's period means would cost read straight from the rows it shows: a GROUP BY
    // over the six months' scores (the yardstick for the overview's SQL).
    result.handWrittenGroupBy6 = await replay(
      [
        {
          text: `select date_trunc('month', completed_at at time zone 'Europe/London') as month, dimension, count(*), avg(score)
                 from assessment_scores
                 where practice_id = $1 and completed_at >= (date_trunc('month', now() at time zone 'Europe/London') - interval '5 months') at time zone 'Europe/London'
                 group by 1, 2`,
          values: [practice.practiceId],
        },
      ],
      client,
    );
    return result;
  } finally {
    await client.end();
  }
}

function writeResults(result: BenchResult) {
  mkdirSync(outDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, "-");
  const file = (ext: string) => path.join(outDir, `${stamp}.${ext}`);
  writeFileSync(file("json"), JSON.stringify(result, null, 2) + "\n");
  writeFileSync(file("md"), renderMarkdown(result));
  writeFileSync(file("svg"), renderSvg(result));
  log(`wrote ${file("json")} (.md, .svg)`);
}

// ---- main ----------------------------------------------------------------------------------

// Stopped from outside (a hang guard, Ctrl-C): stop the server and drop the database first.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void stopServer()
      .then(() => (args["keep-db"] ? undefined : database.drop()))
      .finally(() => process.exit(1));
  });
}

try {
  console.log(renderMarkdown(await run()));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopServer();
  if (!args["keep-db"]) await database.drop();
}

