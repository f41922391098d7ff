import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import pg from "pg";
import { closenessV1 } from "../lib/instruments";
import { hashToken } from "../lib/core/tokens";
import { createClient, createPracticeWithOwner, insertInvitation } from "./db";
import { AuthPages, expect, test } from "./fixtures";

/*
 * Issue 24, the probes left after decision 0030, against the running build: a malformed
 * callbackUrl, a questionnaire save waiting on a row someone else holds, and the team list after
 * adding an address that has an account elsewhere. (The /r/ limit and its calm page with the
 * database down: lib/plans/stop-link-limit.int.test.ts and proxy.test.ts.)
 */

async function newContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  return browser.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { "x-forwarded-for": `10.${[...randomBytes(3)].join(".")}` },
    ...options,
  });
}

test("probe 10: a malformed callbackUrl (javascript:, a look-alike host) never gives a 500", async ({ request }) => {
  const base = test.info().project.use.baseURL!;
  const host = new URL(base).host;
  const hostile = ["javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", `http://${host}.evil.test/`, `https://${host}@evil.test/`, "//evil.test", "/\\evil.test", "http://[::1", "%E0%A4%A"];
  for (const value of hostile) {
    const query = `callbackUrl=${encodeURIComponent(value)}`;
    for (const path of [`/api/auth/signin?${query}`, `/api/auth/signout?${query}`, `/api/auth/providers?${query}`, `/sign-in?${query}`]) {
      const response = await request.get(path, { maxRedirects: 0, headers: { "x-forwarded-for": "10.9.9.9" } });
      expect(response.status(), `${path}`).toBeLessThan(500);
      // Never sent off the site.
      const location = response.headers()["location"];
      if (location) expect(new URL(location, base).origin, `${path} → ${location}`).toBe(new URL(base).origin);
    }
    // next-auth also keeps it in a cookie.
    const withCookie = await request.get("/api/auth/signin", { maxRedirects: 0, headers: { cookie: `authjs.callback-url=${encodeURIComponent(value)}`, "x-forwarded-for": "10.9.9.8" } });
    expect(withCookie.status(), `cookie ${value}`).toBeLessThan(500);
    // And in a posted form.
    for (const path of ["/api/auth/signin/credentials", "/api/auth/callback/credentials", "/api/auth/signout"]) {
      const posted = await request.post(path, { maxRedirects: 0, form: { callbackUrl: value, csrfToken: "x" }, headers: { "x-forwarded-for": "10.9.9.7" } });
      expect(posted.status(), `post ${path} ${value}`).toBeLessThan(500);
    }
  }
});

test("probe 10: a save waiting on a held row lock gets the calm 'try again', not a 500, and saves once the row is free", async ({ browser }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id);
  const token = await insertInvitation({ practiceId: practice.id, clientId: client.id, createdBy: owner.id });
  const first = closenessV1.items[0]!;
  const label = closenessV1.scale[2]!.label;

  // Someone else (an operator's session, a stuck transaction) holds the link's row.
  const holder = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await holder.connect();
  const release = async () => {
    await holder.query("rollback").catch(() => undefined);
    await holder.end().catch(() => undefined);
  };
  try {
    // The page opened once before (it marks the link opened, which needs the row).
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`/a/${token}?step=1`);
    await expect(page.getByRole("group", { name: first.text })).toBeVisible();
    await holder.query("begin");
    await holder.query("select 1 from invitations where token_hash = $1 for update", [hashToken(token)]);

    // With JavaScript: the autosave's answer is not a 500, and the page says it will try again.
    const statuses: number[] = [];
    page.on("response", (response) => {
      if (response.request().method() === "POST") statuses.push(response.status());
    });
    await page.getByRole("group", { name: first.text }).getByLabel(label, { exact: true }).check();
    await expect(page.getByText("Not saved yet: we will try again")).toBeVisible();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status < 500), `autosave answered ${statuses.join(", ")}`).toBe(true);

    // Without JavaScript: the part's post comes back to the part with a calm note.
    const plain = await newContext(browser, { javaScriptEnabled: false });
    const form = await plain.newPage();
    await form.goto(`/a/${token}?step=1`);
    await form.getByRole("group", { name: first.text }).getByLabel(label, { exact: true }).check();
    const [posted] = await Promise.all([
      form.waitForResponse((response) => response.request().method() === "POST"),
      form.getByRole("button", { name: "Save and continue" }).click(),
    ]);
    expect(posted.status()).toBeLessThan(500);
    await expect(form.getByRole("alert")).toContainText("We could not save this part just now");

    // The row is free again: the autosave's retry saves it.
    await release();
    await expect(page.getByText("Answers saved")).toBeVisible({ timeout: 60_000 });
    await plain.close();
    await context.close();
  } finally {
    await release();
  }
});

test("probe 8: the team list shows an added address the same whether or not it has an account elsewhere", async ({ browser }) => {
  const { owner } = await createPracticeWithOwner();
  const elsewhere = await createPracticeWithOwner();
  const context = await newContext(browser);
  const page = await context.newPage();
  await new AuthPages(page).signInAs(owner);
  await page.goto("/settings/team");
  const free = `free-${randomBytes(4).toString("hex")}@example.test`;
  for (const [name, email] of [
    ["Fern Free", free],
    ["Hal Held", elsewhere.owner.email],
  ]) {
    await page.getByLabel("Name").fill(name!);
    await page.getByLabel("Email").fill(email!);
    await page.getByRole("button", { name: "Add clinician" }).click();
    await expect(page.getByRole("status").first()).toContainText(`An invitation is on its way to ${email}.`);
  }
  const members = page.getByRole("list", { name: "Team members" });
  const row = (name: string) => members.getByRole("listitem", { name });
  await expect(row("Fern Free")).toBeVisible();
  await expect(row("Hal Held")).toBeVisible();
  // The same badges and the same buttons, the name and address apart.
  const shape = async (name: string, email: string) => ((await row(name).innerText()).replaceAll(name, "NAME").replaceAll(email, "EMAIL"));
  expect(await shape("Hal Held", elsewhere.owner.email)).toBe(await shape("Fern Free", free));
  await expect(row("Hal Held")).toContainText("Invited");
  await context.close();
});
