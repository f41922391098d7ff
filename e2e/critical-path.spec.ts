import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, BrowserContextOptions } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { closenessV1 } from "../lib/instruments";
import { e2eDb, insertCriticalPhq9 } from "./db";
import { expect, newCredentials, test } from "./fixtures";
import * as schema from "../db/schema";
import { eq } from "drizzle-orm";
import pg from "pg";

/*
 * The critical path in one test — sign-up, a couple, sending, both partners' questionnaires, a
 * safety alert acknowledged, the overview, the couple's history, the practice export — for CI to
 * run against the app in other set-ups: through PgBouncer in transaction mode (.ci/pgbouncer.sh)
 * and with a streaming read replica (.ci/replica.sh). It runs in the ordinary suite too.
 *
 * With E2E_APP_DATABASE_ROLE (set by .ci/app-role.sh) the app runs as that least-privileged role:
 * the spec ends by making sure the connections were that role's, and the owner's settings page says
 * the audit trail (written by that role all along) is whole.
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
  await banner.getByText("Acknowledge…").click();
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
    // The caseload: the couple in one row, with the gap between Iris (62.5) and Jude (37.5).
    await page.goto("/clients");
    await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: "Iris & Jude Lane" }) }).first()).toContainText("25.0");
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

  // The trail the run wrote is whole (decision 0040), on the owner's settings page: checked in the
  // background (the first view asks the job engine for the first check).
  await expect(async () => {
    await page.goto("/settings");
    await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("The audit trail is whole", { timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });
  const appRole = process.env.E2E_APP_DATABASE_ROLE;
  if (appRole) {
    const { rows } = await e2eDb().$client.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and usename = $1", [appRole]);
    expect(rows[0].n, `the app's connections as ${appRole}`).toBeGreaterThan(0);
  }

  if (process.env.E2E_REPLICA_PASS === "1") {
    // Past the read-your-writes window (lib/core/read-db.ts): the dashboards now read from the replica,
    // whose own statistics count the rows read from the app's tables.
    const before = await replicaReads();
    await page.waitForTimeout(6_000);
    await dashboards();
    await expect.poll(async () => (await replicaReads()).rows, { message: "rows read on the replica", timeout: 60_000, intervals: [1000] }).toBeGreaterThan(before.rows);

    // The replica goes down: the same pages are served by the primary (the server logs it).
    execSync(process.env.E2E_REPLICA_STOP!, { stdio: "inherit" });
    await page.waitForTimeout(2_000);
    await dashboards();
  }
});

/** Rows read from the app's tables on the replica, and its transactions (pg_stat_database), for the run's database. */
async function replicaReads(): Promise<{ rows: number; transactions: number }> {
  const url = new URL(process.env.E2E_DATABASE_REPLICA_URL!);
  url.pathname = new URL(process.env.E2E_DATABASE_URL!).pathname;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ rows: string; transactions: string }>(
      `select (select coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) from pg_stat_user_tables) as rows,
              (select xact_commit from pg_stat_database where datname = current_database()) as transactions`,
    );
    const result = { rows: Number(rows[0]!.rows), transactions: Number(rows[0]!.transactions) };
    console.log(`replica: ${result.rows} rows read from the app's tables, ${result.transactions} transactions`);
    return result;
  } finally {
    await client.end();
  }
}
