import { randomBytes } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { generateToken } from "../lib/tokens";
import { startAppInstance, type AppInstance } from "./app-instance";
import { expect, test } from "./fixtures";

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

// Session revocation across instances is added here once sessions can be revoked: sign in on the
// first instance, revoke the session (or sign out) there, then expect the second to refuse the
// same cookie and send the browser to /sign-in.
