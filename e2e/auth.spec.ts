import { expect, newCredentials, test } from "./fixtures";

test("a new practice signs up, lands on Clients, signs out and back in", async ({ page, auth }) => {
  const owner = newCredentials("Sunrise Therapy");
  await auth.signUp(owner);

  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  await expect(page.getByText("No clients yet")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(owner.name);
  await expect(page.getByRole("banner")).toContainText(owner.practiceName);

  await auth.signOut();
  await auth.signIn(owner.email, owner.password);
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toBeVisible();
});

test("a wrong password shows the error and keeps the email typed", async ({ page, auth }) => {
  const owner = newCredentials();
  await auth.signUp(owner);
  await expect(page).toHaveURL(/\/clients$/);
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

test("sign-up refuses a taken email and a short password, next to the field, keeping what was typed", async ({ page, auth }) => {
  const first = newCredentials();
  await auth.signUp(first);
  await expect(page).toHaveURL(/\/clients$/);
  await auth.signOut();

  const second = { ...newCredentials("Second practice"), email: first.email };
  await auth.signUp(second);
  const email = page.getByLabel("Email");
  await expect(email).toHaveAccessibleDescription(/already exists/);
  await expect(email).toHaveValue(first.email);
  await expect(page.getByLabel("Practice name")).toHaveValue(second.practiceName);

  await auth.signUp({ ...newCredentials(), password: "too short" });
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/at least 12 characters/);
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});
