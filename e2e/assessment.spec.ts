import { randomBytes } from "node:crypto";
import type { APIResponse, BrowserContextOptions, Page, Response } from "@playwright/test";
import * as schema from "../db/schema";
import { closenessV1, formatScore, scoreResponse, type ItemDefinition } from "@/lib/instruments";
import { generateToken } from "@/lib/core/tokens";
import { createClient, createPracticeWithOwner, e2eDb, insertInvitation, linkCouple } from "./db";
import { expect, test } from "./fixtures";

const SCALE = new Map(closenessV1.scale.map((option) => [option.value, option.label]));
const PARTS = closenessV1.dimensions.map((dimension) => closenessV1.items.filter((item) => item.dimension === dimension.key));
const itemNumber = (id: string) => closenessV1.items.findIndex((item) => item.id === id) + 1;

/** A full, deterministic response: every value of the scale appears. */
function response(multiplier: number, offset: number): Record<string, number> {
  return Object.fromEntries(closenessV1.items.map((item, i) => [item.id, ((i * multiplier + offset) % 5) + 1]));
}

/** Each test's contexts come from their own address (through the proxy header), so per-IP limits never collide. */
function ownIp(): Record<string, string> {
  const [a, b, c] = randomBytes(3);
  return { "x-forwarded-for": `10.${a}.${b}.${c}` };
}

function contextOptions(extra: BrowserContextOptions = {}): BrowserContextOptions {
  return { baseURL: test.info().project.use.baseURL, extraHTTPHeaders: ownIp(), ...extra };
}

async function answerPart(page: Page, items: ItemDefinition[], answers: Record<string, number>, skip: string[] = []) {
  for (const item of items) {
    if (skip.includes(item.id)) continue;
    await page
      .getByRole("group", { name: item.text })
      .getByLabel(SCALE.get(answers[item.id]!)!, { exact: true })
      .check();
  }
}

async function expectAnswered(page: Page, items: ItemDefinition[], answers: Record<string, number>) {
  for (const item of items) {
    await expect(page.getByRole("group", { name: item.text }).getByLabel(SCALE.get(answers[item.id]!)!, { exact: true })).toBeChecked();
  }
}

async function expectPart(page: Page, part: number) {
  await expect(page.getByRole("heading", { level: 1, name: `Part ${part} of 7` })).toBeVisible();
}

/** Progress counts statements answered, in the bar and in words. */
async function expectProgress(page: Page, answered: number) {
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", String(answered));
  await expect(page.getByText(`${answered} of 28 answered`, { exact: true })).toBeVisible();
}

/** Leaving a part with a statement unanswered shows it flagged first; a second press moves on. */
async function leavePartWithGap(page: Page, part: number, item: ItemDefinition) {
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expectPart(page, part);
  await expect(page.getByText(`Statement ${itemNumber(item.id)} has no answer yet.`)).toBeVisible();
  await expect(page.getByRole("group", { name: item.text })).toHaveAccessibleDescription("This statement still needs an answer.");
  await page.getByRole("button", { name: "Save and continue" }).click();
}

function expectPrivateHeaders(response: Response | APIResponse | null) {
  expect(response, "a response").not.toBeNull();
  const headers = response!.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-robots-tag"]).toContain("noindex");
}

/** Walks a whole questionnaire from the start page, one part after another, and sends it. */
async function completeFromStart(page: Page, answers: Record<string, number>, options: { tryBack?: boolean } = {}) {
  await page.getByRole("link", { name: "Start" }).click();
  for (let part = 1; part <= 7; part++) {
    await expectPart(page, part);
    await answerPart(page, PARTS[part - 1]!, answers);
    if (options.tryBack && part === 3) {
      await page.getByRole("button", { name: "Back" }).click();
      await expectPart(page, 2);
      await expectAnswered(page, PARTS[1]!, answers);
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expectPart(page, 3);
      await expectAnswered(page, PARTS[2]!, answers);
    }
    await page.getByRole("button", { name: part === 7 ? "Send my answers" : "Save and continue" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  await expect(page).toHaveURL(/\/done$/);
}

/** The client page's table of scores, read by its column headers (so column order is free). */
async function expectScores(page: Page, answers: Record<string, number>) {
  const expected = scoreResponse(closenessV1, answers);
  const table = page.getByRole("table", { name: /oldest first/ }).first();
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(2);
  const headers = (await table.getByRole("columnheader").allTextContents()).map((text) => text.trim().toLowerCase());
  const cells = rows.nth(1).getByRole("cell");
  // The first column is the date, a row header; the scores are the cells after it.
  const cellFor = (label: string) => cells.nth(headers.indexOf(label.toLowerCase()) - 1);
  await expect(cellFor("Overall")).toHaveText(formatScore(expected.overall));
  for (const dimension of closenessV1.dimensions) {
    await expect(cellFor(dimension.label)).toHaveText(formatScore(expected.dimensions[dimension.key]));
  }
}

test("a couple completes the assessment, one partner on a phone and one without JavaScript", async ({ page, auth, browser }) => {
  // Three browsers walk a whole questionnaire: more than most tests do, so more room before a hang is called.
  test.slow();
  const { practice, owner } = await createPracticeWithOwner();
  const sam = await createClient(practice.id, owner.id, { firstName: "Sam", lastName: "Rivera" });
  const alex = await createClient(practice.id, owner.id, { firstName: "Alex", lastName: "Morgan" });
  await linkCouple(practice.id, sam.id, alex.id);
  const samAnswers = response(3, 0);
  const alexAnswers = response(2, 1);

  // The clinician sends the assessment to both partners.
  await auth.signIn(owner.email, owner.password);
  await expect(page).toHaveURL(/\/clients$/);
  await page.goto(`/clients/${sam.id}/links`);
  const panel = page.getByRole("region", { name: "Send questionnaires" });
  await expect(panel.getByLabel("Send to both partners: Sam Rivera and Alex Morgan")).toBeChecked();
  const expiry = panel.getByLabel("Link expires after (days)");
  await expect(expiry).toHaveValue("14");
  await expiry.fill("61");
  await panel.getByRole("button", { name: "Send assessment" }).click();
  await expect(expiry).toHaveAccessibleDescription(/whole number of days from 1 to 60/);
  await expiry.fill("7");
  await panel.getByRole("button", { name: "Send assessment" }).click();
  // No SMTP server in this run: the page says so, and offers the links, their QR codes and "open here".
  await expect(panel.getByRole("status").filter({ hasText: "Email is not set up at this practice, so no email was sent." })).toBeVisible();
  await expect(panel.getByRole("img", { name: "QR code to open Sam Rivera’s questionnaire" })).toBeVisible();
  await expect(panel.getByRole("img", { name: "QR code to open Alex Morgan’s questionnaire" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Sign out and open the questionnaire on this device" })).toHaveCount(2);
  const samLink = await panel.getByLabel("Link for Sam Rivera").inputValue();
  const alexLink = await panel.getByLabel("Link for Alex Morgan").inputValue();
  expect(samLink).toMatch(/\/a\/[A-Za-z0-9_-]{43}$/);
  await expect(panel.getByRole("list", { name: "Invitations" }).getByText("Pending", { exact: true })).toHaveCount(2);
  // Shown once: a reload no longer has them.
  await page.reload();
  await expect(panel.getByLabel(/^Link for/)).toHaveCount(0);

  // Sam, on a phone, answers three parts, leaving one statement out…
  const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const samPhone = await browser.newContext(contextOptions(phone));
  const samPage = await samPhone.newPage();
  expectPrivateHeaders(await samPage.goto(samLink));
  await expect(samPage.getByRole("heading", { level: 1, name: "A short questionnaire" })).toBeVisible();
  await expect(samPage.getByText(practice.name).first()).toBeVisible();
  await expect(samPage.getByText(owner.name).first()).toBeVisible();
  await samPage.getByRole("link", { name: "Start" }).click();
  const k6 = closenessV1.items.find((item) => item.id === "k6")!;
  await expectProgress(samPage, 0);
  for (let part = 1; part <= 3; part++) {
    await expectPart(samPage, part);
    await answerPart(samPage, PARTS[part - 1]!, samAnswers, ["k6"]);
    if (part === 2) await leavePartWithGap(samPage, 2, k6);
    else await samPage.getByRole("button", { name: "Save and continue" }).click();
  }
  await expectPart(samPage, 4);
  await expectProgress(samPage, 11);
  // Parts change in the browser; the answers are saved in the background.
  await expect(samPage.getByText("Answers saved")).toBeVisible();
  await samPhone.close();

  // …and resumes later on another device, from the same link.
  const samOther = await browser.newContext(contextOptions(phone));
  const samPage2 = await samOther.newPage();
  await samPage2.goto(samLink);
  await expect(samPage2.getByText("Welcome back. You have answered 11 of 28 statements so far.")).toBeVisible();
  await samPage2.getByRole("link", { name: "Continue" }).click();
  await expectPart(samPage2, 2);
  await expectAnswered(samPage2, PARTS[1]!.filter((item) => item.id !== "k6"), samAnswers);
  await leavePartWithGap(samPage2, 2, k6);
  await expectPart(samPage2, 3);
  await expectAnswered(samPage2, PARTS[2]!, samAnswers);
  await samPage2.getByRole("button", { name: "Save and continue" }).click();
  for (let part = 4; part <= 7; part++) {
    await expectPart(samPage2, part);
    await answerPart(samPage2, PARTS[part - 1]!, samAnswers);
    await samPage2.getByRole("button", { name: part === 7 ? "Send my answers" : "Save and continue" }).click();
  }
  // Sending with a statement missing lists it, linked to its question, and keeps the rest.
  await expect(samPage2.getByRole("heading", { level: 1, name: "One statement still needs an answer" })).toBeVisible();
  await samPage2.getByRole("link", { name: `${itemNumber("k6")}. ${k6.text}` }).click();
  await expectPart(samPage2, 2);
  await expect(samPage2.getByRole("group", { name: k6.text })).toHaveAccessibleDescription("This statement still needs an answer.");
  await answerPart(samPage2, [k6], samAnswers);
  await samPage2.getByRole("button", { name: "Save and go to sending" }).click();
  await expect(samPage2.getByRole("heading", { level: 1, name: "Ready to send" })).toBeVisible();
  await samPage2.getByRole("button", { name: "Send my answers" }).click();
  await expect(samPage2.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  await expect(samPage2.getByText(`Your answers have gone to ${owner.name} at ${practice.name}.`)).toBeVisible();

  // Alex answers with JavaScript switched off: plain form posts all the way.
  const noScript = await browser.newContext(contextOptions({ javaScriptEnabled: false }));
  const alexPage = await noScript.newPage();
  expectPrivateHeaders(await alexPage.goto(alexLink));
  await completeFromStart(alexPage, alexAnswers, { tryBack: true });

  // The clinician sees both assessments, scored as the scoring function scores them.
  await page.goto(`/clients/${sam.id}/history`);
  await expectScores(page, samAnswers);
  await page.goto(`/clients/${sam.id}/links`);
  await expect(panel.getByRole("list", { name: "Invitations" }).getByText("Completed", { exact: true })).toHaveCount(2);
  await page.goto(`/clients/${alex.id}/history`);
  await expectScores(page, alexAnswers);

  // A used link says so, and names nobody.
  const usedResponse = await samPage2.goto(samLink);
  expectPrivateHeaders(usedResponse);
  await expect(samPage2.getByRole("heading", { level: 1, name: "This questionnaire has already been completed" })).toBeVisible();
  await expect(samPage2.locator("body")).not.toContainText(practice.name);
  expectPrivateHeaders(await alexPage.goto(`${alexLink}/done`));
  await expect(alexPage.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();

  // Unknown and malformed links get one calm page with no practice detail.
  for (const path of [`/a/${generateToken().token}`, "/a/not-a-real-link", `/a/${generateToken().token}/done`]) {
    const unknown = await alexPage.goto(new URL(path, alexLink).toString());
    expect(unknown!.status()).toBe(200);
    expectPrivateHeaders(unknown);
    await expect(alexPage.getByRole("heading", { level: 1, name: "This link can’t be used" })).toBeVisible();
    await expect(alexPage.locator("body")).not.toContainText(practice.name);
    await expect(alexPage.locator("body")).not.toContainText(owner.name);
    await expect(alexPage.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  }

  await Promise.all([samOther.close(), noScript.close()]);
});

test("opening links is limited per IP, with a calm 429 page", async ({ browser }) => {
  const context = await browser.newContext(contextOptions());
  for (let i = 0; i < 60; i++) {
    const response = await context.request.get(`/a/${generateToken().token}`);
    expect(response.status()).toBe(200);
  }
  const page = await context.newPage();
  const limited = await page.goto(`/a/${generateToken().token}`);
  expect(limited!.status()).toBe(429);
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
  expectPrivateHeaders(limited);
  await expect(page.getByRole("heading", { level: 1, name: "Too many attempts" })).toBeVisible();
  await expect(page.getByText(/Please try again in 10 minutes\./)).toBeVisible();

  // Another address is not affected.
  const other = await browser.newContext(contextOptions());
  expect((await other.request.get(`/a/${generateToken().token}`)).status()).toBe(200);
  await Promise.all([context.close(), other.close()]);
});

test("tampered, oversized and malformed posts get a clear answer, never a server error, and store nothing", async ({ browser }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id);
  const token = await insertInvitation({ practiceId: practice.id, clientId: client.id, createdBy: owner.id });
  const context = await browser.newContext(contextOptions({ javaScriptEnabled: false }));
  const request = context.request;
  const url = `/a/${token}?step=2`;
  const html = await (await request.get(url)).text();
  // The token is the URL's alone: no form field carries it.
  for (const field of html.match(/<input[^>]*>/g) ?? []) expect(field).not.toContain(token);
  const actionField = html.match(/name="(\$ACTION_ID_[0-9a-f]+)"/)![1]!;
  const ref = html.match(/name="ref" value="([^"]+)"/)![1]!;
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const post = (multipart: Record<string, string>) => request.post(url, { multipart: { [actionField]: "", ...multipart }, headers: { origin }, maxRedirects: 0 });

  // Values off the scale are not saved, and the part says so.
  const offScale = await post({ ref, step: "2", intent: "next", k5: "4", k6: "9", k7: "-1", k8: "3.5" });
  expect(offScale.status()).toBe(303);
  expect(offScale.headers().location).toMatch(/\?step=2&notice=unreadable$/);
  const page = await context.newPage();
  await page.goto(`/a/${token}?step=2&notice=unreadable`);
  await expect(page.getByText("Some answers could not be saved.")).toBeVisible();
  await expect(page.getByRole("group", { name: PARTS[1]![0]!.text }).getByLabel("Agree", { exact: true })).toBeChecked();
  for (const item of PARTS[1]!.slice(1)) await expect(page.getByRole("group", { name: item.text }).getByRole("radio", { checked: true })).toHaveCount(0);

  // A tampered reference or step, or a submit with gaps, ends somewhere calm.
  const tamperedRef = await post({ ref: `${ref.slice(0, -4)}AAAA`, step: "2", intent: "next", k5: "1" });
  expect(tamperedRef.status()).toBe(303);
  expect(tamperedRef.headers().location).toMatch(/\/a\/invalid$/);
  const tamperedStep = await post({ ref, step: "<script>", intent: "next" });
  expect(tamperedStep.status()).toBe(303);
  expect(tamperedStep.headers().location).toMatch(new RegExp(`/a/${token}$`));
  const early = await post({ ref, step: "2", intent: "submit", k6: "2" });
  expect(early.headers().location).toMatch(/\?step=review$/);

  // A post from another site (its Origin withheld) is refused, calmly.
  const crossSite = await request.post(url, {
    multipart: { [actionField]: "", ref, step: "2", intent: "next", k5: "1" },
    headers: { origin: "null", "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("This form could not be sent");

  // Oversized and unparseable bodies are refused before the framework parses them.
  const huge = await post({ ref, step: "2", k5: "x".repeat(200_000) });
  expect(huge.status()).toBe(413);
  expect(await huge.text()).toContain("Your answers could not be sent");
  const malformed = await request.post(url, {
    headers: { origin, "content-type": "multipart/form-data; boundary=xyz" },
    data: "--xyz\r\nbroken",
    maxRedirects: 0,
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.text()).toContain("Your answers could not be read");

  // Nothing reached the assessments.
  const stored = await e2eDb().select().from(schema.assessments);
  expect(stored.filter((row) => row.clientId === client.id)).toHaveLength(0);
  await context.close();
});
