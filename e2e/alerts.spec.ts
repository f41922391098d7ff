import type { Page } from "@playwright/test";
import { answersForLevels, createClient, createPracticeWithOwner, createUser, insertAssessment, insertCriticalPhq9 } from "./db";
import { AuthPages, expect, expectNoAxeViolations, screenshotsIfAsked, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

/*
 * Issue 14: a critical answer (PHQ-9 item 9 above 0) puts an alert at the top of the caseload, the
 * overview and the client's page, for the client's clinician and the owner, until one of them
 * acknowledges it with a note; the note stays in the client's record.
 */

const HEADING = "Critical answer — needs a clinician today";
const NOTE_REQUIRED = "Write what you did or decided — a note is required.";

/** A practice whose clinician's client Ada answered PHQ-9 item 9 with "More than half the days"; Ben answered nothing critical. */
async function seedPractice() {
  const { practice, owner } = await createPracticeWithOwner();
  const clinician = await createUser(practice.id, "clinician", "Casey Clinician");
  const ada = await createClient(practice.id, clinician.id, { firstName: "Ada", lastName: "Critical" });
  const ben = await createClient(practice.id, clinician.id, { firstName: "Ben", lastName: "Calm" });
  await insertAssessment(practice.id, ben.id, new Date(clock.ms() - 86_400_000), answersForLevels({}, 3));
  const { alertId } = await insertCriticalPhq9(practice.id, ada.id);
  return { practice, owner, clinician, ada, ben, alertId };
}

const banner = (page: Page) => page.getByRole("alert", { name: HEADING });



test("the alert shows on the caseload, the overview and the client's page until acknowledged with a note", async ({ page, auth }) => {
  const { clinician, ada } = await seedPractice();
  await auth.signInAs(clinician);

  // The caseload: which client, which item, when; a link to the client.
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText("PHQ-9 item 9");
  await expect(banner(page)).toContainText("better off dead");
  await expect(banner(page)).toContainText("Answered");
  await expect(banner(page).getByRole("link", { name: "Ada Critical" })).toHaveAttribute("href", `/clients/${ada.id}`);
  await expect(banner(page)).not.toContainText("Ben Calm");

  await page.goto("/overview");
  await expect(banner(page)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshotsIfAsked(page, "overview", "ALERTS_SCREENSHOTS");
  await banner(page).getByRole("link", { name: "Ada Critical" }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${ada.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Ada Critical" })).toBeVisible();
  await expect(banner(page)).toBeVisible();

  // An empty note is refused, next to the field; nothing is cleared. The form is folded behind one button.
  await banner(page).getByText("Acknowledge…").click();
  const note = page.getByLabel("What you did or decided");
  await note.fill("   ");
  await page.getByRole("button", { name: "Acknowledge with this note" }).click();
  await expect(page.getByText(NOTE_REQUIRED)).toBeVisible();
  await expect(note).toHaveAttribute("aria-invalid", "true");
  await expect(note).toHaveAccessibleDescription(new RegExp(NOTE_REQUIRED));
  await expect(banner(page)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshotsIfAsked(page, "client-page-error", "ALERTS_SCREENSHOTS");

  const written = "Phoned Ada at 14:10: safe tonight, plan agreed with her GP. Session moved to Thursday.";
  await note.fill(written);
  await page.getByRole("button", { name: "Acknowledge with this note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Acknowledged." })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);

  // Gone everywhere; the note is in the client's record.
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await page.goto("/clients");
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await page.goto(`/clients/${ada.id}/details`);
  const history = page.getByRole("region", { name: "Past critical answers" });
  await expect(history).toContainText("PHQ-9 item 9");
  await expect(history).toContainText(`acknowledged by ${clinician.name}`);
  await expect(history).toContainText(written);
  await expect(page.getByRole("link", { name: "Ben Calm" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the owner sees it and acknowledges it with plain posts", async ({ page }) => {
    const { owner, ada } = await seedPractice();
    // The caseload streams in (it needs JavaScript to show): straight to the client's page.
    await new AuthPages(page).signInAs(owner);
    await page.goto(`/clients/${ada.id}`);
    await expect(banner(page)).toBeVisible();
    await screenshotsIfAsked(page, "client-page", "ALERTS_SCREENSHOTS");

    await banner(page).getByText("Acknowledge…").click();
    await page.getByRole("button", { name: "Acknowledge with this note" }).click();
    await expect(page.getByText(NOTE_REQUIRED)).toBeVisible();
    await expect(banner(page)).toBeVisible();

    await page.getByLabel("What you did or decided").fill("Asked Casey to call her today; done at 15:00.");
    await page.getByRole("button", { name: "Acknowledge with this note" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Acknowledged." })).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
  });
});

test("a note sent after a colleague acknowledged is refused, kept in the field, and says who did", async ({ page, browser }) => {
  const { owner, clinician, ada } = await seedPractice();
  await new AuthPages(page).signInAs(owner);
  await page.goto(`/clients/${ada.id}`);
  await expect(banner(page)).toBeVisible();

  // Meanwhile the clinician acknowledges it in their own browser.
  const context = await browser.newContext();
  const other = await context.newPage();
  await new AuthPages(other).signInAs(clinician);
  await other.goto(`/clients/${ada.id}`);
  await other.getByText("Acknowledge…").click();
  await other.getByLabel("What you did or decided").fill("Called her; safe.");
  await other.getByRole("button", { name: "Acknowledge with this note" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Acknowledged." })).toBeVisible();
  await context.close();

  const mine = "I called too: no answer, left a message.";
  await banner(page).getByText("Acknowledge…").click();
  await page.getByLabel("What you did or decided").fill(mine);
  await page.getByRole("button", { name: "Acknowledge with this note" }).click();
  await expect(page.getByText(new RegExp(`already acknowledged by ${clinician.name} at `))).toBeVisible();
  await expect(page.getByLabel("What you did or decided")).toHaveValue(mine);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Critical" })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
});
