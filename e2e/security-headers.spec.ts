import { randomBytes } from "node:crypto";
import type { APIResponse, Page, Response } from "@playwright/test";
import { closenessV1 } from "@/lib/instruments";
import { answersForLevels, createClient, createPracticeWithOwner, insertAssessment, insertInvitation } from "./db";
import { expect, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

const DAY = 24 * 60 * 60 * 1000;

/** This test's own client address (the server trusts one proxy hop: Playwright plays it). */
const ownIp = () => ({ "x-forwarded-for": `10.${[...randomBytes(3)].join(".")}` });

function directives(response: Response | APIResponse | null): Map<string, string[]> {
  expect(response, "a response").not.toBeNull();
  const csp = response!.headers()["content-security-policy"];
  expect(csp, `a Content-Security-Policy on ${response!.url()}`).toBeTruthy();
  return new Map(csp!.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

/** A strict, nonce-based policy with every directive the brief of this app asks for. */
function expectStrictPolicy(response: Response | APIResponse | null) {
  const policy = directives(response);
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  const scripts = policy.get("script-src")!;
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts.some((source) => /^'nonce-[A-Za-z0-9+/]{16,}={0,2}'$/.test(source))).toBe(true);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get("style-src")).not.toContain("'unsafe-inline'");
  return scripts.find((source) => source.startsWith("'nonce-"))!;
}

function expectTransportAndCaching(response: Response | APIResponse | null) {
  const headers = response!.headers();
  expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(headers["cache-control"]).toBe("no-store");
}

async function seed() {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id, { firstName: "Noor", lastName: "Policy" });
  await insertAssessment(practice.id, client.id, new Date(clock.ms() - 40 * DAY), answersForLevels({}, 3));
  await insertAssessment(practice.id, client.id, new Date(clock.ms() - 5 * DAY), answersForLevels({ trust: 5 }, 4));
  const token = await insertInvitation({ practiceId: practice.id, clientId: client.id, createdBy: owner.id });
  return { owner, client, token };
}

test("signed-in pages, the client link and the scores export carry CSP, HSTS and no-store", async ({ browser }) => {
  const { owner, client, token } = await seed();
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: ownIp() });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/clients$/);

  const clientPage = await page.goto(`/clients/${client.id}`);
  expect(clientPage!.status()).toBe(200);
  const nonce = expectStrictPolicy(clientPage);
  expectTransportAndCaching(clientPage);
  // Next.js put this response's nonce on its scripts; a second response has a fresh one.
  const value = nonce.slice("'nonce-".length, -1);
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  expect(await clientPage!.text()).toContain(`nonce="${value}"`);
  const again = await page.goto(`/clients/${client.id}`);
  expect(expectStrictPolicy(again)).not.toBe(nonce);

  const overview = await page.goto("/overview");
  expectStrictPolicy(overview);
  expectTransportAndCaching(overview);

  const link = await page.goto(`/a/${token}`);
  expect(link!.status()).toBe(200);
  expectStrictPolicy(link);
  expectTransportAndCaching(link);

  const csv = await context.request.get(`/api/clients/${client.id}/scores.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expectTransportAndCaching(csv);
  await context.close();
});

/** Collects every CSP violation the browser reports, by event and on the console, across navigations. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} from ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} on ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

test("no CSP violation from sign-in through clients, a client, the overview and the questionnaire", async ({ browser }) => {
  const { owner, client, token } = await seed();
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: ownIp() });
  const page = await context.newPage();
  const violations = await watchViolations(page);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole("link", { name: "Noor Policy" })).toBeVisible();

  await page.getByRole("link", { name: "Noor Policy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Noor Policy" })).toBeVisible();
  // The charts (recharts, drawn in the browser) are on the history tab.
  await page.goto(`/clients/${client.id}/history`);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();

  // The client's side: the start page, then a part answered with JavaScript on (autosave, step forms).
  await page.goto(`/a/${token}`);
  await page.getByRole("link", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Part 1 of 7" })).toBeVisible();
  const firstPart = closenessV1.items.filter((item) => item.dimension === closenessV1.dimensions[0]!.key);
  for (const item of firstPart) await page.getByRole("group", { name: item.text }).getByLabel("Agree", { exact: true }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Part 2 of 7" })).toBeVisible();

  await page.goto(`/clients/${client.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Noor Policy" })).toBeVisible();
  expect(violations).toEqual([]);

  // The watch would have seen one: markup injected into a page (as an XSS would) runs nothing.
  const page2 = `/clients/${client.id}?injected=1`;
  await page.route(`**${page2}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      `<script>window.injectedScriptRan = true</script><img src="/no-such-image.png" onerror="window.injectedScriptRan = true"></body>`,
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto(page2);
  await expect(page.getByRole("heading", { level: 1, name: "Noor Policy" })).toBeVisible();
  // Both the script element and the event handler are refused, and reported.
  const reported = () => violations.filter((violation) => !violation.startsWith("console:"));
  await expect.poll(() => reported().length).toBeGreaterThanOrEqual(2);
  expect(reported().every((violation) => violation.startsWith("script-src"))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan ?? false)).toBe(false);
  await context.close();
});
