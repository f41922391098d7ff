import type { Page } from "@playwright/test";
import { answersForLevels, createClient, createPracticeWithOwner, createUser, insertAssessment, insertInvitation, linkCouple } from "./db";
import { expect, expectNoAxeViolations, newCredentials, test } from "./fixtures";

const at = (date: string) => new Date(`${date}T10:00:00Z`);


async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Mia and Noah Quinn: one assessment each, a day apart. Trust: Mia 0, Noah 100 (gap 100); knowledge 25 vs 75 (50); the rest 50 vs 50. */
async function seedCouple(options: { history?: boolean } = {}) {
  const { practice, owner } = await createPracticeWithOwner();
  const mia = await createClient(practice.id, owner.id, { firstName: "Mia", lastName: "Quinn" });
  const noah = await createClient(practice.id, owner.id, { firstName: "Noah", lastName: "Quinn" });
  const couple = await linkCouple(practice.id, mia.id, noah.id);
  if (options.history) {
    // Earlier assessments: everything at 50 for both, two months before.
    await insertAssessment(practice.id, mia.id, at("2026-01-05"), answersForLevels());
    await insertAssessment(practice.id, noah.id, at("2026-01-06"), answersForLevels({ trust: 5 }));
  }
  await insertAssessment(practice.id, mia.id, at("2026-03-03"), answersForLevels({ trust: 1, knowledge: 2 }));
  await insertAssessment(practice.id, noah.id, at("2026-03-04"), answersForLevels({ trust: 5, knowledge: 4 }));
  return { practice, owner, mia, noah, couple };
}

test("sign-up to both partners' links in hand takes at most 6 clicks beyond typing", async ({ page, auth }) => {
  let clicks = 0;
  const click = async (locator: ReturnType<Page["getByRole"]>) => {
    clicks++;
    await locator.click();
  };
  const credentials = newCredentials("couples");
  await page.goto("/sign-up");
  await page.getByLabel("Practice name").fill(credentials.practiceName);
  await page.getByLabel("Your name").fill(credentials.name);
  await page.getByLabel("Email").fill(credentials.email);
  await click(page.getByRole("button", { name: "Create practice" }));
  await expect(page).toHaveURL(/\/sign-up\/check-email$/);
  // Opening the emailed link is a click in the mail client.
  clicks++;
  await auth.openSignUpLink(credentials.email);
  await page.getByLabel("New password").fill(credentials.password);
  await page.getByLabel("Repeat the password").fill(credentials.password);
  await click(page.getByRole("button", { name: "Create practice and sign in" }));
  await expect(page).toHaveURL(/\/clients$/, { timeout: 30_000 });

  await click(page.getByRole("link", { name: "New couple" }).first());
  const partner = (n: number) => page.getByRole("group", { name: `Partner ${n}` });
  await partner(1).getByLabel("First name").fill("Iris");
  await partner(1).getByLabel("Last name").fill("Lane");
  await partner(1).getByLabel("Email").fill(`iris-${credentials.email}`);
  await partner(2).getByLabel("First name").fill("Jude");
  await partner(2).getByLabel("Last name").fill("Lane");
  await partner(2).getByLabel("Email").fill(`jude-${credentials.email}`);
  await click(page.getByRole("button", { name: "Create couple" }));
  await expect(page.getByRole("heading", { level: 1, name: "Iris & Jude Lane" })).toBeVisible();

  // Sending to both is the page's first action, ticked by default.
  const send = page.getByRole("region", { name: "Send the next assessment to both partners" });
  await expect(send.getByLabel("Send to both partners: Iris Lane and Jude Lane")).toBeChecked();
  await click(send.getByRole("button", { name: "Send assessment" }));
  await expect(send.getByLabel("Link for Iris Lane")).toHaveValue(/\/a\/[A-Za-z0-9_-]{43}$/);
  await expect(send.getByLabel("Link for Jude Lane")).toHaveValue(/\/a\/[A-Za-z0-9_-]{43}$/);
  expect(clicks).toBeLessThanOrEqual(6);
});

test("the new-couple form keeps what was typed and puts each error beside its partner's field", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  await createClient(practice.id, owner.id, { email: "taken@example.test" });
  await auth.signInAs(owner);
  await page.goto("/couples/new");
  const partner = (n: number) => page.getByRole("group", { name: `Partner ${n}` });
  await partner(1).getByLabel("First name").fill("Kit");
  await partner(1).getByLabel("Email").fill("kit@example.test");
  await partner(2).getByLabel("First name").fill("Lou");
  await partner(2).getByLabel("Last name").fill("Marsh");
  await partner(2).getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create couple" }).click();
  await expect(partner(1).getByLabel("Last name")).toHaveAccessibleDescription(/Last name is required/);
  await expect(partner(2).getByLabel("Email")).toHaveAccessibleDescription(/Enter an email address/);
  await expect(partner(2).getByLabel("Last name")).toHaveValue("Marsh");
  await expect(partner(1).getByLabel("First name")).toHaveValue("Kit");

  await partner(1).getByLabel("Last name").fill("Marsh");
  await partner(2).getByLabel("Email").fill("KIT@example.test");
  await page.getByRole("button", { name: "Create couple" }).click();
  await expect(partner(2).getByLabel("Email")).toHaveAccessibleDescription(/Each partner needs their own email/);

  // A clash with an existing client is named on that partner's email; nothing is created.
  await partner(2).getByLabel("Email").fill("taken@example.test");
  await page.getByRole("button", { name: "Create couple" }).click();
  await expect(partner(2).getByLabel("Email")).toHaveAccessibleDescription(/already uses this email/);
  await expect(partner(1).getByLabel("Email")).not.toHaveAccessibleDescription(/already uses/);
  await page.goto("/clients?q=marsh");
  await expect(page.getByText("No clients match this view")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("'Add partner' on a client creates the partner and opens the couple's page", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const ola = await createClient(practice.id, owner.id, { firstName: "Ola", lastName: "Nord" });
  await auth.signInAs(owner);
  await page.goto(`/clients/${ola.id}`);
  await page.getByRole("link", { name: "Details and partner" }).click();
  const form = page.getByRole("form", { name: "Add a new partner" });
  await form.getByLabel("Partner's first name").fill("Per");
  await form.getByLabel("Partner's last name").fill("Nord");
  await form.getByLabel("Partner's email").fill("per.nord@example.test");
  await form.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ola & Per Nord" })).toBeVisible();
  await page.getByRole("link", { name: "Ola Nord" }).first().click();
  await expect(page.getByRole("link", { name: "Couple's page →" })).toBeVisible();
});

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`the couple page at ${label} size with one assessment each: a profile side by side, gaps flagged, summary first`, async ({ page, auth }) => {
    await page.setViewportSize(viewport);
    const { owner, couple } = await seedCouple();
    await auth.signInAs(owner);
    await page.goto(`/couples/${couple.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Mia & Noah Quinn" })).toBeVisible();
    // Issue 23: sending opens from a one-line button above the summary.
    await page.getByText("Send questionnaires").click();
    await expect(page.getByRole("region", { name: "Send the next assessment to both partners" })).toBeVisible();

    const side = page.getByRole("region", { name: "Side by side" });
    await expect(side.getByRole("img", { name: /Both partners' scores on the seven dimensions: Mia Quinn on 3 Mar 2026, Noah Quinn on 4 Mar 2026\. 2 of 7 gaps/ })).toBeVisible();
    await side.getByText("Profiles as a table").click();
    const table = side.getByRole("table");
    const row = (name: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
    await expect(row("Trust").getByRole("cell")).toHaveText(["0.0", "100.0", /^100\.0\s*Large gap$/]);
    await expect(row("Knowledge").getByRole("cell")).toHaveText(["25.0", "75.0", /^50\.0\s*Large gap$/]);
    await expect(row("Care").getByRole("cell")).toHaveText(["50.0", "50.0", "0.0"]);

    await expect(page.getByRole("region", { name: "Large gaps" })).toContainText("Trust 0.0 and 100.0: gap 100.0");
    await expect(page.getByRole("region", { name: "Shared strengths" })).toContainText("None yet");
    await expect(page.getByRole("region", { name: "What moved since last time" })).toContainText("One assessment so far (3 Mar 2026)");
    await expectNoHorizontalOverflow(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `test-results/couple-one-${label}.png`, fullPage: true });
  });

  test(`the couple page at ${label} size with several assessments: what moved, attention, history`, async ({ page, auth }) => {
    await page.setViewportSize(viewport);
    const { owner, couple, mia, practice } = await seedCouple({ history: true });
    await insertInvitation({ practiceId: practice.id, clientId: mia.id, createdBy: owner.id });
    await auth.signInAs(owner);
    await page.goto(`/couples/${couple.id}`);
    const moved = page.getByRole("region", { name: "What moved since last time" });
    await expect(moved).toContainText("Trust fell 50.0 points since 5 Jan 2026 (a reliable deterioration)");
    await expect(moved).toContainText("Knowledge rose 25.0 points since 6 Jan 2026 (a reliable improvement)");
    const attention = page.getByRole("region", { name: "Needs attention" });
    await expect(attention).toContainText("Mia Quinn: reliable deterioration since 5 Jan 2026 in Knowledge (−25.0) and Trust (−50.0).");
    await expect(attention).toContainText("Mia Quinn: assessment link sent");
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `test-results/couple-several-${label}.png`, fullPage: true });

    await page.getByRole("link", { name: "Scores over time" }).click();
    const history = page.getByRole("region", { name: "Couple: Mia Quinn and Noah Quinn" });
    await expect(history).toContainText("Mia Quinn: 2 assessments. Noah Quinn: 2 assessments.");
    await expect(history.getByTestId("couple-chart-trust").locator("path.recharts-line-curve")).toHaveCount(2);
    await expectNoHorizontalOverflow(page);
    await expectNoAxeViolations(page);
  });
}

test("Copy summary puts the plain-text summary on the clipboard", async ({ page, auth, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { owner, couple } = await seedCouple();
  await auth.signInAs(owner);
  await page.goto(`/couples/${couple.id}`);
  await page.getByRole("button", { name: "Copy summary" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  // One copy per page since issue 23: the pre-session summary's, each partner's value named.
  expect(text.split("\n")[0]).toBe("Pre-session summary: Mia & Noah Quinn");
  expect(text).toContain("- Trust: Mia 0.0, Noah 100.0 (gap 100.0).\n- Knowledge: Mia 25.0, Noah 75.0 (gap 50.0).");
});

test("the caseload shows a couple as one row with its gap, expands to the partners, and filters", async ({ page, auth }) => {
  const { owner, practice, mia, noah, couple } = await seedCouple();
  const solo = await createClient(practice.id, owner.id, { firstName: "Sol", lastName: "Alone" });
  await auth.signInAs(owner);
  const table = page.getByRole("table");
  const coupleRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Mia & Noah Quinn" }) });
  await expect(coupleRow).toContainText("Couple");
  await expect(coupleRow).toContainText("100.0");
  await expect(coupleRow.getByText("Large gap")).toBeVisible();
  await expect(table.getByRole("link", { name: "Mia Quinn", exact: true })).toHaveCount(0);

  await coupleRow.getByRole("button", { name: "Show partners of Mia & Noah Quinn" }).click();
  // Each partner's own row: their name to their record, their partner's to the couple's page.
  const miaLinks = table.getByRole("link", { name: "Mia Quinn", exact: true });
  await expect(miaLinks).toHaveCount(2);
  await expect(miaLinks.first()).toHaveAttribute("href", `/clients/${mia.id}`);
  await expect(miaLinks.last()).toHaveAttribute("href", `/couples/${couple.id}`);
  await expect(table.getByRole("link", { name: "Noah Quinn", exact: true }).last()).toHaveAttribute("href", `/clients/${noah.id}`);

  // Choosing what to show applies it: no button to press.
  await page.getByLabel("Show").selectOption("individuals");
  await expect(page).toHaveURL(/kind=individuals/);
  await expect(page.getByRole("link", { name: "Sol Alone" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Mia & Noah Quinn" })).toHaveCount(0);
  await page.getByLabel("Show").selectOption("couples");
  await expect(page).toHaveURL(/kind=couples/);
  await expect(page.getByRole("link", { name: "Mia & Noah Quinn" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Sol Alone" })).toHaveCount(0);
  expect(solo.id).toBeTruthy();
  await expectNoAxeViolations(page);

  // On a phone: the same couple as one card.
  await page.setViewportSize({ width: 390, height: 844 });
  const card = page.getByRole("list", { name: "Clients" }).getByRole("listitem").filter({ has: page.getByRole("link", { name: "Mia & Noah Quinn" }) });
  await expect(card.getByText("Large gap")).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

test("a couple of another practice, or of another clinician's caseload, is not found", async ({ page, auth }) => {
  const { couple, practice } = await seedCouple();
  const colleague = await createUser(practice.id, "clinician");
  const elsewhere = await createPracticeWithOwner();
  for (const user of [elsewhere.owner, colleague]) {
    await auth.signInAs(user);
    for (const path of [`/couples/${couple.id}`, `/couples/${couple.id}/history`, "/couples/not-a-uuid"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByText("Quinn")).toHaveCount(0);
    }
    await auth.signOut();
  }
});
