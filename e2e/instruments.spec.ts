import { randomBytes } from "node:crypto";
import type { BrowserContextOptions, Page } from "@playwright/test";
import { DEFAULT_CRISIS_TEXT } from "@/lib/alerts/crisis";
import { closenessV1, csi4V1, gad7V1, itemScale, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { assessmentsOf, createClient, createPracticeWithOwner, insertInvitation, invitationsOf } from "./db";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

/*
 * One link, several instruments (issue 14): the clinician chooses the questionnaires on the send
 * form, the client answers them in one sitting — here without JavaScript — and each is stored and
 * scored on its own. A critical answer shows where to get help before anything else.
 */

function contextOptions(extra: BrowserContextOptions = {}): BrowserContextOptions {
  const [a, b, c] = randomBytes(3);
  return { baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": `10.${a}.${b}.${c}` }, ...extra };
}

/** Chooses, for each item given, the answer with that value, by its label on the item's own scale. */
async function answerItems(page: Page, instrument: AnyInstrument, answers: Record<string, number>) {
  for (const item of instrument.items) {
    const value = answers[item.id];
    if (value === undefined) continue;
    const label = itemScale(instrument, item).find((option) => option.value === value)!.label;
    await page.getByRole("group", { name: item.text }).getByRole("radio", { name: label, exact: true }).check();
  }
}


const ids = (instrument: AnyInstrument, values: number[]) => Object.fromEntries(values.map((value, index) => [instrument.items[index]!.id, value]));

// Totals by hand: PHQ-9 1+2+0+3+1+0+2+1+0 = 10 (item 9 at 0: no alert); GAD-7 0+1+2+3+0+1+2 = 9;
// CSI-4 4 ("Very happy", on its seven-point scale) + 3 + 4 + 2 = 13.
const PHQ9 = ids(phq9V1, [1, 2, 0, 3, 1, 0, 2, 1, 0]);
const GAD7 = ids(gad7V1, [0, 1, 2, 3, 0, 1, 2]);
const CSI4 = ids(csi4V1, [4, 3, 4, 2]);

test("a clinician sends PHQ-9, GAD-7 and CSI-4 in one link; the client answers them without JavaScript; each is scored on its own", async ({
  page,
  auth,
  browser,
}) => {
  test.slow();
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id, { firstName: "Jo", lastName: `Mixed${clock.ms()}` });
  await auth.signInAs(owner);
  await page.goto(`/clients/${client.id}/links`);
  const panel = page.getByRole("region", { name: "Send questionnaires" });
  const group = panel.getByRole("group", { name: "Questionnaires" });
  // Closeness Inventory is ticked by default; each choice says what it is.
  await expect(group.getByRole("checkbox", { name: closenessV1.title })).toBeChecked();
  await expect(group.getByRole("checkbox", { name: phq9V1.title })).toHaveAccessibleDescription(phq9V1.description);
  await group.getByRole("checkbox", { name: closenessV1.title }).uncheck();
  for (const instrument of [phq9V1, gad7V1, csi4V1]) await group.getByRole("checkbox", { name: instrument.title }).check();
  await panel.getByRole("button", { name: "Send assessment" }).click();
  const link = new URL(await panel.getByLabel(`Link for Jo ${client.lastName}`).inputValue()).pathname;
  // The links list says which questionnaires the link carries, in the order they are answered.
  await expect(panel.getByRole("list", { name: "Invitations" }).getByRole("listitem").first()).toContainText("PHQ-9 + GAD-7 + CSI-4");

  const context = await browser.newContext(contextOptions({ javaScriptEnabled: false }));
  const client$ = await context.newPage();
  await client$.goto(link);
  await expect(client$.getByRole("heading", { level: 1, name: "A few short questionnaires" })).toBeVisible();
  await expect(client$.getByRole("list", { name: "The questionnaires" }).getByRole("listitem")).toHaveText([phq9V1.title, gad7V1.title, csi4V1.title]);
  await client$.getByRole("link", { name: "Start" }).click();

  // PHQ-9: its title, stem and attribution where its items are; four choices; the difficulty question optional.
  await expect(client$.getByRole("heading", { level: 1, name: "Part 1 of 3" })).toBeVisible();
  await expect(client$.getByRole("heading", { level: 2, name: phq9V1.title })).toBeVisible();
  await expect(client$.getByText(phq9V1.instructions)).toBeVisible();
  await expect(client$.getByText(phq9V1.attribution!)).toBeVisible();
  await expect(client$.getByText("0 of 20 answered", { exact: true })).toBeVisible();
  await expect(client$.getByRole("group", { name: phq9V1.items[0]!.text }).getByRole("radio")).toHaveCount(4);
  await expect(client$.getByRole("group", { name: /If you checked off any problems/ })).toContainText("(optional)");
  await answerItems(client$, phq9V1, PHQ9);
  // The difficulty question left blank is no gap: the part moves on at the first press.
  await client$.getByRole("button", { name: "Save and continue" }).click();

  // GAD-7: a question left blank is flagged once, by its own number.
  await expect(client$.getByRole("heading", { level: 1, name: "Part 2 of 3" })).toBeVisible();
  await expect(client$.getByRole("heading", { level: 2, name: gad7V1.title })).toBeVisible();
  await expect(client$.getByText(gad7V1.attribution!)).toBeVisible();
  await expect(client$.getByText("9 of 20 answered", { exact: true })).toBeVisible();
  await answerItems(client$, gad7V1, Object.fromEntries(Object.entries(GAD7).filter(([id]) => id !== "gad7_3")));
  await client$.getByRole("button", { name: "Save and continue" }).click();
  await expect(client$).toHaveURL(/\?step=2&unanswered=1$/);
  await expect(client$.getByText("Question 3 has no answer yet.")).toBeVisible();
  await expect(client$.getByRole("group", { name: gad7V1.items[2]!.text })).toHaveAccessibleDescription("This question still needs an answer.");
  await answerItems(client$, gad7V1, { gad7_3: GAD7.gad7_3! });
  await client$.getByRole("button", { name: "Save and continue" }).click();
  await expect(client$.getByRole("heading", { level: 1, name: "Part 3 of 3" })).toBeVisible();

  // The review lists what is missing under each instrument: here only CSI-4's four questions.
  await client$.goto(`${link}?step=review`);
  await expect(client$.getByRole("heading", { level: 1, name: "4 questions still need an answer" })).toBeVisible();
  await expect(client$.getByRole("heading", { level: 2 })).toHaveText([csi4V1.title]);
  await client$.getByRole("link", { name: `1. ${csi4V1.items[0]!.text}` }).click();

  // CSI-4: item 1 on seven points, the others on six.
  await expect(client$.getByRole("heading", { level: 1, name: "Part 3 of 3" })).toBeVisible();
  await expect(client$.getByRole("heading", { level: 2, name: csi4V1.title })).toBeVisible();
  await expect(client$.getByText(csi4V1.attribution!)).toBeVisible();
  await expect(client$.getByRole("group", { name: csi4V1.items[0]!.text }).getByRole("radio")).toHaveCount(7);
  await expect(client$.getByRole("group", { name: csi4V1.items[1]!.text }).getByRole("radio")).toHaveCount(6);
  await expect(client$.getByText("16 of 20 answered", { exact: true })).toBeVisible();
  await answerItems(client$, csi4V1, CSI4);
  // Reached from the review, the part goes back there; everything answered, it sends.
  await client$.getByRole("button", { name: "Save and go to sending" }).click();
  await expect(client$.getByRole("heading", { level: 1, name: "Ready to send" })).toBeVisible();
  await expect(client$.getByText("You have answered all 20 questions.")).toBeVisible();
  await client$.getByRole("button", { name: "Send my answers" }).click();

  await expect(client$.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  // Item 9 at "Not at all": no crisis information.
  await expect(client$.getByRole("heading", { name: "If you need help now" })).toHaveCount(0);
  await context.close();

  // One assessment per instrument of the sitting, each with its own total and only its own answers.
  const stored = await assessmentsOf(client.id);
  expect(stored.map((row) => [row.instrumentKey, row.total, row.overall])).toEqual([
    ["csi4", 13, null],
    ["gad7", 9, null],
    ["phq9", 10, null],
  ]);
  expect(new Set(stored.map((row) => row.invitationId)).size).toBe(1);
  expect(stored.find((row) => row.instrumentKey === "phq9")!.answers).toEqual(PHQ9);
  expect(stored.find((row) => row.instrumentKey === "gad7")!.answers).toEqual(GAD7);
});

test("the send form refuses an empty choice of questionnaires beside the group, sends nothing and keeps what was ticked", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id);
  await auth.signInAs(owner);
  await page.goto(`/clients/${client.id}/links`);
  const panel = page.getByRole("region", { name: "Send questionnaires" });
  const group = panel.getByRole("group", { name: "Questionnaires" });
  await group.getByRole("checkbox", { name: closenessV1.title }).uncheck();
  await panel.getByRole("button", { name: "Send assessment" }).click();
  await expect(group.getByText("Choose at least one questionnaire.")).toBeVisible();
  await expect(group).toHaveAccessibleDescription(/Choose at least one questionnaire\./);
  await expect(group.getByRole("checkbox", { checked: true })).toHaveCount(0);
  expect(await invitationsOf(client.id)).toEqual([]);

  // Another field refused: the questionnaires ticked stay ticked.
  await group.getByRole("checkbox", { name: phq9V1.title }).check();
  await panel.getByLabel("Link expires after (days)").fill("61");
  await panel.getByRole("button", { name: "Send assessment" }).click();
  await expect(panel.getByLabel("Link expires after (days)")).toHaveAccessibleDescription(/whole number of days from 1 to 60/);
  await expect(group.getByRole("checkbox", { name: phq9V1.title })).toBeChecked();
  await expect(group.getByRole("checkbox", { name: closenessV1.title })).not.toBeChecked();
  expect(await invitationsOf(client.id)).toEqual([]);
});

test("a PHQ-9 item 9 answer above 0 shows where to get help first on the thank-you page", async ({ browser }) => {
  test.slow();
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id);
  const token = await insertInvitation({
    practiceId: practice.id,
    clientId: client.id,
    createdBy: owner.id,
    instruments: [
      { key: "closeness", version: 1 },
      { key: "phq9", version: 1 },
    ],
  });
  const context = await browser.newContext(contextOptions());
  const page = await context.newPage();
  await page.goto(`/a/${token}`);
  await page.getByRole("link", { name: "Start" }).click();
  // With JavaScript the parts switch in the browser, across the instruments.
  for (let part = 1; part <= 7; part++) {
    await expect(page.getByRole("heading", { level: 1, name: `Part ${part} of 8` })).toBeVisible();
    const shown = closenessV1.items.filter((item) => item.dimension === closenessV1.dimensions[part - 1]!.key);
    await answerItems(page, closenessV1, Object.fromEntries(shown.map((item) => [item.id, 4])));
    await page.getByRole("button", { name: "Save and continue" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: "Part 8 of 8" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: phq9V1.title })).toBeVisible();
  await expect(page.getByText("28 of 37 answered", { exact: true })).toBeVisible();
  // (axe needs JavaScript in the page, so it checks the instruments' parts here rather than in the no-JavaScript sitting.)
  await expectNoAxeViolations(page);
  await answerItems(page, phq9V1, { ...ids(phq9V1, [1, 1, 1, 1, 1, 1, 1, 1, 1]), phq9_difficulty: 1 });
  await page.getByRole("button", { name: "Send my answers" }).click();

  const help = page.getByRole("region", { name: "If you need help now" });
  await expect(help).toBeVisible();
  const paragraphs = DEFAULT_CRISIS_TEXT.split("\n\n");
  await expect(help.getByRole("paragraph")).toHaveText(paragraphs);
  // Before anything else: above the thank-you.
  const thanks = page.getByRole("heading", { level: 1, name: "Thank you" });
  await expect(thanks).toBeVisible();
  expect((await help.boundingBox())!.y).toBeLessThan((await thanks.boundingBox())!.y);
  // The rest of the page speaks with the help (issue 25): who has been told and when, never "nothing more to do".
  await expect(page.getByText(/has been sent a message to sign in and read them\. They will see it the next time they check their messages/)).toBeVisible();
  await expect(page.getByText(/nothing more to do/i)).toHaveCount(0);
  await expect(page.getByText(/close this page now/i)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await context.close();

  const stored = await assessmentsOf(client.id);
  expect(stored.map((row) => row.instrumentKey).sort()).toEqual(["closeness", "phq9"]);
  expect(stored.find((row) => row.instrumentKey === "phq9")!.total).toBe(9);
});

test("a measurement plan carries the questionnaires ticked, refuses none, and keeps them when changed", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner({ timeZone: "Europe/London" });
  const client = await createClient(practice.id, owner.id, { firstName: "Robin", lastName: `Planned${clock.ms()}` });
  const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(clock.ms() + 86_400_000));
  await auth.signInAs(owner);
  await page.goto(`/clients/${client.id}/plan`);
  // (The page also offers the send form, with its own group of questionnaires.)
  const form = page.getByRole("region", { name: "Start a measurement plan" });
  const group = form.getByRole("group", { name: "Questionnaires" });
  await expect(group.getByRole("checkbox", { name: closenessV1.title })).toBeChecked();

  // Nothing ticked: refused beside the group, nothing made, the other fields kept.
  await group.getByRole("checkbox", { name: closenessV1.title }).uncheck();
  await form.getByLabel("First date").fill(tomorrow);
  await form.getByRole("button", { name: "Start plan" }).click();
  await expect(group).toHaveAccessibleDescription(/Choose at least one questionnaire\./);
  await expect(form.getByLabel("First date")).toHaveValue(tomorrow);

  await group.getByRole("checkbox", { name: closenessV1.title }).check();
  await group.getByRole("checkbox", { name: phq9V1.title }).check();
  await form.getByRole("button", { name: "Start plan" }).click();
  const plan = page.getByRole("article", { name: /Closeness \+ PHQ-9, every 2 weeks/ });
  await expect(plan).toBeVisible();

  // Changing the plan shows its questionnaires locked, and saves with them unchanged.
  await plan.getByRole("link", { name: "Change plan" }).click();
  const change = page.getByRole("region", { name: "Change the plan" });
  const locked = change.getByRole("group", { name: "Questionnaires" });
  await expect(locked.getByRole("checkbox", { name: phq9V1.title })).toBeChecked();
  await expect(locked.getByRole("checkbox", { name: phq9V1.title })).toBeDisabled();
  await expect(locked.getByRole("checkbox", { name: gad7V1.title })).not.toBeChecked();
  await change.getByLabel("How often").selectOption({ label: "Every week" });
  await change.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("article", { name: /Closeness \+ PHQ-9, every week/ })).toBeVisible();
});
