import { createClient, createManyClients, createPracticeWithOwner, createUser } from "./db";
import { expect, openWithScriptsHeld, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

test("a clinician creates a client, edits, links a partner, archives and restores", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const partner = await createClient(practice.id, owner.id, { firstName: "Rowan", lastName: "Partridge" });
  await auth.signInAs(owner);

  await page.getByRole("link", { name: "New client" }).first().click();
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Date of birth (optional)").fill("2999-01-01");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/Enter an email address/);
  await expect(page.getByLabel("Date of birth (optional)")).toHaveAccessibleDescription(/cannot be in the future/);
  await expect(page.getByLabel("First name")).toHaveValue("Ada");

  await page.getByLabel("Email").fill("ada@example.test");
  await page.getByLabel("Date of birth (optional)").fill("1990-12-10");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  await page.getByRole("link", { name: "Details and partner" }).click();
  await expect(page.getByText("10 Dec 1990")).toBeVisible();

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Preferred name (optional)").fill("Addie");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada (Addie) Lovelace" })).toBeVisible();

  // Linking an existing client leads to the couple's page.
  await page.getByRole("link", { name: "Details and partner" }).click();
  await page.getByLabel("Find partner by name or email").fill("partridge");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: "Link Rowan Partridge as partner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada (Addie) Lovelace & Rowan Partridge" })).toBeVisible();
  await page.getByRole("link", { name: "Rowan Partridge" }).first().click();
  await page.getByRole("link", { name: "Details and partner" }).click();
  await expect(page.getByRole("region", { name: "Partner" })).toContainText("Linked with Ada (Addie) Lovelace");
  await page.getByRole("region", { name: "Partner" }).getByRole("link", { name: "Ada (Addie) Lovelace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada (Addie) Lovelace" })).toBeVisible();

  // Unlinking asks first, and names who is unlinked.
  await page.getByRole("link", { name: "Details and partner" }).click();
  const partnerPanel = page.getByRole("region", { name: "Partner" });
  await partnerPanel.getByText("Unlink partner", { exact: true }).click();
  await partnerPanel.getByRole("button", { name: "Yes, unlink Rowan Partridge" }).click();
  await expect(partnerPanel).not.toContainText("Linked with");
  await expect(partnerPanel.getByLabel("Find partner by name or email")).toBeVisible();

  // Archiving asks first: the first button only opens the question.
  await page.getByText("Archive", { exact: true }).click();
  const confirmArchive = page.getByRole("button", { name: "Yes, archive Ada (Addie) Lovelace" });
  await expect(confirmArchive).toBeVisible();
  await expect(page.getByText("leaves the active caseload")).toBeVisible();
  await confirmArchive.click();
  await expect(page.getByText("Client archived.")).toBeVisible();
  await page.goto("/clients");
  await expect(page.getByRole("link", { name: "Ada (Addie) Lovelace" })).toHaveCount(0);
  // Choosing a status is enough: no button to press.
  await page.getByLabel("Status").selectOption("archived");
  await expect(page).toHaveURL(/status=archived/);
  await page.getByRole("link", { name: "Ada (Addie) Lovelace" }).last().click();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Client restored")).toBeVisible();

  // The owner sees the audit trail of every change and view.
  await page.getByRole("link", { name: "Audit trail" }).click();
  const audit = page.getByRole("region", { name: "Audit trail" });
  await expect(audit).toContainText("Created the record");
  await expect(audit).toContainText("Edited: preferredName");
  await expect(audit).toContainText("Linked a partner");
  await expect(audit).toContainText("Archived");
  await expect(audit).toContainText("Restored");
  await expect(audit).toContainText("Viewed the record");
  expect(partner.id).toBeTruthy();
});

test("a filter chosen while the page is still loading is kept: hydrating does not undo it", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  await createClient(practice.id, owner.id, { firstName: "Still", lastName: "Here" });
  await createClient(practice.id, owner.id, { firstName: "Long", lastName: "Gone", status: "archived" });
  await auth.signInAs(owner);

  // The page's scripts are held back, as on a slow connection, while the clinician picks a status.
  const release = await openWithScriptsHeld(page, "/clients");
  await expect(page.getByRole("link", { name: "Still Here" })).toBeVisible();
  await page.getByLabel("Status").selectOption("archived");
  release();

  // Once the scripts arrive the choice is sent as made, never switched back to the URL's "Active".
  await expect(page).toHaveURL(/status=archived/);
  await expect(page.getByRole("link", { name: "Long Gone" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Still Here" })).toHaveCount(0);
  await expect(page.getByLabel("Status")).toHaveValue("archived");

  // Reset brings the fields back to the URL's defaults: they follow the URL, not what was chosen.
  await page.getByRole("link", { name: "Reset" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByLabel("Status")).toHaveValue("active");
  await expect(page.getByRole("link", { name: "Still Here" })).toBeVisible();
});

test("search, sort and paginate a caseload of 60 clients; the view lives in the URL", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  await createManyClients(practice.id, owner.id, 60, "Casey");
  await auth.signInAs(owner);

  const table = page.getByRole("table");
  const firstNameCell = () => table.getByRole("row").nth(1).getByRole("link").first();
  await expect(page.getByText("Showing 1–25 of 60 rows")).toBeVisible();
  await expect(firstNameCell()).toHaveText("Casey 001");

  await table.getByRole("link", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(firstNameCell()).toHaveText("Casey 060");

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Showing 26–50 of 60 rows")).toBeVisible();
  await expect(firstNameCell()).toHaveText("Casey 035");

  // A bookmarked view opens as it was.
  await page.goto(`${page.url()}`);
  await expect(firstNameCell()).toHaveText("Casey 035");
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByText("Showing 51–60 of 60 rows")).toBeVisible();

  // Enter sends the search.
  await page.getByLabel("Search by name or email").fill("casey 04");
  await page.getByLabel("Search by name or email").press("Enter");
  await expect(page.getByText("Showing 1–10 of 10 rows")).toBeVisible();
  await expect(firstNameCell()).toHaveText("Casey 049");

  // Nonsense in the URL falls back to the defaults instead of failing.
  await page.goto("/clients?sort=ssn&dir=up&page=-4&size=9999");
  await expect(page.getByText("Showing 1–25 of 60 rows")).toBeVisible();
});

test("the owner adds a clinician, who sets a password, signs in and sees only their caseload", async ({ page, auth, browser }) => {
  const { practice, owner } = await createPracticeWithOwner();
  await createClient(practice.id, owner.id, { firstName: "Owners", lastName: "Client" });
  await auth.signInAs(owner);
  await page.goto("/settings/team");
  await page.getByLabel("Name").fill("Noor Haddad");
  const email = `noor-${clock.ms()}@example.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Add clinician" }).click();
  await expect(page.getByRole("status")).toContainText(`An invitation is on its way to ${email}.`);
  // This server sends no email: the owner makes a link from the team list and passes it on.
  await page.getByRole("button", { name: "New set-password link" }).click();
  const link = await page.getByRole("textbox", { name: "One-time link" }).inputValue();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // An address that has an account in another practice gets the very same answer.
  const elsewhere = await createPracticeWithOwner();
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(elsewhere.owner.email);
  await page.getByRole("button", { name: "Add clinician" }).click();
  await expect(page.getByRole("status").first()).toContainText(`An invitation is on its way to ${elsewhere.owner.email}.`);

  // The owner gives the new clinician a client.
  await page.goto("/clients/new");
  await page.getByLabel("First name").fill("Noors");
  await page.getByLabel("Last name").fill("Client");
  await page.getByLabel("Email").fill(`noors-client-${clock.ms()}@example.test`);
  await page.getByLabel("Clinician").selectOption({ label: "Noor Haddad" });
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("Clinician: Noor Haddad")).toBeVisible();

  const context = await browser.newContext();
  const clinicianPage = await context.newPage();
  await clinicianPage.goto(new URL(link).pathname);
  await expect(clinicianPage.getByRole("heading", { name: "Welcome, Noor Haddad" })).toBeVisible();
  await clinicianPage.getByLabel("New password").fill("short");
  await clinicianPage.getByLabel("Repeat the password").fill("short");
  await clinicianPage.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(clinicianPage.getByLabel("New password")).toHaveAccessibleDescription(/at least 12 characters/);
  await clinicianPage.getByLabel("New password").fill("a long new password");
  await clinicianPage.getByLabel("Repeat the password").fill("a long new password");
  await clinicianPage.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(clinicianPage).toHaveURL(/\/clients$/, { timeout: 30_000 });
  await expect(clinicianPage.getByText("Your caseload.")).toBeVisible();
  await expect(clinicianPage.getByRole("link", { name: "Noors Client" }).first()).toBeVisible();
  await expect(clinicianPage.getByRole("link", { name: "Owners Client" })).toHaveCount(0);
  // Clinicians cannot manage the team.
  await clinicianPage.goto("/settings/team");
  await expect(clinicianPage.getByRole("heading", { name: "Not found" })).toBeVisible();

  // The link is spent.
  await clinicianPage.goto(new URL(link).pathname);
  await expect(clinicianPage.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();

  // Deactivated: out on the next request.
  await page.goto("/settings/team");
  await page.getByRole("button", { name: "Deactivate Noor Haddad" }).click();
  await expect(page.getByText("Deactivated. They lose access")).toBeVisible();
  await clinicianPage.goto("/clients");
  await expect(clinicianPage).toHaveURL(/\/sign-in$/);
  await context.close();
});

test("a clinician of another practice who opens a client URL sees a 404", async ({ page, auth }) => {
  const here = await createPracticeWithOwner();
  const client = await createClient(here.practice.id, here.owner.id, { firstName: "Private", lastName: "Person" });
  const elsewhere = await createPracticeWithOwner();
  const stranger = await createUser(elsewhere.practice.id, "clinician");
  await auth.signInAs(stranger);

  for (const path of [`/clients/${client.id}`, `/clients/${client.id}/edit`, "/clients/not-a-uuid"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Private")).toHaveCount(0);
  }
});
