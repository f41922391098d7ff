import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { answersForLevels, createClient, createPracticeWithOwner, insertAssessment, insertInvitation, insertResultLink, linkCouple, shareResults } from "./db";
import { expect, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

/*
 * Every page, opened as a person would, with the browser console listened to: a hydration
 * mismatch, a duplicate key, a refused script or style, a failed request or any other error or
 * warning fails the test. The only message allowed is the 404 of a page asked for on purpose.
 */

const at = (date: string) => new Date(`${date}T10:00:00Z`);

/** Each context comes from its own address (through the proxy header), so per-IP limits never collide. */
const ownIp = () => ({ "x-forwarded-for": `10.${[...randomBytes(3)].join(".")}` });

type Listener = { problems: string[]; expect404: (path: string) => void };

/** Records every console error and warning, and every uncaught error, of this page. */
function listen(page: Page): Listener {
  const problems: string[] = [];
  const allowed = new Set<string>();
  page.on("console", (message) => {
    if (message.type() !== "error" && message.type() !== "warning") return;
    const source = message.location().url;
    // Chromium reports the document's own 404 as a failed resource: that is the point of a 404 page.
    if (/status of 404/.test(message.text()) && allowed.has(new URL(source || page.url()).pathname)) return;
    problems.push(`${new URL(page.url()).pathname}: ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${new URL(page.url()).pathname}: uncaught: ${error.message}`));
  return { problems, expect404: (path) => allowed.add(path) };
}

/** Opens a path and lets the page hydrate and settle, so errors raised after load are heard too. */
async function visit(page: Page, path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await page.waitForLoadState("networkidle");
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: ownIp() });
  return context.newPage();
}

/** A couple with assessments (a trend, a profile, reliable change and gaps), a single and an empty client. */
async function seedPractice() {
  const { practice, owner } = await createPracticeWithOwner();
  const ana = await createClient(practice.id, owner.id, { firstName: "Ana", lastName: "Alder" });
  const ben = await createClient(practice.id, owner.id, { firstName: "Ben", lastName: "Birch" });
  const couple = await linkCouple(practice.id, ana.id, ben.id);
  await insertAssessment(practice.id, ana.id, at("2026-01-05"), answersForLevels({ knowledge: 2, care: 4 }));
  await insertAssessment(practice.id, ana.id, at("2026-02-02"), answersForLevels({ trust: 4, commitment: 2 }));
  await insertAssessment(practice.id, ana.id, at("2026-03-02"), answersForLevels({ trust: 2, mutuality: 2 }));
  await insertAssessment(practice.id, ben.id, at("2026-01-06"), answersForLevels({ commitment: 5 }));
  await insertAssessment(practice.id, ben.id, at("2026-03-03"), answersForLevels({ knowledge: 4, mutuality: 5 }));
  const single = await createClient(practice.id, owner.id, { firstName: "Sam", lastName: "Single" });
  await insertAssessment(practice.id, single.id, at("2026-04-01"), answersForLevels({ care: 5, trust: 1 }));
  const empty = await createClient(practice.id, owner.id, { firstName: "Cleo", lastName: "Empty" });
  const open = await insertInvitation({ practiceId: practice.id, clientId: empty.id, createdBy: owner.id });
  const done = await insertInvitation({ practiceId: practice.id, clientId: single.id, createdBy: owner.id, completedAt: clock.now() });
  await shareResults(practice.id, ana.id);
  const results = await insertResultLink({ practiceId: practice.id, clientId: ana.id, createdBy: owner.id });
  return { owner, ana, couple, single, empty, tokens: { open, done, results } };
}

test("the signed-out pages and the questionnaire log nothing to the console", async ({ browser }) => {
  const { tokens } = await seedPractice();
  const page = await newPage(browser);
  const { problems, expect404 } = listen(page);

  await visit(page, "/sign-in");
  await visit(page, "/sign-up");
  await visit(page, "/sign-up/check-email");
  await visit(page, "/forgot-password");
  // Links that are not (or no longer) valid: a calm page each.
  await visit(page, `/reset-password/${randomBytes(32).toString("base64url")}`);
  await visit(page, `/confirm-email/${randomBytes(32).toString("base64url")}`);
  // The questionnaire: its start, a part, the last part, the review, and the thank-you of a completed link.
  await visit(page, `/a/${tokens.open}`);
  await visit(page, `/a/${tokens.open}?step=1`);
  await expect(page.getByRole("heading", { level: 1, name: "Part 1 of 7" })).toBeVisible();
  await visit(page, `/a/${tokens.open}?step=7`);
  await visit(page, `/a/${tokens.open}?step=review`);
  await visit(page, `/a/${tokens.done}/done`);
  await visit(page, `/a/${tokens.done}`);
  // A link that is not one: a calm page, not an error.
  await visit(page, `/a/${randomBytes(32).toString("base64url")}`);
  // A reminder's stop link that matches nothing: calm too.
  await visit(page, `/r/${randomBytes(32).toString("base64url")}`);
  // A client's results link, and one that is not one.
  await visit(page, `/results/${tokens.results}`);
  await visit(page, `/results/${randomBytes(32).toString("base64url")}`);
  expect404("/no-such-page");
  await visit(page, "/no-such-page", 404);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  expect(problems).toEqual([]);
  await page.context().close();
});

test("every dashboard page logs nothing to the console, for the owner and a new practice", async ({ browser }) => {
  test.slow();
  const { owner, ana, couple, single, empty } = await seedPractice();
  const page = await newPage(browser);
  const { problems, expect404 } = listen(page);

  await visit(page, "/sign-in");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await page.waitForLoadState("networkidle");

  await visit(page, "/clients?status=all&sort=partner");
  // Every tab of a client's record.
  for (const tab of ["", "/links", "/plan", "/sharing", "/details", "/audit"]) await visit(page, `/clients/${ana.id}${tab}`);
  await visit(page, `/clients/${ana.id}/history`);
  // The chart's picker, the tooltip and the disclosures: what runs after hydration.
  const scores = page.getByRole("region", { name: "Scores over time" });
  await scores.getByLabel("Dimension shown with overall").selectOption("trust");
  await expect(page).toHaveURL(/dimension=trust/);
  const chart = scores.getByTestId("score-trend-chart");
  const box = await chart.boundingBox();
  await chart.hover({ position: { x: box!.width - 30, y: box!.height / 2 } });
  await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText("2 Mar 2026");
  await page.getByText("How this is calculated").first().click();
  await page.getByText("Archive", { exact: true }).click();
  await expect(page.getByRole("button", { name: "Yes, archive Ana Alder" })).toBeVisible();
  await visit(page, `/clients/${ana.id}/history?dimension=care`);
  for (const client of [single, empty]) {
    await visit(page, `/clients/${client.id}`);
    await visit(page, `/clients/${client.id}/history`);
  }
  // The couple's page, every tab, and the form for a new couple.
  for (const tab of ["", "/history", "/links", "/plan", "/partners"]) await visit(page, `/couples/${couple.id}${tab}`);
  await visit(page, "/couples/new");
  await visit(page, `/clients/${ana.id}/edit`);
  await visit(page, `/clients/${ana.id}/report`);
  await visit(page, "/clients/new");
  await visit(page, "/overview");
  await visit(page, "/overview?range=all&by=week");
  await visit(page, "/overview/attention");
  await visit(page, "/settings");
  await visit(page, "/settings/team");
  await visit(page, "/settings/account");
  await visit(page, "/settings/account/two-step");
  await visit(page, "/settings/export");
  await visit(page, "/clients/import");
  expect404("/clients/00000000-0000-4000-8000-000000000000");
  await visit(page, "/clients/00000000-0000-4000-8000-000000000000", 404);

  // A practice with nothing in it yet: the overview's first steps.
  const fresh = await createPracticeWithOwner();
  const other = await newPage(browser);
  const second = listen(other);
  await visit(other, "/sign-in");
  await other.getByLabel("Email").fill(fresh.owner.email);
  await other.getByLabel("Password").fill(fresh.owner.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other).toHaveURL(/\/clients$/);
  await visit(other, "/overview");
  await expect(other.getByRole("heading", { name: "Getting started" })).toBeVisible();

  expect([...problems, ...second.problems]).toEqual([]);
  await page.context().close();
  await other.context().close();
});
