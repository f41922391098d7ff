import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import * as schema from "../db/schema";
import { answersForLevels, createClient, createPracticeWithOwner, e2eDb, insertAssessment, insertInvitation, insertResultLink, linkCouple, shareResults } from "./db";
import { expect, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

/*
 * Issue 15: results clients can see. Each partner's own results link, on a phone with JavaScript
 * off (consent is a plain form post), through the consent matrix; calm pages for links that are
 * not usable; the clinician's switch and preview.
 */

const at = (date: string) => new Date(`${date}T10:00:00Z`);
const ownIp = () => ({ "x-forwarded-for": `10.${[...randomBytes(3)].join(".")}` });
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function context(browser: Browser, extra: BrowserContextOptions = {}) {
  return browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: ownIp(), ...extra });
}

/** Ivy and Jon Park: Ivy twice (trust up from 50 to 75), Jon once; trust differs by 75 points at the latest pair. */
async function seedCouple() {
  const { practice, owner } = await createPracticeWithOwner({ practiceName: `Harbour Therapy ${randomBytes(3).toString("hex")}` });
  const ivy = await createClient(practice.id, owner.id, { firstName: "Ivy", lastName: "Park" });
  const jon = await createClient(practice.id, owner.id, { firstName: "Jon", lastName: "Park" });
  const couple = await linkCouple(practice.id, ivy.id, jon.id);
  await insertAssessment(practice.id, ivy.id, at("2026-01-05"), answersForLevels());
  await insertAssessment(practice.id, ivy.id, at("2026-03-02"), answersForLevels({ trust: 4, knowledge: 5 }));
  await insertAssessment(practice.id, jon.id, at("2026-03-03"), answersForLevels({ trust: 1 }));
  await shareResults(practice.id, ivy.id);
  await shareResults(practice.id, jon.id);
  const ivyLink = await insertResultLink({ practiceId: practice.id, clientId: ivy.id, createdBy: owner.id });
  const jonLink = await insertResultLink({ practiceId: practice.id, clientId: jon.id, createdBy: owner.id });
  return { practice, owner, ivy, jon, couple, ivyLink, jonLink };
}

async function expectOwnOnly(page: Page) {
  await expect(page.getByRole("heading", { name: "Your closeness profile" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your results together" })).toHaveCount(0);
}

async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

test("each partner's link through the consent matrix, on a phone with JavaScript off", async ({ browser }) => {
  const { practice, couple, ivyLink, jonLink } = await seedCouple();
  const ivyContext = await context(browser, { ...PHONE, javaScriptEnabled: false });
  const jonContext = await context(browser, { ...PHONE, javaScriptEnabled: false });
  const ivy = await ivyContext.newPage();
  const jon = await jonContext.newPage();

  // No consent: each sees their own profile, in client words, and only that.
  await ivy.goto(`/results/${ivyLink}`);
  await expect(ivy.getByRole("heading", { level: 1, name: "Your results" })).toBeVisible();
  await expectOwnOnly(ivy);
  await expect(ivy.getByText(/starting point for a conversation in your sessions, not a diagnosis/)).toBeVisible();
  await expect(ivy.getByRole("heading", { name: "Your strengths" })).toBeVisible();
  await expect(ivy.getByRole("heading", { name: "Your growth areas" })).toBeVisible();
  // The chart's text alternative: every bar has its number and words.
  await expect(ivy.getByText("Up 25.0 points since your first questionnaire — a clear change")).toBeVisible();
  // The band's one name, the clinician's too, with gentler words in the key below.
  await expect(ivy.getByText("75.0 of 100 · Strength").first()).toBeVisible();
  await expect(ivy.getByText("A strong point for you right now.")).toBeVisible();
  await expect(ivy.locator("body")).not.toContainText(/\bRCI\b|\bband\b|reliable/i);
  await expectNoHorizontalOverflow(ivy);

  // One partner says yes: still only their own, for both.
  await ivy.getByRole("button", { name: "Yes, share my results with my partner" }).click();
  await expect(ivy.getByRole("status")).toContainText("you said yes");
  await expectOwnOnly(ivy);
  await jon.goto(`/results/${jonLink}`);
  await expectOwnOnly(jon);
  // Ivy's yes is hers: Jon is not told.
  await expect(jon.getByText("You have not said yes. Nothing of yours is shared with your partner.")).toBeVisible();

  // Both: both see the couple view, side by side, and where they see things differently.
  await jon.getByRole("button", { name: "Yes, share my results with my partner" }).click();
  await expect(jon.getByRole("heading", { name: "Your results together" })).toBeVisible();
  await expect(jon.getByText("You see trust differently: your scores are 75.0 points apart.", { exact: false })).toBeVisible();
  // On the phone, "You" and "Your partner" stand side by side for each part of closeness.
  const together = jon.getByRole("table", { name: /Your latest scores and your partner.s, per part of closeness/ });
  const you = await together.getByRole("columnheader", { name: "You", exact: true }).boundingBox();
  const partner = await together.getByRole("columnheader", { name: "Your partner" }).boundingBox();
  expect(you && partner && Math.abs(you.y - partner.y) < 4 && you.x + you.width <= partner.x).toBe(true);
  // Jon's trust (0.0) beside Ivy's (75.0), each with its band's name.
  await expect(together.getByRole("row", { name: /^Trust/ }).last()).toContainText(/0\.0\s*· Growth area\s*75\.0\s*· Strength/);
  await expectNoHorizontalOverflow(jon);
  await ivy.reload();
  await expect(ivy.getByRole("heading", { name: "Your results together" })).toBeVisible();

  // One withdraws: both are back to their own, at the next load.
  await jon.getByRole("button", { name: "Stop sharing with my partner" }).click();
  await expect(jon.getByRole("status")).toContainText("no longer shared");
  await expectOwnOnly(jon);
  await ivy.reload();
  await expectOwnOnly(ivy);

  // Both again; then the clinician withholds: neither sees it, and saying yes is not offered.
  await jon.getByRole("button", { name: "Yes, share my results with my partner" }).click();
  await ivy.reload();
  await expect(ivy.getByRole("heading", { name: "Your results together" })).toBeVisible();
  await e2eDb().update(schema.couples).set({ resultsCoupleWithheld: true }).where(eq(schema.couples.id, couple.id));
  await ivy.reload();
  await expectOwnOnly(ivy);
  await expect(ivy.getByText("Sharing with your partner is not open for the two of you", { exact: false })).toHaveCount(0);
  await expect(ivy.getByRole("button", { name: "Stop sharing with my partner" })).toBeVisible();
  await jon.reload();
  await expectOwnOnly(jon);
  // Jon withdraws while it is withheld: he is told why it cannot open, in words that say nothing of Ivy's choice.
  await jon.getByRole("button", { name: "Stop sharing with my partner" }).click();
  await expect(jon.getByText("Sharing with your partner is not open for the two of you at the moment.", { exact: false })).toBeVisible();
  await expect(jon.getByText(/decided by your clinician, .+, for both of you together; it does not depend on anything your partner has chosen/)).toBeVisible();
  await expect(jon.getByRole("button", { name: "Yes, share my results with my partner" })).toHaveCount(0);

  // Every consent and view is on the client's trail.
  const trail = await e2eDb().select({ action: schema.auditEvents.action }).from(schema.auditEvents).where(eq(schema.auditEvents.practiceId, practice.id));
  const actions = trail.map((row) => row.action);
  expect(actions).toEqual(expect.arrayContaining(["results.view", "results.consent_given", "results.consent_withdrawn"]));

  await ivyContext.close();
  await jonContext.close();
});

test("links that cannot be used show a calm page that names nobody, and change nothing", async ({ browser }) => {
  const { practice, owner, ivy, ivyLink } = await seedCouple();
  const revoked = await insertResultLink({ practiceId: practice.id, clientId: ivy.id, createdBy: owner.id, revoked: true });
  const expired = await insertResultLink({ practiceId: practice.id, clientId: ivy.id, createdBy: owner.id, expiresAt: new Date(clock.ms() - 60_000) });
  const ctx = await context(browser, { ...PHONE, javaScriptEnabled: false });
  const page = await ctx.newPage();
  for (const path of [`/results/${revoked}`, `/results/${expired}`, `/results/${randomBytes(32).toString("base64url")}`, `/results/${ivyLink.slice(0, 30)}`, "/results/invalid"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["cache-control"], path).toBe("no-store");
    expect(response?.headers()["referrer-policy"], path).toBe("no-referrer");
    await expect(page.getByRole("heading", { level: 1, name: "This link can’t be used" })).toBeVisible();
    const text = await page.locator("body").innerText();
    for (const secret of [practice.name, owner.name, "Ivy", "Park"]) expect(text, `${path} names ${secret}`).not.toContain(secret);
  }
  // A client with nothing completed yet gets a kind page, not an error.
  const fresh = await createClient(practice.id, owner.id, { firstName: "Uma", lastName: "New" });
  await shareResults(practice.id, fresh.id);
  await page.goto(`/results/${await insertResultLink({ practiceId: practice.id, clientId: fresh.id, createdBy: owner.id })}`);
  await expect(page.getByRole("heading", { level: 1, name: "Nothing to show yet" })).toBeVisible();
  await ctx.close();
});

test("the clinician shares, previews exactly what the client sees, and switching off shows at the client's next load", async ({ browser, page, auth }) => {
  const { practice, owner, ivy } = await seedCouple();
  await shareResults(practice.id, ivy.id, false);
  await auth.signInAs(owner);
  await page.goto(`/clients/${ivy.id}/sharing`);
  await expect(page.getByText("Not shared")).toBeVisible();
  await page.getByRole("button", { name: "Share results with Ivy Park" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Results are shared" })).toBeVisible();

  await page.getByLabel("Email the link to", { exact: false }).uncheck();
  await page.getByRole("button", { name: "Make a results link" }).click();
  const link = await page.getByRole("textbox", { name: "Results link" }).inputValue();
  const preview = await page.getByTestId("results-report").innerText();

  const clientContext = await context(browser, PHONE);
  const client = await clientContext.newPage();
  await client.goto(new URL(link).pathname);
  await expect(client.getByRole("heading", { name: "Your closeness profile" })).toBeVisible();
  expect(await client.getByTestId("results-report").innerText()).toBe(preview);

  await page.reload();
  await page.getByRole("button", { name: "Stop sharing results" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sharing is off" })).toBeVisible();
  // The page the client has open shows nothing of the results at its next load.
  await client.reload();
  await expect(client.getByRole("heading", { level: 1, name: "Your results are not shown here just now" })).toBeVisible();
  await expect(client.getByTestId("results-report")).toHaveCount(0);

  // On the client's trail, for the owner.
  await page.goto(`/clients/${ivy.id}/audit`);
  await expect(page.getByText("Shared the client's results with them")).toBeVisible();
  await expect(page.getByText("Made a results link")).toBeVisible();
  await expect(page.getByText(/The client — Viewed their results/).first()).toBeVisible();
  await clientContext.close();
});

test("the thank-you page shows results only when shared; a consent form edited to another client's id changes nothing", async ({ browser }) => {
  const { practice, owner, ivy, jon, ivyLink } = await seedCouple();
  const ctx = await context(browser, PHONE);
  const page = await ctx.newPage();

  // Ivy just finished a questionnaire: her results follow the thank-you message.
  const ivyDone = await insertInvitation({ practiceId: practice.id, clientId: ivy.id, createdBy: owner.id, completedAt: clock.now() });
  await page.goto(`/a/${ivyDone}/done`);
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your closeness profile" })).toBeVisible();
  // Not shared with Uma: the thank-you message alone.
  const uma = await createClient(practice.id, owner.id, { firstName: "Uma", lastName: "Solo" });
  await insertAssessment(practice.id, uma.id, at("2026-03-01"), answersForLevels());
  const umaDone = await insertInvitation({ practiceId: practice.id, clientId: uma.id, createdBy: owner.id, completedAt: clock.now() });
  await page.goto(`/a/${umaDone}/done`);
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your closeness profile" })).toHaveCount(0);

  // Ivy's consent form, edited to name Jon: nothing is saved for either of them.
  await page.goto(`/results/${ivyLink}`);
  await page.locator('input[name="clientId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), jon.id);
  await page.getByRole("button", { name: "Yes, share my results with my partner" }).click();
  await expect(page.getByRole("heading", { name: "Your closeness profile" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Yes, share my results with my partner" })).toBeVisible();
  const consents = await e2eDb().select().from(schema.resultSharing).where(eq(schema.resultSharing.practiceId, practice.id));
  expect(consents.map((row) => row.coupleConsentCoupleId)).toEqual([null, null]);
  await ctx.close();
});
