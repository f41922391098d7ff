import { randomBytes } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";

type Credentials = { practiceName: string; name: string; email: string; password: string };

export function newCredentials(label = "practice"): Credentials {
  const id = randomBytes(4).toString("hex");
  return {
    practiceName: `${label} ${id}`,
    name: `Clinician ${id}`,
    email: `owner-${id}@example.test`,
    password: `correct horse ${id}`,
  };
}

/** Page object for the sign-in and sign-up forms. */
export class AuthPages {
  constructor(readonly page: Page) {}

  async signUp(credentials: Credentials) {
    await this.page.goto("/sign-up");
    await this.page.getByLabel("Practice name").fill(credentials.practiceName);
    await this.page.getByLabel("Your name").fill(credentials.name);
    await this.page.getByLabel("Email").fill(credentials.email);
    await this.page.getByLabel("Password").fill(credentials.password);
    await this.page.getByRole("button", { name: "Create practice" }).click();
  }

  async signIn(email: string, password: string) {
    await this.page.goto("/sign-in");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Signs in and waits for the caseload, for specs that start signed in. */
  async signInAs(user: { email: string; password: string }) {
    await this.signIn(user.email, user.password);
    await expect(this.page).toHaveURL(/\/clients$/);
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in$/);
  }
}

export const test = base.extend<{ auth: AuthPages }>({
  auth: async ({ page }, use) => {
    await use(new AuthPages(page));
  },
});

export { expect };
