import { answersForLevels, createClient, createPracticeWithOwner, insertAssessment, insertInvitation, linkCouple } from "./db";
import { expect, expectNoAxeViolations, screenshotsIfAsked, test } from "./fixtures";
import { clock } from "@/lib/core/clock";

const DAY = 24 * 60 * 60 * 1000;
const TIME_ZONE = "Pacific/Auckland";
const HEADER = "completed_at,instrument,version,knowledge,interdependence,care,trust,responsiveness,mutuality,commitment,overall";

/** The table's label for the month holding `date`, in the practice's time zone. */
const monthLabel = (date: Date) => new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: TIME_ZONE }).format(date);

/** Noon UTC on the 10th of the month `months` before the practice's current month. */
function tenthOfMonthsAgo(months: number): number {
  const parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "numeric", timeZone: TIME_ZONE }).formatToParts(clock.now());
  const year = Number(parts.find((part) => part.type === "year")?.value);
  const month = Number(parts.find((part) => part.type === "month")?.value);
  return Date.UTC(year, month - 1 - months, 10, 12);
}

/**
 * A practice with two active clients and an archived one. Ada fell from 75 to 50 on trust (−25,
 * reliable); Ben has one assessment. Two invitations, one completed two days after it was sent.
 */
async function seedPractice() {
  const { practice, owner } = await createPracticeWithOwner({ timeZone: TIME_ZONE });
  const ada = await createClient(practice.id, owner.id, { firstName: "Ada", lastName: "Falling" });
  const ben = await createClient(practice.id, owner.id, { firstName: "Ben", lastName: "Steady" });
  await createClient(practice.id, owner.id, { firstName: "Cy", lastName: "Archived", status: "archived" });
  const couple = await linkCouple(practice.id, ada.id, ben.id);
  const now = clock.ms();
  // The 10th of the month two before this one in the practice's zone, whatever today is: inside
  // the "3 months" view (this month and the two before) and a month apart from `recent`, even on
  // the 1st of a month. The milliseconds still show in the export.
  const earlier = new Date(tenthOfMonthsAgo(2) + 250);
  const recent = new Date(Math.floor((now - 3 * DAY) / 1000) * 1000);
  await insertAssessment(practice.id, ada.id, earlier, answersForLevels({}, 4)); // all 75
  await insertAssessment(practice.id, ada.id, recent, answersForLevels({ trust: 3 }, 4)); // trust 50, rest 75
  await insertAssessment(practice.id, ben.id, new Date(recent.getTime() - 60_000), answersForLevels({}, 3)); // all 50
  await insertInvitation({ practiceId: practice.id, clientId: ada.id, createdBy: owner.id, createdAt: new Date(now - 12 * DAY), completedAt: new Date(now - 10 * DAY) });
  await insertInvitation({ practiceId: practice.id, clientId: ben.id, createdBy: owner.id, createdAt: new Date(now - 1 * DAY) });
  return { practice, owner, ada, ben, couple, earlier, recent };
}



test("the overview shows the practice's cards, per-period means and reliable deteriorations", async ({ page, auth }) => {
  const { owner, ada, ben, couple, earlier, recent } = await seedPractice();
  await auth.signInAs(owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const card = (label: string) => page.getByRole("term").filter({ hasText: label }).locator("xpath=..");
  await expect(card("Active clients")).toContainText("2");
  await expect(card("Assessments, last 30 days")).toContainText("2");
  await expect(card("Invitation completion")).toContainText("50%");
  await expect(card("Invitation completion")).toContainText("1 of 2 invitations sent in the last 6 months completed");
  await expect(card("Median time to complete")).toContainText("2.0 days");

  // The default view: 6 months by month, from the month of the first assessment (two months ago, so
  // within the range); one row per month with assessments, the empty ones counted in a note.
  await expect(page.getByRole("link", { name: "6 months", exact: true })).toHaveAttribute("aria-current", "page");
  const table = page.getByRole("table");
  const monthsWithAssessments = new Set([monthLabel(earlier), monthLabel(recent), monthLabel(new Date(recent.getTime() - 60_000))]).size;
  await expect(table.getByRole("row")).toHaveCount(1 + monthsWithAssessments);
  const row = (label: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  // Ada's 75s, alone in their month.
  await expect(row(monthLabel(earlier)).getByRole("cell")).toHaveText(["1", "75.0", "75.0", "75.0", "75.0", "75.0", "75.0", "75.0"]);
  // Ada (trust 50, rest 75) and Ben (all 50): 62.5 everywhere but trust, (50 + 50) / 2 there.
  await expect(row(monthLabel(recent)).getByRole("cell")).toHaveText(["2", "62.5", "62.5", "62.5", "50.0", "62.5", "62.5", "62.5"]);
  const counts = await table.locator("tbody tr td:first-of-type").allTextContents();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(3);
  expect(counts.filter((count) => count === "0")).toEqual([]);
  await expect(page.getByText(/without assessments (is|are) left out/)).toBeVisible();

  // Needs attention first: Ada's drop, with Ben as her partner and her overall closeness as a sparkline.
  const attention = page.getByRole("region", { name: "Needs attention" });
  await expect(attention).toContainText("1 client with a reliable drop; 0 couples moving apart.");
  const deteriorations = page.getByRole("region", { name: "Reliable drops" });
  const adaLink = deteriorations.getByRole("link", { name: "Ada Falling" });
  await expect(adaLink).toHaveAttribute("href", `/clients/${ada.id}`);
  await expect(deteriorations.getByRole("link", { name: "Ben Steady" })).toHaveAttribute("href", `/clients/${ben.id}`);
  // One line per client: the largest reliable drop with its instrument, and a labelled sparkline.
  const adaLine = deteriorations.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Ada Falling" }) });
  await expect(adaLine).toHaveCount(1);
  await expect(adaLine).toContainText(/Trust\s*−25\.0\s*on Closeness, since the previous assessment \(\d+ \w+ \d{4}\)/);
  await expect(adaLine).toContainText("Overall closeness");
  // 75 everywhere, then trust 50: overall (6 × 75 + 50) / 7 = 71.4.
  await expect(deteriorations.getByRole("img", { name: "Overall closeness at the last 2 assessments, oldest first: 75.0, 71.4" })).toBeVisible();
  // The overview names the drop; every comparison is on Needs attention (decision 0046).
  await expect(adaLine.getByText("Details for Ada Falling")).toHaveCount(0);
  await expect(deteriorations.getByRole("link", { name: "couple’s page" })).toHaveAttribute("href", `/couples/${couple.id}`);
  await expect(deteriorations.getByRole("link", { name: "Every drop in detail, on Needs attention" })).toHaveAttribute("href", "/overview/attention");
  await expect(deteriorations.getByRole("link")).toHaveCount(4);
  // Ada and Ben have one pair of assessments only: nothing to compare yet, and it says so.
  await expect(page.getByRole("region", { name: "Gaps widening between partners" })).toContainText("No couple has two pairs of assessments to compare yet.");
  await expect(attention).toContainText("A reliable change is a change bigger than measurement noise");

  await expectNoAxeViolations(page);
  await screenshotsIfAsked(page, "overview", "OVERVIEW_SCREENSHOTS");

  // The overview lists the first few; its own page has them all, under the same words.
  await page.goto("/overview/attention");
  await expect(page.getByRole("heading", { level: 1, name: "Needs attention" })).toBeVisible();
  await expect(page.getByText("1 client with a reliable drop; 0 couples moving apart.")).toBeVisible();
  const allDrops = page.getByRole("region", { name: "Reliable drops" });
  await expect(allDrops.getByRole("link", { name: "Ada Falling" })).toHaveAttribute("href", `/clients/${ada.id}`);
  // There, each line's details are one click away.
  await expect(allDrops.getByRole("term")).toHaveCount(0);
  await allDrops.getByText("Details for Ada Falling").click();
  await expect(allDrops).toContainText("Drop since previous");
  await expect(allDrops.getByRole("term")).toHaveText([/^Since previous \(\d+ \w+ \d{4}\)$/]);
  await expect(allDrops.getByRole("definition")).toHaveText("Trust −25.0 (75.0 → 50.0)");
  await expect(allDrops.getByRole("link")).toHaveCount(3);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to the overview" }).click();
  await expect(page).toHaveURL(/\/overview$/);

  // Range and granularity live in the URL.
  await page.getByRole("link", { name: "3 months", exact: true }).click();
  await expect(page).toHaveURL(/\/overview\?range=3$/);
  // Rows only for months with assessments: the earlier one's and the recent one's, both in range.
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(monthsWithAssessments);
  const threeMonthCounts = await page.getByRole("table").locator("tbody tr td:first-of-type").allTextContents();
  expect(threeMonthCounts).not.toContain("0");
  await page.getByRole("link", { name: "Week", exact: true }).click();
  await expect(page).toHaveURL(/\/overview\?range=3&by=week$/);
  await expect(page.getByRole("table").getByRole("columnheader", { name: "Week starting" })).toBeVisible();
  // Weeks with assessments: the recent one (Ada's and Ben's, a minute apart), and the earlier one if in range.
  const weekRows = await page.getByRole("table").locator("tbody tr").count();
  expect(weekRows).toBeGreaterThanOrEqual(1);
  expect(weekRows).toBeLessThanOrEqual(3);
  await screenshotsIfAsked(page, "overview-weeks", "OVERVIEW_SCREENSHOTS");

  await page.goto("/overview?range=all");
  await expect(page.getByRole("link", { name: "All time", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(monthsWithAssessments);

  // Values outside the menu fall back to the default view instead of failing.
  await page.goto("/overview?range=24&by=day");
  await expect(page.getByRole("link", { name: "6 months", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Month", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(1 + monthsWithAssessments);
});

test("a new practice sees what to do first, not an empty chart", async ({ page, auth }) => {
  const { owner } = await createPracticeWithOwner({ timeZone: TIME_ZONE });
  await auth.signInAs(owner);
  await page.goto("/overview");
  const start = page.getByRole("region", { name: "Getting started" });
  await expect(start).toContainText("Nothing to summarise yet.");
  await expect(start.getByRole("heading", { level: 3 })).toHaveText(["Add your clients (next step)", "Send the first assessment", "Read the results"]);
  await expect(start.getByRole("link", { name: "Add a couple" })).toHaveAttribute("href", "/couples/new");
  await expect(start.getByRole("link", { name: "Add a client" })).toHaveAttribute("href", "/clients/new");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await screenshotsIfAsked(page, "overview-empty", "OVERVIEW_SCREENSHOTS");

  // A first client, not yet assessed: that step is done, the next one is sending.
  const client = await createClient(owner.practiceId, owner.id);
  await page.reload();
  await expect(start.getByRole("heading", { level: 3 })).toHaveText(["Add your clients Done", "Send the first assessment (next step)", "Read the results"]);
  await expect(start).toContainText("1 client so far.");
  await expect(start.getByRole("link", { name: "Choose a client" })).toHaveAttribute("href", "/clients");

  // Sent, not answered yet: still the steps, with the last one next.
  await insertInvitation({ practiceId: owner.practiceId, clientId: client.id, createdBy: owner.id });
  await page.reload();
  await expect(start.getByRole("heading", { level: 3 })).toHaveText(["Add your clients Done", "Send the first assessment Done", "Read the results (next step)"]);
  await expectNoAxeViolations(page);
  await screenshotsIfAsked(page, "overview-no-assessments", "OVERVIEW_SCREENSHOTS");

  // The first answer: the overview itself.
  await insertAssessment(owner.practiceId, client.id, clock.now(), answersForLevels({}, 3));
  await page.reload();
  await expect(page.getByRole("region", { name: "Getting started" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Needs attention" })).toContainText("Nothing stands out right now.");
  // One month with assessments: its means as bars with their numbers, not a chart of single dots.
  await expect(page.getByRole("figure")).toContainText(/Mean score per dimension, \w+ \d{4}/);
  await expect(page.getByRole("figure").getByRole("listitem")).toHaveCount(7);
  await expect(page.getByRole("figure").getByRole("listitem").first()).toHaveText(/Knowledge\s*50\.0/);
  await expectNoAxeViolations(page);
  await screenshotsIfAsked(page, "overview-first-assessment", "OVERVIEW_SCREENSHOTS");
});

test("the scores export downloads the client's CSV, and nobody else's", async ({ page, auth, request }) => {
  const { owner, ada, earlier, recent } = await seedPractice();
  const stranger = await createPracticeWithOwner();
  const foreign = await createClient(stranger.practice.id, stranger.owner.id);

  // Without a session (the `request` fixture has no cookies) the API answers 401, not a sign-in page.
  const unsigned = await request.get(`/api/clients/${ada.id}/scores.csv`, { maxRedirects: 0 });
  expect(unsigned.status()).toBe(401);
  expect(unsigned.headers()["content-type"]).toContain("application/json");

  await auth.signInAs(owner);
  const response = await page.request.get(`/api/clients/${ada.id}/scores.csv`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="client-scores-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(response.headers()["content-disposition"]).not.toContain("Ada");
  // Ada's second assessment: trust 50, the rest 75; overall (6 × 75 + 50) / 7 = 71.43 → 71.4.
  expect(await response.text()).toBe(
    `${HEADER}\r\n` +
      `${earlier.toISOString()},closeness,1,75.0,75.0,75.0,75.0,75.0,75.0,75.0,75.0\r\n` +
      `${recent.toISOString()},closeness,1,75.0,75.0,75.0,50.0,75.0,75.0,75.0,71.4\r\n`,
  );

  const notMine = await page.request.get(`/api/clients/${foreign.id}/scores.csv`);
  expect(notMine.status()).toBe(404);
  expect(await notMine.text()).not.toContain("completed_at");
  expect((await page.request.get("/api/clients/not-a-uuid/scores.csv")).status()).toBe(404);
});
