import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../db/schema";
import { DEFAULT_CRISIS_TEXT } from "../lib/alerts/crisis";
import { phq9V1 } from "../lib/instruments";
import { createClient, createPracticeWithOwner, e2eDb, insertInvitation } from "./db";
import { AuthPages, expect, test } from "./fixtures";

/*
 * Issue 25: a critical answer in a saved part raises the alert at once, before (and whether or not)
 * the questionnaire is sent. The client sees where to get help as soon as the part is saved, with
 * and without JavaScript; the clinician sees the alert marked "from an unfinished questionnaire".
 */

const BANNER = "Critical answer — needs a clinician today";

async function sitting(browser: Browser, javaScriptEnabled: boolean) {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id, { firstName: "Dee", lastName: `Draft${randomBytes(3).toString("hex")}` });
  const token = await insertInvitation({
    practiceId: practice.id,
    clientId: client.id,
    createdBy: owner.id,
    instruments: [
      { key: "phq9", version: 1 },
      { key: "gad7", version: 1 },
    ],
  });
  const [a, b, c] = randomBytes(3);
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { "x-forwarded-for": `10.${a}.${b}.${c}` },
    javaScriptEnabled,
  });
  const page = await context.newPage();
  await page.goto(`/a/${token}?step=1`);
  await expect(page.getByRole("heading", { level: 1, name: "Part 1 of 2" })).toBeVisible();
  return { owner, client, page, close: () => context.close() };
}

/** PHQ-9 items 1–8 at "Several days" and item 9 at "More than half the days". */
async function answerPhq9(page: Page) {
  for (const [index, item] of phq9V1.items.entries()) {
    if (!item.scored) continue;
    const label = index === 8 ? "More than half the days" : "Several days";
    await page.getByRole("group", { name: item.text }).getByRole("radio", { name: label, exact: true }).check();
  }
}

async function draftAlerts(clientId: string) {
  return e2eDb().select().from(schema.clinicalAlerts).where(eq(schema.clinicalAlerts.clientId, clientId));
}

async function expectClinicianSees(page: Page, owner: { email: string; password: string }, clientId: string) {
  await new AuthPages(page).signInAs(owner);
  await page.goto(`/clients/${clientId}`);
  const banner = page.getByRole("alert", { name: BANNER });
  await expect(banner).toContainText("PHQ-9 item 9");
  await expect(banner).toContainText(/From an unfinished questionnaire, saved .+ — not sent yet\./);
}

test("with JavaScript: the help shows as soon as item 9 is saved, and the clinician's alert says unfinished", async ({ browser, page }) => {
  const { owner, client, page: client$, close } = await sitting(browser, true);
  await answerPhq9(client$);
  // No button pressed: the autosave stored the answer, and its reply brings the help.
  const help = client$.getByRole("region", { name: "If you need help now" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("paragraph").first()).toHaveText(DEFAULT_CRISIS_TEXT.split("\n\n")[0]!);
  await expect(help).toContainText("has been sent a message to sign in and read your answers so far");
  await expect.poll(async () => (await draftAlerts(client.id)).map((alert) => [alert.itemId, alert.assessmentId])).toEqual([["phq9_9", null]]);

  // Moving on keeps it on the next part; the client never sends.
  await client$.getByRole("button", { name: "Save and continue" }).click();
  await expect(client$.getByRole("heading", { level: 1, name: "Part 2 of 2" })).toBeVisible();
  await expect(help).toBeVisible();
  await close();

  await expectClinicianSees(page, owner, client.id);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the help shows on the next part once the part holding item 9 is posted", async ({ browser, page }) => {
    const { owner, client, page: client$, close } = await sitting(browser, false);
    await answerPhq9(client$);
    await expect(client$.getByRole("region", { name: "If you need help now" })).toHaveCount(0);
    await client$.getByRole("button", { name: "Save and continue" }).click();
    await expect(client$.getByRole("heading", { level: 1, name: "Part 2 of 2" })).toBeVisible();
    const help = client$.getByRole("region", { name: "If you need help now" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("You can carry on with the questionnaire whenever you are ready.");
    expect((await draftAlerts(client.id)).map((alert) => [alert.itemId, alert.assessmentId])).toEqual([["phq9_9", null]]);
    await close();

    await expectClinicianSees(page, owner, client.id);
  });
});

test("until the practice writes its own crisis information, the owner is told so on the overview and in Settings, with an example", async ({ page, auth }) => {
  const { owner } = await createPracticeWithOwner();
  await auth.signInAs(owner);
  await page.goto("/overview");
  const notice = page.getByRole("region", { name: "Your practice has not written its own crisis information yet" });
  await expect(notice).toBeVisible();
  await notice.getByText(/An example, for a practice in/).click();
  await expect(notice).toContainText("Samaritans");
  await notice.getByRole("link", { name: "Write your crisis information in Settings" }).click();
  await expect(page).toHaveURL(/\/settings#crisisText$/);
  await expect(notice).toBeVisible();

  await page.getByLabel("Crisis information shown to clients").fill("In an emergency call 112. Our out-of-hours line: 0100 000 000.");
  await page.getByRole("button", { name: "Save practice settings" }).click();
  await expect(page.getByText("Practice settings saved.")).toBeVisible();
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(notice).toHaveCount(0);
});
