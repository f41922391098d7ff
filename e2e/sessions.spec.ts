import { eq, sql } from "drizzle-orm";
import * as schema from "../db/schema";
import { createPracticeWithOwner, createUser, e2eDb } from "./db";
import { AuthPages, expect, test } from "./fixtures";

test("a copied session cookie stops working the moment its owner signs out", async ({ page, auth, browser, baseURL }) => {
  const { owner } = await createPracticeWithOwner();
  await auth.signInAs(owner);

  const copy = await browser.newContext({ baseURL });
  await copy.addCookies(await page.context().cookies());
  const elsewhere = await copy.newPage();
  await elsewhere.goto("/clients");
  await expect(elsewhere).toHaveURL(/\/clients$/);

  await auth.signOut();
  await elsewhere.goto("/clients");
  await expect(elsewhere).toHaveURL(/\/sign-in$/);
  await copy.close();
});

test("sign out of all devices ends the sessions on other devices too", async ({ page, auth, browser, baseURL }) => {
  const { owner } = await createPracticeWithOwner();
  await auth.signInAs(owner);

  const laptop = await browser.newContext({ baseURL });
  const laptopPage = await laptop.newPage();
  await new AuthPages(laptopPage).signInAs(owner);
  await laptopPage.goto("/settings/account");
  await laptopPage.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(laptopPage).toHaveURL(/\/sign-in$/);

  await page.goto("/clients");
  await expect(page).toHaveURL(/\/sign-in$/);
  await laptop.close();
});

test("a session left idle for 30 minutes ends", async ({ page, auth }) => {
  const { owner } = await createPracticeWithOwner();
  await auth.signInAs(owner);
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/overview/);

  // As if the last request had been 31 minutes ago.
  await e2eDb()
    .update(schema.sessions)
    .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
    .where(eq(schema.sessions.userId, owner.id));
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("after 10 wrong passwords sign-in pauses calmly, until the practice owner unlocks it", async ({ page, auth, browser, baseURL }) => {
  // Ten real argon2 checks through the form: slow on a busy machine, so a roomier guard.
  test.setTimeout(180_000);
  const { practice, owner } = await createPracticeWithOwner();
  const clinician = await createUser(practice.id, "clinician");

  for (let i = 0; i < 10; i++) {
    await auth.signIn(clinician.email, `not the password ${i}`);
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  }
  await auth.signIn(clinician.email, clinician.password);
  await expect(page.getByText(/^Too many attempts — try again in \d+ minutes?\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveValue(clinician.email);

  const office = await browser.newContext({ baseURL });
  const ownerPage = await office.newPage();
  await new AuthPages(ownerPage).signInAs(owner);
  await ownerPage.goto("/settings/team");
  const member = ownerPage.getByRole("listitem", { name: clinician.name });
  await expect(member.getByText("Sign-in locked")).toBeVisible();
  await member.getByRole("button", { name: `Unlock sign-in for ${clinician.name}` }).click();
  // The badge and the button go once the lock is lifted.
  await expect(member.getByText("Sign-in locked")).toHaveCount(0);
  await expect(member.getByRole("button", { name: /Unlock sign-in/ })).toHaveCount(0);
  await office.close();

  await auth.signInAs(clinician);
});
