import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, BrowserContextOptions } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { closenessV1 } from "../lib/instruments";
import { e2eDb, insertCriticalPhq9 } from "./db";
import { expect, newCredentials, test } from "./fixtures";
import * as schema from "../db/schema";
import { eq } from "drizzle-orm";

/*
 * The critical path in one test — sign-up, a couple, sending, both partners' questionnaires, a
 * safety alert acknowledged, the overview, the couple's history, the practice export — for CI to
 * run against the app in other set-ups: through PgBouncer in transaction mode (.ci/pgbouncer.sh)
 * and with a streaming read replica (.ci/replica.sh). It runs in the ordinary suite too.
 *
 * With E2E_REPLICA_PASS=1 (set by .ci/replica.sh), it ends by waiting out the read-your-writes
 * window and loading the dashboards again, so that the replica serves them.
 */

const SCALE = new Map(closenessV1.scale.map((option) => [option.value, option.label]));
const PARTS = closenessV1.dimensions.map((dimension) => closenessV1.items.filter((item) => item.dimension === dimension.key));

function contextOptions(extra: BrowserContextOptions = {}): BrowserContextOptions {
  const [a, b, c] = randomBytes(3);
  return { baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": `10.${a}.${b}.${c}` }, ...extra };
}

/** A partner answers the whole questionnaire without JavaScript (plain posts), every statement with `value`. */
async function answerQuestionnaire(browser: Browser, link: string, value: number) {
  const context = await browser.newContext(contextOptions({ javaScriptEnabled: false }));
  const page = await context.newPage();
  await page.goto(`${new URL(link).pathname}?step=1`);
  for (let part = 1; part <= PARTS.length; part++) {
    await expect(page.getByRole("heading", { level: 1, name: `Part ${part} of ${PARTS.length}` })).toBeVisible();
    for (const item of PARTS[part - 1]!) await page.getByRole("group", { name: item.text }).getByLabel(SCALE.get(value)!, { exact: true }).check();
    await page.getByRole("button", { name: part === PARTS.length ? "Send my answers" : "Save and continue" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  await context.close();
}

test("sign-up, couple, send, questionnaires, alert, overview, history and export", async ({ page, auth, browser }) => {
  test.setTimeout(300_000);
  const credentials = newCredentials("critical path");
  await auth.signUpAndConfirm(credentials);

  // A couple, and the assessment sent to both partners.
  await page.getByRole("link", { name: "New couple" }).first().click();
  const partner = (n: number) => page.getByRole("group", { name: `Partner ${n}` });
  await partner(1).getByLabel("First name").fill("Iris");
  await partner(1).getByLabel("Last name").fill("Lane");
  await partner(1).getByLabel("Email").fill(`iris-${credentials.email}`);
  await partner(2).getByLabel("First name").fill("Jude");
  await partner(2).getByLabel("Last name").fill("Lane");
  await partner(2).getByLabel("Email").fill(`jude-${credentials.email}`);
  await page.getByRole("button", { name: "Create couple" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Iris & Jude Lane" })).toBeVisible();
  const coupleUrl = page.url();
  const send = page.getByRole("region", { name: "Send the next assessment to both partners" });
  await send.getByRole("button", { name: "Send assessment" }).click();
  const irisLink = await send.getByLabel("Link for Iris Lane").inputValue();
  const judeLink = await send.getByLabel("Link for Jude Lane").inputValue();
  expect(irisLink).toMatch(/\/a\/[A-Za-z0-9_-]{43}$/);

  // Both partners answer: Iris close (4 = Agree), Jude far (2 = Disagree).
  await answerQuestionnaire(browser, irisLink, 4);
  await answerQuestionnaire(browser, judeLink, 2);

  // A critical PHQ-9 answer by Iris, written as a submission writes it; acknowledged in the app.
  const [owner] = await e2eDb().select().from(schema.users).where(eq(schema.users.email, credentials.email));
  const [iris] = await e2eDb().select().from(schema.clients).where(eq(schema.clients.email, `iris-${credentials.email}`));
  await insertCriticalPhq9(owner!.practiceId, iris!.id);
  await page.goto("/clients");
  const banner = page.getByRole("alert", { name: "Critical answer — needs a clinician today" });
  await expect(banner).toContainText("PHQ-9 item 9");
  await banner.getByRole("link", { name: "Iris Lane" }).click();
  await page.getByLabel("What you did or decided").fill("Phoned Iris: safe tonight, plan agreed.");
  await page.getByRole("button", { name: "Acknowledge with this note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Acknowledged." })).toBeVisible();
  await expect(banner).toHaveCount(0);

  async function dashboards() {
    // The overview counts both closeness assessments and the PHQ-9.
    await page.goto("/overview");
    const card = (label: string) => page.getByRole("term").filter({ hasText: label }).locator("xpath=..");
    await expect(card("Active clients")).toContainText("2");
    await expect(card("Assessments, last 30 days")).toContainText("3");
    await expect(banner).toHaveCount(0);

    // The caseload and the couple's history.
    await page.goto("/clients");
    await expect(page.getByRole("link", { name: "Iris Lane" })).toBeVisible();
    await page.goto(coupleUrl);
    await expect(page.getByRole("heading", { level: 1, name: "Iris & Jude Lane" })).toBeVisible();

    // The practice export: every table and the FHIR bundle, with both partners in it.
    await page.goto("/settings/export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the export (zip)" }).click()]);
    const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(strFromU8(files["clients.csv"]!)).toContain("Jude");
    expect(strFromU8(files["assessments.csv"]!).trim().split("\n")).toHaveLength(4);
    expect(strFromU8(files["fhir-bundle.json"]!)).toContain(iris!.id);
  }
  await dashboards();

  if (process.env.E2E_REPLICA_PASS === "1") {
    // Past the read-your-writes window (lib/db-routing): these reads may now come from the replica.
    await page.waitForTimeout(6_000);
    await dashboards();
  }
});
