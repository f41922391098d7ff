import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { createPracticeWithOwner, createUser, linkInLatestEmail, type SeededUser } from "./db";
import { AuthPages, expect, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

/*
 * Accounts a clinician can trust: two-step sign-in (set up, then asked for; recovery codes used
 * once), a practice that requires it, and a forgotten password reset by an emailed link.
 */

/** Each context comes from its own address (through the proxy header), so per-IP limits never collide. */
async function newPage(browser: Browser): Promise<{ page: Page; auth: AuthPages }> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { "x-forwarded-for": `10.${[...randomBytes(3)].join(".")}` },
  });
  const page = await context.newPage();
  return { page, auth: new AuthPages(page) };
}

/**
 * The code an authenticator app shows for the key on screen. For the next time step: the server
 * accepts one step either side, and refuses a step already used (the set-up's own code).
 */
function nextCode(setupKey: string): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setupKey.replaceAll(" ", "")), digits: 6, period: 30, algorithm: "SHA1" });
  return totp.generate({ timestamp: clock.ms() + 30_000 });
}

/** On the set-up page: reads the key, types a first code, and returns the key and the recovery codes shown. */
async function setUpTwoStep(page: Page, submit = "Turn on two-step sign-in", currentPassword?: string) {
  // From My account, the current password too (issue 24, probe 1); a form resets after each post.
  const fillPassword = async () => {
    if (currentPassword) await page.getByLabel("Your current password").fill(currentPassword);
  };
  const key = (await page.getByLabel("Setup key").textContent())!.trim();
  await expect(page.getByRole("img", { name: "QR code to add Attune to your authenticator app" })).toBeVisible();
  // A wrong code first: a clear message, nothing turned on.
  await page.getByLabel("Code from the app").fill("000000" === nextCode(key) ? "111111" : "000000");
  await fillPassword();
  await page.getByRole("button", { name: submit }).click();
  await expect(page.getByText("That code is not right").first()).toBeVisible();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key.replaceAll(" ", "")), digits: 6, period: 30, algorithm: "SHA1" });
  await page.getByLabel("Code from the app").fill(totp.generate());
  await fillPassword();
  await page.getByRole("button", { name: submit }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list).toBeVisible();
  const codes = await list.getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  return { key, codes };
}

async function enterCode(page: Page, code: string) {
  await expect(page).toHaveURL(/\/sign-in\/two-step$/);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("two-step sign-in: set up from My account, then a code after the password; a recovery code works once", async ({ browser }) => {
  test.slow();
  const { owner } = await createPracticeWithOwner();
  const { page, auth } = await newPage(browser);
  await auth.signInAs(owner);
  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
  const { key, codes } = await setUpTwoStep(page, undefined, owner.password);
  // The codes can be copied in one go and downloaded as a text file holding every one of them.
  await expect(page.getByRole("button", { name: "Copy the codes" })).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as a text file" }).click()]);
  expect(file.suggestedFilename()).toBe("attune-recovery-codes.txt");
  const saved = await readFile((await file.path())!, "utf8");
  for (const code of codes) expect(saved).toContain(code);
  await page.getByRole("link", { name: "I have saved them — done" }).click();
  await expect(page.getByText("10 of 10 recovery codes left")).toBeVisible();
  // The owner is not sent to a practice owner: they are it.
  await expect(page.getByText("no one else at the practice can turn two-step sign-in off for you", { exact: false })).toBeVisible();
  await expect(page.getByText("your practice owner can", { exact: false })).toHaveCount(0);
  await auth.signOut();

  // The password alone does not sign in: the code is asked for, and nothing else opens meanwhile.
  await auth.signIn(owner.email, owner.password);
  await expect(page).toHaveURL(/\/sign-in\/two-step$/);
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/sign-in\/two-step$/);
  await expect(page.getByText("Your practice owner can turn two-step sign-in off for you")).toHaveCount(0);
  await expect(page.getByText("keep your recovery codes safe", { exact: false })).toBeVisible();
  await enterCode(page, "123456" === nextCode(key) ? "654321" : "123456");
  await expect(page.getByText("That code is not right, or was already used.")).toBeVisible();
  await enterCode(page, nextCode(key));
  await expect(page).toHaveURL(/\/clients$/);
  await auth.signOut();

  // A recovery code instead of the app, once.
  await auth.signIn(owner.email, owner.password);
  await enterCode(page, codes[0]!);
  await expect(page).toHaveURL(/\/clients$/);
  await page.goto("/settings/account");
  await expect(page.getByText("9 of 10 recovery codes left")).toBeVisible();
  await auth.signOut();
  await auth.signIn(owner.email, owner.password);
  await enterCode(page, codes[0]!);
  await expect(page.getByText("That code is not right, or was already used.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/two-step$/);
  await page.context().close();
});

test("a practice that requires two-step sign-in: a member without it sets it up before anything else; the owner can reset it", async ({ browser }) => {
  test.slow();
  const { practice, owner } = await createPracticeWithOwner();
  const clinician: SeededUser = await createUser(practice.id, "clinician");
  const owners = await newPage(browser);
  await owners.auth.signInAs(owner);
  await owners.page.goto("/settings");
  // Nonsense first: a clear message, nothing saved.
  await owners.page.getByLabel("Links work for (days)").fill("0");
  await owners.page.getByLabel("Require two-step sign-in for everyone").check();
  await owners.page.getByRole("button", { name: "Save practice settings" }).click();
  await expect(owners.page.getByText("Choose 1 to 60 days.")).toBeVisible();
  await owners.page.getByLabel("Links work for (days)").fill("10");
  await owners.page.getByRole("button", { name: "Save practice settings" }).click();
  await expect(owners.page.getByText("Practice settings saved.")).toBeVisible();

  const clinicians = await newPage(browser);
  await clinicians.auth.signIn(clinician.email, clinician.password);
  await expect(clinicians.page).toHaveURL(/\/sign-in\/set-up-two-step$/);
  await clinicians.page.goto("/overview");
  await expect(clinicians.page).toHaveURL(/\/sign-in\/set-up-two-step$/);
  await setUpTwoStep(clinicians.page);
  await clinicians.page.getByRole("link", { name: "I have saved them — continue" }).click();
  await expect(clinicians.page).toHaveURL(/\/clients$/);

  // Lost phone: the owner resets the clinician's second step; they must set it up again.
  await owners.page.goto("/settings/team");
  const row = owners.page.getByRole("listitem", { name: clinician.name });
  await row.locator("summary", { hasText: "Reset two-step sign-in" }).click();
  // Issue 24, probe 1: the owner's own password, not the cookie alone.
  await row.getByLabel("Your own password").fill(owner.password);
  await row.getByRole("button", { name: `Yes, reset ${clinician.name}'s two-step sign-in` }).click();
  // Reset: the member's row no longer offers it.
  await expect(row.locator("summary", { hasText: "Reset two-step sign-in" })).toHaveCount(0);
  await clinicians.auth.signOut();
  await clinicians.auth.signIn(clinician.email, clinician.password);
  await expect(clinicians.page).toHaveURL(/\/sign-in\/set-up-two-step$/);
  await owners.page.context().close();
  await clinicians.page.context().close();
});

test("forgot password: the same answer for any address; the emailed link sets a new password once and ends other sessions", async ({ browser }) => {
  // Several argon2 hashes and two browsers on a shared two-core machine.
  test.slow();
  const { owner } = await createPracticeWithOwner();
  const elsewhere = await newPage(browser);
  await elsewhere.auth.signInAs(owner);

  const { page } = await newPage(browser);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  // Hydrated, so the form posts as an action rather than as a plain form.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(`nobody-${randomBytes(4).toString("hex")}@example.test`);
  await page.getByRole("button", { name: "Email me a link" }).click();
  const answer = page.getByText("If an account uses that address");
  await expect(answer).toBeVisible();
  const unknownAnswer = await answer.textContent();
  await page.getByLabel("Email").fill(owner.email.toUpperCase());
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByText("If an account uses that address")).toHaveText(unknownAnswer!);

  // The answer on the page was already there from the first request, so it cannot say when the
  // second one finished: wait for its email in the outbox.
  await expect.poll(() => linkInLatestEmail(owner.email, "/reset-password/").then(() => true, () => false), { timeout: 15_000 }).toBe(true);
  const link = await linkInLatestEmail(owner.email, "/reset-password/");
  await page.goto(link);
  // Mismatched, then weak: clear messages, nothing changed.
  await page.getByLabel("New password").fill("velvet harbour lantern 42");
  await page.getByLabel("Repeat the password").fill("velvet harbour lantern 43");
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page.getByText("The two passwords do not match.")).toBeVisible();
  await page.getByLabel("New password").fill("password1234");
  await page.getByLabel("Repeat the password").fill("password1234");
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page.getByText("Please choose a stronger password.")).toBeVisible();
  const fresh = `velvet harbour lantern ${randomBytes(3).toString("hex")}`;
  await page.getByLabel("New password").fill(fresh);
  await page.getByLabel("Repeat the password").fill(fresh);
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page).toHaveURL(/\/clients$/, { timeout: 30_000 });

  // The other device is signed out; the used link no longer works; the old password neither.
  await elsewhere.page.goto("/clients");
  await expect(elsewhere.page).toHaveURL(/\/sign-in$/);
  await elsewhere.page.goto(link);
  await expect(elsewhere.page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await elsewhere.auth.signIn(owner.email, owner.password);
  await expect(elsewhere.page.getByText("Email or password is incorrect.")).toBeVisible();
  await elsewhere.auth.signInAs({ email: owner.email, password: fresh });
  await page.context().close();
  await elsewhere.page.context().close();
});
