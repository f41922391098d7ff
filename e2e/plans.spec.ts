import { eq } from "drizzle-orm";
import * as schema from "../db/schema";
import { generateToken, hashToken } from "@/lib/core/tokens";
import { createClient, createPracticeWithOwner, e2eDb, insertInvitation, latestEmailTo, linkCouple } from "./db";
import { expect, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

/*
 * A measurement plan made in the browser: bad input is refused next to its field, then the plan
 * starts today, its first invitation goes out at once, and the client page shows the schedule.
 */

/** A practice zone where it is now between 09:00 and 23:00, so a plan starting today sends at once (08:00 local). */
function zoneAfterSendHour(now = clock.now()): string {
  const zones = ["Pacific/Kiritimati", "Asia/Tokyo", "Europe/Moscow", "Europe/London", "America/New_York", "Pacific/Honolulu"];
  const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone }).format(now));
  return zones.find((zone) => hourIn(zone) >= 9 && hourIn(zone) <= 22)!;
}

const dayIn = (timeZone: string, offsetDays = 0) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(clock.ms() + offsetDays * 86_400_000));
const shown = (day: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));

test("a clinician starts a plan on the client page and sees the first invitation and the schedule", async ({ page, auth }) => {
  const timeZone = zoneAfterSendHour();
  const { practice, owner } = await createPracticeWithOwner({ timeZone });
  const client = await createClient(practice.id, owner.id, { firstName: "Robin", lastName: `Planned${clock.ms()}` });
  await auth.signInAs(owner);

  await page.goto(`/clients/${client.id}`);
  await page.getByRole("link", { name: "Measurement plan" }).click();
  await expect(page.getByRole("heading", { name: "Start a measurement plan" })).toBeVisible();

  // A first date in the past: refused beside the field, nothing made.
  const today = dayIn(timeZone);
  const yesterday = dayIn(timeZone, -1);
  await page.getByLabel("How often").selectOption({ label: "Every 2 weeks" });
  await page.getByLabel("First date").fill(yesterday);
  await page.getByLabel("Assessments in all").fill("6");
  await page.getByRole("button", { name: "Start plan" }).click();
  await expect(page.getByLabel("First date")).toHaveAccessibleDescription(/The first date is in the past/);
  await expect(page.getByLabel("How often")).toHaveValue("two_weeks");

  // Today: the plan starts and its first invitation goes out.
  await page.getByLabel("First date").fill(today);
  await page.getByRole("button", { name: "Start plan" }).click();
  const plan = page.getByRole("article", { name: /Closeness, every 2 weeks/ });
  await expect(plan).toBeVisible();
  await expect(plan.getByText("Active", { exact: true })).toBeVisible();
  await expect(plan.getByRole("region", { name: "Sent" }).getByText("Sent, not opened")).toBeVisible();
  const next = plan.getByRole("region", { name: "Next dates" }).getByRole("listitem");
  await expect(next.first()).toHaveText(shown(dayIn(timeZone, 14)));
  await expect(next).toHaveCount(4);

  // The invitation is in the client's mailbox (the outbox stands in for it)…
  const email = await latestEmailTo(client.email);
  expect(email.text).toMatch(/\/a\/[A-Za-z0-9_-]{43}/);
  // …and on the assessment links tab, and the caseload shows the plan and filters by it.
  await page.getByRole("link", { name: "Assessment links" }).click();
  await expect(page.getByText(/Pending|Not opened|Sent/).first()).toBeVisible();
  await page.goto("/clients?plan=active");
  await expect(page.getByRole("link", { name: new RegExp(client.lastName) }).first()).toBeVisible();
  await page.goto("/clients?plan=none");
  await expect(page.getByRole("link", { name: new RegExp(client.lastName) })).toHaveCount(0);
});

test("a reminder's stop link stops reminders in one click, again and again, and the clinician sees it", async ({ page, auth, browser }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id, { firstName: "Stevie", lastName: `Stopped${clock.ms()}` });
  const db = e2eDb();
  const [plan] = await db
    .insert(schema.plans)
    .values({
      practiceId: practice.id,
      createdBy: owner.id,
      instruments: [{ key: "closeness", version: 1 }],
      cadence: "weekly",
      startDate: dayIn("Europe/London", 3),
      endKind: "open",
      expiryDays: 4,
      reminderDays: [2],
    })
    .returning();
  await db.insert(schema.planMembers).values({ planId: plan!.id, clientId: client.id, practiceId: practice.id });
  const linkToken = await insertInvitation({ practiceId: practice.id, clientId: client.id, createdBy: owner.id });
  const [invitation] = await db.select().from(schema.invitations).where(eq(schema.invitations.tokenHash, hashToken(linkToken)));
  // The reminder as the plans' run writes it: only the stop token's hash is kept.
  const stop = generateToken();
  await db.insert(schema.planReminders).values({
    practiceId: practice.id,
    planId: plan!.id,
    invitationId: invitation!.id,
    clientId: client.id,
    reminderNumber: 1,
    stopTokenHash: stop.tokenHash,
  });

  // The client, signed out, in a browser of their own; twice, as an impatient click would.
  const clientContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const clientPage = await clientContext.newPage();
  for (let i = 0; i < 2; i++) {
    await clientPage.goto(`/r/${stop.token}`);
    await expect(clientPage.getByRole("heading", { level: 1, name: "Reminders stopped" })).toBeVisible();
    await expect(clientPage.getByText(practice.name)).toBeVisible();
  }
  await clientContext.close();

  await auth.signInAs(owner);
  await page.goto(`/clients/${client.id}/plan`);
  await expect(page.getByText(/^Reminders stopped by client on /)).toHaveCount(1);
});

// Issue 23: a plan for the couple from the couple's own plans tab: the same form as a client's, the
// plan always for both, and back on the couple's page afterwards. Desktop and phone, JavaScript on and off.
for (const javaScriptEnabled of [true, false]) {
  for (const [size, viewport] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    test.describe(`couple plan, ${size}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      test.use({ javaScriptEnabled, viewport });

      test("a plan for the couple is made from the couple's page", async ({ page, auth }) => {
        const { practice, owner } = await createPracticeWithOwner({ timeZone: zoneAfterSendHour() });
        const family = `Planned${clock.ms()}`;
        const lee = await createClient(practice.id, owner.id, { firstName: "Lee", lastName: family });
        const morgan = await createClient(practice.id, owner.id, { firstName: "Morgan", lastName: family });
        const couple = await linkCouple(practice.id, lee.id, morgan.id);
        await auth.signInAs(owner);
        await page.goto(`/couples/${couple.id}`);
        await page.getByRole("link", { name: "Measurement plan" }).click();
        await expect(page).toHaveURL(new RegExp(`/couples/${couple.id}/plan$`));
        const start = page.getByRole("region", { name: "Start a measurement plan" });
        await expect(start).toContainText(`For both partners: Lee ${family} and Morgan ${family}`);
        await start.getByRole("button", { name: "Start plan" }).click();
        await expect(page).toHaveURL(new RegExp(`/couples/${couple.id}/plan$`));
        await expect(page.getByRole("region", { name: "Measurement plans" })).toContainText(`Lee ${family} and Morgan ${family}`);
        const [plan] = await e2eDb().select().from(schema.plans).where(eq(schema.plans.coupleId, couple.id));
        expect(plan).toBeDefined();
        const members = await e2eDb().select().from(schema.planMembers).where(eq(schema.planMembers.planId, plan!.id));
        expect(members.map((member) => member.clientId).sort()).toEqual([lee.id, morgan.id].sort());
      });
    });
  }
}
