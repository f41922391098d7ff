import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { linkInLatestEmail } from "./db";

type Credentials = { practiceName: string; name: string; email: string; password: string };

export function newCredentials(label = "practice"): Credentials {
  const id = randomBytes(4).toString("hex");
  return {
    practiceName: `${label} ${id}`,
    name: `Clinician ${id}`,
    email: `owner-${id}@example.test`,
    // Its own random part: a password built on the name or email would be refused.
    password: `quiet lantern ${randomBytes(4).toString("hex")}`,
  };
}

/** Page object for the sign-in and sign-up forms. */
export class AuthPages {
  constructor(readonly page: Page) {}

  /** Fills in and sends the sign-up form (which asks for no password: that comes with the emailed link). */
  async signUp(credentials: Omit<Credentials, "password">) {
    // Sign-up emails are limited per source (lib/sign-up.ts): each sign-up comes from an address of its own.
    await this.page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${[...randomBytes(3)].join(".")}` });
    await this.page.goto("/sign-up");
    await this.page.getByLabel("Practice name").fill(credentials.practiceName);
    await this.page.getByLabel("Your name").fill(credentials.name);
    await this.page.getByLabel("Email").fill(credentials.email);
    await this.page.getByRole("button", { name: "Create practice" }).click();
  }

  /** Opens the link in the newest sign-up email to this address. */
  async openSignUpLink(email: string) {
    await this.page.goto(await linkInLatestEmail(email, "/sign-up/confirm/"));
  }

  async choosePassword(password: string, submit = "Create practice and sign in") {
    await this.page.getByLabel("New password").fill(password);
    await this.page.getByLabel("Repeat the password").fill(password);
    await this.page.getByRole("button", { name: submit }).click();
  }

  /** The whole sign-up: the form, the emailed link, the password; ends signed in on Clients. */
  async signUpAndConfirm(credentials: Credentials) {
    await this.signUp(credentials);
    await expect(this.page).toHaveURL(/\/sign-up\/check-email$/);
    await this.openSignUpLink(credentials.email);
    await this.choosePassword(credentials.password);
    // Checking, hashing and signing in with a new password is the slowest step on a busy machine.
    await expect(this.page).toHaveURL(/\/clients$/, { timeout: 30_000 });
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
    await this.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(this.page).toHaveURL(/\/sign-in$/);
  }
}

export const test = base.extend<{ auth: AuthPages }>({
  auth: async ({ page }, use) => {
    await use(new AuthPages(page));
  },
});

export { expect };

/** The page as it stands has no accessibility violations (axe), each named with where it is. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * Full-page screenshots at desktop and phone widths, for a person to look at, when the environment
 * variable `envVar` names a folder; otherwise nothing. Each width first waits until the page itself
 * does not scroll sideways (charts resize a moment after the viewport: a ResizeObserver, a render).
 */
export async function screenshotsIfAsked(page: Page, name: string, envVar: string) {
  const dir = process.env[envVar];
  if (!dir) return;
  for (const [label, width] of [
    ["desktop", 1280],
    ["phone", 390],
  ] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
        message: `${label} ${name}: horizontal overflow`,
      })
      .toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${dir}/${label}-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/**
 * Opens a page with its scripts held back, as on a slow connection, so that a spec can act on the
 * server's HTML before React hydrates it (decision 0047). The page loads its scripts and hydrates
 * once the returned function is called.
 */
export async function openWithScriptsHeld(page: Page, path: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "commit" });
  return release;
}
