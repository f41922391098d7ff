import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type { Browser } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import * as schema from "../db/schema";
import { clock } from "../lib/core/clock";
import { openEmailBody } from "../lib/core/outbox-body";
import { seal, unseal } from "../lib/core/seal";
import { startAppInstance, type AppInstance } from "./app-instance";
import { createThrowawayDatabase } from "../db/throwaway-database";
import { answersForLevels, createClient, createPracticeWithOwner, createUser, e2eDb, insertAssessment, insertCriticalPhq9, linkCouple } from "./db";
import { AuthPages, expect, test } from "./fixtures";

/*
 * Operating the app (README "Operations"): rotating AUTH_SECRET without losing sessions, queued
 * emails or two-step sign-in; /api/metrics behind its token; readiness; request ids. Runs an
 * instance of its own (the same build and database as Playwright's), restarted with a new secret.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
const RESTORED_PORT = PORT + 1;
const A = randomBytes(32).toString("base64url");
const B = randomBytes(32).toString("base64url");
const METRICS_TOKEN = randomBytes(24).toString("hex");
const TOTP_KEY = new OTPAuth.Secret({ size: 20 }).base32;

test.describe.configure({ mode: "serial" });

let instance: AppInstance | undefined;

test.afterAll(async () => {
  await instance?.stop();
});

async function contextOn(browser: Browser, url: string) {
  const context = await browser.newContext({ baseURL: url, extraHTTPHeaders: { "x-forwarded-for": `10.${[...randomBytes(3)].join(".")}` } });
  const page = await context.newPage();
  return { context, page, auth: new AuthPages(page) };
}

test("metrics answer Prometheus text with the token and nothing without it; readiness and request ids", async ({ request }) => {
  test.setTimeout(300_000);
  instance = await startAppInstance(PORT, { AUTH_SECRET: A, METRICS_TOKEN });
  const url = instance.url;

  // Playwright's own server has no METRICS_TOKEN: the route does not exist there.
  expect((await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status()).toBe(404);
  const refusals: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-of-some-length" }, { authorization: METRICS_TOKEN }];
  for (const headers of refusals) {
    const refused = await request.get(`${url}/api/metrics`, { headers });
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain("attune_");
  }

  // Something to count: a static route, and a dynamic one, which must be labelled by its pattern.
  expect((await request.get(`${url}/api/health`)).status()).toBe(200);
  expect((await request.get(`${url}/a/${"x".repeat(43)}`)).status()).toBeLessThan(500);
  const answer = await request.get(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toContain("text/plain");
  const text = await answer.text();
  for (const series of [
    /attune_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/health",status="200"\}/,
    /attune_http_request_duration_seconds_count\{method="GET",route="\/a\/\[token\]",status="\d+"\} \d+/,
    /attune_job_queue_depth\{queue="email-dispatch"\} \d+/,
    /# TYPE attune_jobs gauge/,
    /attune_email_outbox\{status="pending"\} \d+/,
    /attune_email_outbox\{status="failed"\} \d+/,
    /attune_open_critical_alerts \d+/,
    /attune_db_pool_connections\{state="max"\} 10/,
    /attune_process_resident_memory_bytes \d+/,
  ]) {
    expect(text).toMatch(series);
  }
  // Counts only: no path with a token, no address.
  expect(text).not.toContain("x".repeat(43));
  expect(text).not.toContain("@");

  const ready = await request.get(`${url}/api/health/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready", db: "ok", migrations: "current", jobs: "running" });
  expect(await (await request.get(`${url}/api/health`)).json()).toEqual({ status: "ok", db: "ok" });

  // Every response carries a request id; one a trusted proxy passes on is kept.
  expect(ready.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const passed = await request.get(`${url}/api/health`, { headers: { "x-request-id": "0123456789abcdef0123456789abcdef" } });
  expect(passed.headers()["x-request-id"]).toBe("0123456789abcdef0123456789abcdef");
  // The page carries it for the error page to show.
  const page = await request.get(`${url}/sign-in`);
  expect(await page.text()).toContain(`<meta name="attune-request-id" content="${page.headers()["x-request-id"]}"/>`);
});

test("a server restarted with a new AUTH_SECRET and the old one as AUTH_SECRET_1 keeps sessions, queued emails and two-step sign-in", async ({ browser }) => {
  test.setTimeout(420_000);
  if (!instance) instance = await startAppInstance(PORT, { AUTH_SECRET: A, METRICS_TOKEN });
  const db = e2eDb();
  const { practice, owner } = await createPracticeWithOwner();
  const clinician = await createUser(practice.id, "clinician");
  const forgetful = await createUser(practice.id, "clinician");
  // Two-step sign-in on, its secret sealed under A as the app seals it.
  await db
    .update(schema.users)
    .set({ totpSecretSealed: seal("two-step-secret", TOTP_KEY, A), twoStepEnabledAt: clock.now() })
    .where(eq(schema.users.id, clinician.id));

  // Under A: the owner signs in; someone asks for a password link (the email waits: no SMTP here).
  const signedIn = await contextOn(browser, instance.url);
  await signedIn.auth.signInAs(owner);
  const asking = await contextOn(browser, instance.url);
  await asking.page.goto("/forgot-password");
  await asking.page.waitForLoadState("networkidle");
  await asking.page.getByLabel("Email").fill(forgetful.email);
  await asking.page.getByRole("button", { name: "Email me a link" }).click();
  const queued = async () =>
    (
      await db
        .select()
        .from(schema.emailOutbox)
        .where(and(eq(schema.emailOutbox.toAddress, forgetful.email), eq(schema.emailOutbox.status, "pending")))
        .orderBy(desc(schema.emailOutbox.createdAt))
        .limit(1)
    )[0];
  await expect.poll(async () => Boolean(await queued()), { timeout: 30_000 }).toBe(true);
  const email = (await queued())!;
  expect(openEmailBody(email.sealedBody, A)).not.toBeNull();

  // Restart: B is current, A the earlier one.
  await instance.stop();
  instance = await startAppInstance(PORT, { AUTH_SECRET: B, AUTH_SECRET_1: A, METRICS_TOKEN });

  // The session made under A still works.
  await signedIn.page.goto("/clients");
  await expect(signedIn.page).toHaveURL(/\/clients$/);
  await expect(signedIn.page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  // Two-step sign-in with the secret sealed under A.
  const twoStep = await contextOn(browser, instance.url);
  await twoStep.auth.signIn(clinician.email, clinician.password);
  await expect(twoStep.page).toHaveURL(/\/sign-in\/two-step$/);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(TOTP_KEY), digits: 6, period: 30, algorithm: "SHA1" });
  await twoStep.page.getByLabel("Code").fill(totp.generate({ timestamp: clock.ms() }));
  await twoStep.page.getByRole("button", { name: "Continue" }).click();
  await expect(twoStep.page).toHaveURL(/\/clients$/, { timeout: 30_000 });

  // The email queued under A opens with the ring, and its link works on the restarted server.
  expect(openEmailBody(email.sealedBody, B)).toBeNull();
  const text = openEmailBody(email.sealedBody, [B, A])!.text;
  const link = new URL(text.split(/\s+/).find((word) => word.includes("/reset-password/"))!).pathname;
  await asking.page.goto(link);
  const fresh = `velvet harbour lantern ${randomBytes(3).toString("hex")}`;
  await asking.page.getByLabel("New password").fill(fresh);
  await asking.page.getByLabel("Repeat the password").fill(fresh);
  await asking.page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(asking.page).toHaveURL(/\/clients$/, { timeout: 30_000 });

  // `npm run reseal` seals under B what the database kept under A: then B alone opens it.
  const [before] = await db.select({ sealed: schema.users.totpSecretSealed }).from(schema.users).where(eq(schema.users.id, clinician.id));
  await promisify(execFile)("npm", ["run", "--silent", "reseal"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL!, AUTH_SECRET: B, AUTH_SECRET_1: A },
    timeout: 180_000,
  });
  const [after] = await db.select({ sealed: schema.users.totpSecretSealed }).from(schema.users).where(eq(schema.users.id, clinician.id));
  expect(after!.sealed).not.toBe(before!.sealed);
  expect(unseal("two-step-secret", after!.sealed, { secret: B })).toBe(TOTP_KEY);
  const [resealed] = await db.select({ sealed: schema.emailOutbox.sealedBody }).from(schema.emailOutbox).where(eq(schema.emailOutbox.id, email.id));
  expect(openEmailBody(resealed!.sealed, B)?.text).toBe(text);
  await Promise.all([signedIn.context.close(), asking.context.close(), twoStep.context.close()]);
});

test("after a backup and a restore into an empty database, the app serves the same pages", async ({ browser }) => {
  test.setTimeout(480_000);
  const { practice, owner } = await createPracticeWithOwner();
  const a = await createClient(practice.id, owner.id, { firstName: "Robin", lastName: `Restore${randomBytes(2).toString("hex")}` });
  const b = await createClient(practice.id, owner.id, { firstName: "Sasha", lastName: a.lastName });
  const { id: coupleId } = await linkCouple(practice.id, a.id, b.id);
  const day = 24 * 60 * 60 * 1000;
  await insertAssessment(practice.id, a.id, new Date(clock.ms() - 30 * day), answersForLevels({ knowledge: 2, trust: 4 }));
  await insertAssessment(practice.id, a.id, new Date(clock.ms() - 2 * day), answersForLevels({ knowledge: 4, trust: 5 }));
  await insertAssessment(practice.id, b.id, new Date(clock.ms() - 3 * day), answersForLevels({ knowledge: 2, trust: 2 }));
  await insertCriticalPhq9(practice.id, b.id);

  // Signed in before the backup: the session's row travels with it.
  const { context, page, auth } = await contextOn(browser, test.info().project.use.baseURL!);
  await auth.signInAs(owner);

  const file = `${test.info().outputPath("attune.dump")}`;
  const env = { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL! };
  await promisify(execFile)("npm", ["run", "--silent", "backup", "--", file], { env, timeout: 180_000 });
  const serverUrl = Object.assign(new URL(process.env.E2E_DATABASE_URL!), { pathname: "/postgres" }).toString();
  const restoredDb = await createThrowawayDatabase(serverUrl, "attune_e2e_restored");
  let restored: AppInstance | undefined;
  try {
    await promisify(execFile)("npm", ["run", "--silent", "restore", "--", file], { env: { ...env, DATABASE_URL: restoredDb.url }, timeout: 180_000 });
    restored = await startAppInstance(RESTORED_PORT, { DATABASE_URL: restoredDb.url });

    // What the page says, fully loaded, less the charts (drawn in the browser when it gets to them).
    const main = async (url: string) => {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      const text = await page.locator("main").evaluate((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        for (const chart of copy.querySelectorAll("svg, .recharts-wrapper")) chart.remove();
        return copy.textContent ?? "";
      });
      return text.replace(/\s+/g, " ").trim();
    };
    for (const pathname of ["/clients", `/couples/${coupleId}`, `/clients/${b.id}`, "/overview"]) {
      const original = await main(`${test.info().project.use.baseURL}${pathname}`);
      const copy = await main(`${restored.url}${pathname}`);
      if (pathname !== "/overview") expect(original, pathname).toContain(a.lastName);
      expect(copy, `${pathname} after the restore`).toBe(original);
    }
  } finally {
    await context.close();
    await restored?.stop();
    await restoredDb.drop();
  }
});
