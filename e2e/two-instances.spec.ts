import { randomBytes } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { generateToken } from "@/lib/core/tokens";
import { startAppInstance, type AppInstance } from "./app-instance";
import { createPracticeWithOwner, createUser } from "./db";
import { AuthPages, expect, test } from "./fixtures";

/*
 * Two instances of the app on two ports, one database, as behind a load balancer: what one
 * instance counts or decides must hold on the other. The first instance is the one Playwright
 * started; this file starts the second and stops it when done.
 * Cases that sign in create a context per instance (see `on`); cookies are per host, not per
 * port, so a session made on one instance is sent to the other as well.
 */

const FIRST_PORT = Number(process.env.E2E_PORT ?? 3100);
const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? FIRST_PORT + 1);
/** LINK_VIEW_LIMIT in lib/invitations/limits.ts. */
const LINK_VIEWS_PER_IP = 60;

test.describe.configure({ mode: "serial" });

let second: AppInstance;
const contexts: APIRequestContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  second = await startAppInstance(SECOND_PORT);
});

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.dispose()));
  await second?.stop();
});

/** A request context for one instance, coming from `ip` (through the proxy header the limits read). */
async function on(instance: "first" | "second", ip: string): Promise<APIRequestContext> {
  const baseURL = instance === "first" ? `http://127.0.0.1:${FIRST_PORT}` : second.url;
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip } });
  contexts.push(context);
  return context;
}

function newIp(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

test("the per-IP limit on opening links counts across both instances", async () => {
  const ip = newIp();
  const first = await on("first", ip);
  const other = await on("second", ip);

  // Half the allowance on each instance: each alone is far below the limit.
  for (let i = 0; i < LINK_VIEWS_PER_IP; i++) {
    const response = await (i % 2 === 0 ? first : other).get(`/a/${generateToken().token}`);
    expect(response.status(), `view ${i + 1}`).toBe(200);
  }

  // Together they used it up: the next view is refused on either instance.
  for (const context of [other, first]) {
    const limited = await context.get(`/a/${generateToken().token}`);
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await limited.text()).toContain("Too many attempts");
  }

  // Another address is not affected, on either instance.
  const stranger = newIp();
  expect((await (await on("second", stranger)).get(`/a/${generateToken().token}`)).status()).toBe(200);
  expect((await (await on("first", stranger)).get(`/a/${generateToken().token}`)).status()).toBe(200);
});

test("signing out on one instance ends the session on the other", async ({ page, auth, browser }) => {
  const { owner } = await createPracticeWithOwner();
  await auth.signInAs(owner);

  // The same cookie, sent to the second instance (cookies are per host, not per port).
  const elsewhere = await browser.newContext({ baseURL: second.url });
  await elsewhere.addCookies(await page.context().cookies());
  const secondPage = await elsewhere.newPage();
  await secondPage.goto("/clients");
  await expect(secondPage).toHaveURL(/\/clients$/);

  await auth.signOut();
  await secondPage.goto("/clients");
  await expect(secondPage).toHaveURL(/\/sign-in$/);
  await elsewhere.close();
});

test("the per-account sign-in limit counts failures made on both instances", async ({ browser }) => {
  // Ten real argon2 checks through the form: slow on a busy machine, so a roomier guard.
  test.setTimeout(240_000);
  const { practice } = await createPracticeWithOwner();
  const clinician = await createUser(practice.id, "clinician");
  // One address of its own (the e2e server trusts one proxy hop), so other specs' failures do not count.
  const extraHTTPHeaders = { "x-forwarded-for": newIp() };
  const firstContext = await browser.newContext({ baseURL: `http://127.0.0.1:${FIRST_PORT}`, extraHTTPHeaders });
  const secondContext = await browser.newContext({ baseURL: second.url, extraHTTPHeaders });
  const auth = new AuthPages(await firstContext.newPage());
  const onSecond = new AuthPages(await secondContext.newPage());

  // Ten failures, half on each instance: the account is paused on both.
  for (let i = 0; i < 10; i++) {
    await (i % 2 === 0 ? auth : onSecond).signIn(clinician.email, `not the password ${i}`);
  }
  for (const pages of [auth, onSecond]) {
    await pages.signIn(clinician.email, clinician.password);
    await expect(pages.page.getByText(/Too many attempts — try again in \d+ minutes?\./)).toBeVisible();
  }
  await Promise.all([firstContext.close(), secondContext.close()]);
});
