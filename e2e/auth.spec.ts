import { latestEmailTo } from "./db";
import { expect, newCredentials, openWithScriptsHeld, test } from "./fixtures";

test("a new practice signs up, confirms by email, lands on Clients, signs out and back in", async ({ page, auth }) => {
  const owner = newCredentials("Sunrise Therapy");
  await auth.signUp(owner);
  await expect(page).toHaveURL(/\/sign-up\/check-email$/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await auth.openSignUpLink(owner.email);
  await expect(page.getByRole("heading", { name: `Welcome, ${owner.name}` })).toBeVisible();
  await expect(page.getByText(`finish creating ${owner.practiceName}`)).toBeVisible();
  await auth.choosePassword(owner.password);

  await expect(page).toHaveURL(/\/clients$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  await expect(page.getByText("No clients yet")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(owner.name);
  await expect(page.getByRole("banner")).toContainText(owner.practiceName);

  await auth.signOut();
  await auth.signIn(owner.email, owner.password);
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toBeVisible();

  // The link worked once: the practice exists now.
  await auth.openSignUpLink(owner.email);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByText("already used")).toBeVisible();
});

test("a wrong password shows the error and keeps the email typed", async ({ page, auth }) => {
  const owner = newCredentials();
  await auth.signUpAndConfirm(owner);
  await auth.signOut();

  await auth.signIn(owner.email, "not the right password");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(owner.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page).toHaveURL(/\/sign-in$/);

  // An unknown email gets the very same message.
  await auth.signIn("nobody-here@example.test", owner.password);
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
});

test("a signed-out visit to /clients ends on /sign-in", async ({ page }) => {
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("sign-up answers a taken email exactly as a free one, and tells the holder by email instead", async ({ page, auth }) => {
  const first = newCredentials();
  await auth.signUpAndConfirm(first);
  await auth.signOut();

  const answerTo = async (email: string) => {
    await auth.signUp({ ...newCredentials("Second practice"), email });
    await expect(page).toHaveURL(/\/sign-up\/check-email$/);
    return page.getByRole("main").innerText();
  };
  const taken = await answerTo(first.email.toUpperCase());
  const free = newCredentials().email;
  expect(await answerTo(free)).toBe(taken);

  const note = await latestEmailTo(first.email);
  expect(note.subject).toBe("Your Attune account");
  expect(note.text).toContain("already has an Attune account, so nothing was created");
  expect(note.text).not.toContain("/sign-up/confirm/");
  expect((await latestEmailTo(free)).text).toContain("/sign-up/confirm/");

  // The first practice is untouched.
  await auth.signInAs(first);
});

test("a new password that is short or easy to guess is refused next to the field", async ({ page, auth }) => {
  const owner = newCredentials();
  await auth.signUp(owner);
  await expect(page).toHaveURL(/\/sign-up\/check-email$/);
  await auth.openSignUpLink(owner.email);
  const password = page.getByLabel("New password");

  await auth.choosePassword("too short");
  await expect(password).toHaveAccessibleDescription(/at least 12 characters/);
  await auth.choosePassword("aaaaaaaaaaaa");
  await expect(password).toHaveAccessibleDescription(/Repeated characters/, { timeout: 30_000 });
  await auth.choosePassword("password1234");
  await expect(password).toHaveAccessibleDescription(/commonly used password/);
  await auth.choosePassword(`${owner.name} 2024`);
  await expect(password).toHaveAccessibleDescription(/personal or page related|leans on your name/);
  await expect(page).toHaveURL(/\/sign-up\/confirm\//);

  await auth.choosePassword(owner.password);
  await expect(page).toHaveURL(/\/clients$/, { timeout: 30_000 });
});

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test.describe("sign-up's time zone, in a browser set to Berlin", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("starts at the browser's own zone once the page has loaded", async ({ page }) => {
    await page.goto("/sign-up");
    await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  });

  test("a zone chosen while the page is still loading is kept, not replaced by the browser's", async ({ page }) => {
    const release = await openWithScriptsHeld(page, "/sign-up");
    const zone = page.getByLabel("Time zone");
    await expect(zone).toHaveValue("UTC");
    await zone.selectOption("America/Chicago");
    release();
    // Hydrated and drawn again with the browser's zone known (React's props on the field say so).
    await page.waitForFunction(() => {
      const field = document.getElementById("timeZone") as (HTMLElement & Record<string, { defaultValue?: string }>) | null;
      const props = field && Object.keys(field).find((key) => key.startsWith("__reactProps$"));
      return Boolean(props && field[props]?.defaultValue === "Europe/Berlin");
    });
    await expect(zone).toHaveValue("America/Chicago");
  });
});
