import { eq, and } from "drizzle-orm";
import * as schema from "../db/schema";
import { answersForLevels, createClient, createPracticeWithOwner, e2eDb, insertAssessment, insertCriticalPhq9, linkCouple } from "./db";
import { expect, test } from "./fixtures";
import { clock } from "../lib/core/clock";

/*
 * Issue 23 (4, 3 and 7): a couple's two values always carry the partners' names, the caseload
 * names the partner on a couple row, and email that cannot go out is said plainly, in words.
 * The e2e server runs without SMTP_URL, as a fresh install does.
 */

const daysAgo = (days: number) => new Date(clock.ms() - days * 24 * 60 * 60 * 1000);

test("names on a couple's numbers, and email that waits said in words", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const lee = await createClient(practice.id, owner.id, { firstName: "Lee", lastName: "Park" });
  const morgan = await createClient(practice.id, owner.id, { firstName: "Morgan", lastName: "Park" });
  await linkCouple(practice.id, lee.id, morgan.id);
  // Lee all "agree" (75), Morgan all "strongly agree" (100) but trust.
  await insertAssessment(practice.id, lee.id, daysAgo(3), answersForLevels());
  await insertAssessment(practice.id, morgan.id, daysAgo(2), answersForLevels({ trust: 1 }));
  await insertCriticalPhq9(practice.id, lee.id, { completedAt: daysAgo(1) });
  await auth.signInAs(owner);

  // The caseload: the couple's row names the partner, and each overall score its partner.
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Lee & Morgan Park" }) });
  await expect(row.getByRole("link", { name: "Morgan Park", exact: true })).toHaveAttribute("href", `/clients/${morgan.id}`);
  await expect(row.getByRole("cell").filter({ hasText: /^Lee\s*\d+\.\d,?\s*Morgan\s*\d+\.\d$/ })).toHaveCount(1);

  // The overview says how many emails wait while email is not set up.
  const waiting = await e2eDb()
    .select({ id: schema.emailOutbox.id })
    .from(schema.emailOutbox)
    .where(and(eq(schema.emailOutbox.practiceId, practice.id), eq(schema.emailOutbox.status, "pending")));
  expect(waiting.length).toBeGreaterThan(0);
  await page.goto("/overview");
  const email = page.getByRole("region", { name: "Email" });
  await expect(email).toContainText(`Email is not set up, so nothing is being sent: ${waiting.length === 1 ? "1 email waits" : `${waiting.length} emails wait`} unsent.`);
  await email.getByRole("link", { name: "See the outgoing email" }).click();

  // The outbox says what each email is in words, never its code.
  const outbox = page.getByRole("region", { name: "Outgoing email" });
  await expect(outbox).toContainText("Safety alert to the clinician");
  await expect(outbox).not.toContainText(/CLINICAL_ALERT|clinical_alert|RESULTS_LINK/);

  // Plans say plainly that they cannot send.
  await page.goto(`/clients/${lee.id}`);
  await page.getByRole("link", { name: "Measurement plan" }).click();
  await expect(page.getByRole("note").filter({ hasText: "Email is not set up at this practice, so plans send nothing." })).toBeVisible();
  // One range for a plan's links and a single send's.
  await expect(page.getByLabel("Each link expires after (days)")).toHaveAttribute("max", "60");
  await expect(page.getByLabel("Link expires after (days)", { exact: true })).toHaveAttribute("max", "60");
});
