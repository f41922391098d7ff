import type { Page } from "@playwright/test";
import { DIMENSION_COLOURS } from "../components/scores/palette";
import { answersForLevels, createClient, createPracticeWithOwner, createUser, insertAssessment, linkCouple } from "./db";
import { expect, expectNoAxeViolations, openWithScriptsHeld, test } from "./fixtures";

const at = (date: string) => new Date(`${date}T10:00:00Z`);

// Ana: three assessments. Levels give (level − 1) × 25 per dimension; two item tweaks give 62.5 and 68.75.
//               knowledge interdep care trust responsiveness mutuality commitment  overall
// 5 Jan 2026      25.0      50.0    75.0  50.0     50.0         50.0      50.0      350/7    = 50.0
// 2 Feb 2026      50.0      75.0    50.0  75.0     50.0         50.0      25.0      375/7    = 53.6
// 2 Mar 2026      50.0      50.0    50.0  62.5     68.75        25.0      75.0      381.25/7 = 54.5
const ANA = [
  [at("2026-01-05"), answersForLevels({ knowledge: 2, care: 4 })],
  [at("2026-02-02"), answersForLevels({ interdependence: 4, trust: 4, commitment: 2 })],
  [at("2026-03-02"), { ...answersForLevels({ responsiveness: 4, mutuality: 2, commitment: 4 }), k15: 4, k16: 4, k17: 3 }],
] as const;
// Ben, Ana's partner: 16 Mar is exactly 14 days after Ana's 2 Mar, so the two are the latest pair.
// Gaps then: knowledge 50 vs 75 = 25, mutuality 25 vs 0 = 25, commitment 75 vs 50 = 25 (all flagged).
const BEN = [
  [at("2026-02-05"), answersForLevels({ commitment: 5 })],
  [at("2026-03-16"), answersForLevels({ knowledge: 4, mutuality: 1 })],
] as const;

async function seedCouple() {
  const { practice, owner } = await createPracticeWithOwner();
  const ana = await createClient(practice.id, owner.id, { firstName: "Ana", lastName: "Alder" });
  const ben = await createClient(practice.id, owner.id, { firstName: "Ben", lastName: "Birch" });
  const couple = await linkCouple(practice.id, ana.id, ben.id);
  for (const [date, answers] of ANA) await insertAssessment(practice.id, ana.id, date, answers);
  for (const [date, answers] of BEN) await insertAssessment(practice.id, ben.id, date, answers);
  return { practice, owner, ana, ben, couple };
}


async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

test("a client's scores: table, chart with toggles, profile, strengths, reliable change; passes axe", async ({ page, auth }) => {
  const { owner, ana } = await seedCouple();
  await auth.signInAs(owner);
  // Charts render on the server and again in the browser: no hydration mismatch or other error.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`/clients/${ana.id}/history`);

  const scores = page.getByRole("region", { name: "Scores over time" });
  await expect(scores).toContainText("Closeness Inventory: 3 assessments, 5 Jan 2026 to 2 Mar 2026.");

  // The chart's table alternative, rounded to one decimal, oldest first.
  const table = scores.getByRole("table", { name: /Scores at each assessment/ });
  await expect(table.getByRole("columnheader")).toHaveText(["Date", "Knowledge", "Interdependence", "Care", "Trust", "Responsiveness", "Mutuality", "Commitment", "Overall"]);
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1).getByRole("cell")).toHaveText(["25.0", "50.0", "75.0", "50.0", "50.0", "50.0", "50.0", "50.0"]);
  await expect(rows.nth(2).getByRole("cell")).toHaveText(["50.0", "75.0", "50.0", "75.0", "50.0", "50.0", "25.0", "53.6"]);
  await expect(rows.nth(3).getByRole("rowheader")).toHaveText("2 Mar 2026");
  await expect(rows.nth(3).getByRole("cell")).toHaveText(["50.0", "50.0", "50.0", "62.5", "68.8", "25.0", "75.0", "54.5"]);

  // The chart: overall and one dimension, at first the one that moved most since the first
  // assessment (four moved by 25; knowledge comes first), described beside the picker.
  const chart = scores.getByRole("img", { name: /Line chart of the overall closeness score/ });
  await expect(chart).toHaveAccessibleName(
    "Line chart of the overall closeness score and Knowledge at 3 assessments, 5 Jan 2026 to 2 Mar 2026. " +
      "Overall went from 50.0 to 54.5; Knowledge from 25.0 to 50.0.",
  );
  const lines = chart.locator("path.recharts-line-curve");
  await expect(lines).toHaveCount(2);
  const picker = scores.getByLabel("Dimension shown with overall");
  await expect(picker).toHaveValue("knowledge");
  await expect(picker).toHaveAccessibleDescription(/^Knowledge: Sharing what one would not tell a casual friend/);
  // With JavaScript the chart follows the picker at once, and the URL follows too.
  await expect(scores.getByRole("button", { name: "Show" })).toHaveCount(0);
  await picker.selectOption("trust");
  await expect(chart).toHaveAccessibleName(/Trust from 50\.0 to 62\.5\.$/);
  await expect(lines).toHaveCount(2);
  await expect(chart.locator(`path.recharts-line-curve[stroke="${DIMENSION_COLOURS.trust}"]`)).toHaveCount(1);
  await expect(scores).toContainText("Trust: Confidence that the other acts with fairness and honour");
  await expect(page).toHaveURL(/\/history\?dimension=trust$/);
  await page.reload();
  await expect(picker).toHaveValue("trust");
  await expect(lines).toHaveCount(2);

  // Tooltip: date and values with one decimal.
  // Near the right-hand end: the latest assessment (hover scrolls the chart into view first).
  const box = await chart.boundingBox();
  expect(box).not.toBeNull();
  await chart.hover({ position: { x: box!.width - 30, y: box!.height / 2 } });
  const tooltip = chart.locator(".recharts-tooltip-wrapper");
  await expect(tooltip).toContainText("2 Mar 2026");
  await expect(tooltip).toContainText(/Overall\s*54\.5/);
  await expect(tooltip).toContainText(/Trust\s*62\.5/);
  await page.mouse.move(0, 0);

  // Profile, strengths and growth areas with band words.
  const profile = page.getByRole("region", { name: "Latest profile" });
  await expect(profile.getByRole("img", { name: /latest assessment \(2 Mar 2026\) beside the first \(5 Jan 2026\)/ })).toBeVisible();
  const strengths = profile.getByRole("list").filter({ has: page.getByText("Commitment") }).first();
  await expect(strengths.getByRole("listitem")).toHaveText([/Commitment\s*75\.0\s*Strength/, /Responsiveness\s*68\.8\s*Developing/]);
  const growth = profile.getByRole("list").filter({ has: page.getByText("Mutuality") }).first();
  await expect(growth.getByRole("listitem")).toHaveText([/Mutuality\s*25\.0\s*Growth area/, /Knowledge\s*50\.0\s*Developing/]);

  // Reliable change in words, with provisional parameters labelled.
  const change = page.getByRole("region", { name: "Reliable change", exact: true });
  const changeRow = (name: string) => change.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(changeRow("Knowledge")).toContainText(/\+25\.0.*Reliably improved.*0\.0.*No reliable change/);
  await expect(changeRow("Care")).toContainText(/−25\.0.*Reliably deteriorated/);
  await expect(changeRow("Interdependence")).toContainText(/0\.0.*No reliable change.*−25\.0.*Reliably deteriorated/);
  await expect(changeRow("Commitment")).toContainText(/\+25\.0.*Reliably improved.*\+50\.0.*Reliably improved/);
  await expect(changeRow("Responsiveness")).toContainText(/\+18\.8.*No reliable change/);
  // In plain words on screen; the statistics behind "How this is calculated".
  await expect(change).toContainText("A reliable change is a change bigger than measurement noise: about 22.3 points or more on a dimension.");
  const parameters = change.getByText("Provisional parameters: SD 18, r 0.80; a change of about 22.3 points is reliable (|RCI| ≥ 1.96).");
  await expect(parameters).toBeHidden();
  await change.getByText("How this is calculated").click();
  await expect(parameters).toBeVisible();

  // What each dimension means, beside the scores.
  await scores.getByText("What the 7 dimensions mean").click();
  await expect(scores.getByRole("definition").filter({ hasText: "“has my back”" })).toBeVisible();

  await page.screenshot({ path: "test-results/client-scores.png", fullPage: true });
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("a dimension chosen while the page is still loading is the one the chart shows once it has loaded", async ({ page, auth }) => {
  const { owner, ana } = await seedCouple();
  await auth.signInAs(owner);
  // The page's scripts are held back, as on a slow connection, while the clinician picks a dimension.
  const release = await openWithScriptsHeld(page, `/clients/${ana.id}/history`);
  const scores = page.getByRole("region", { name: "Scores over time" });
  const picker = scores.getByLabel("Dimension shown with overall");
  await expect(picker).toHaveValue("knowledge");
  await picker.selectOption("trust");
  release();

  // Loaded (the no-JavaScript button is gone): the choice stands, and the chart and URL follow it.
  await expect(scores.getByRole("button", { name: "Show" })).toHaveCount(0);
  await expect(scores.getByRole("img", { name: /Line chart of the overall closeness score/ })).toHaveAccessibleName(/Trust from 50\.0 to 62\.5\.$/);
  await expect(picker).toHaveValue("trust");
  await expect(page).toHaveURL(/\/history\?dimension=trust$/);
});

test("the couple view shows both partners and flags gaps of 25 or more", async ({ page, auth }) => {
  const { owner, couple: seeded } = await seedCouple();
  await auth.signInAs(owner);
  await page.goto(`/couples/${seeded.id}/history`);

  const couple = page.getByRole("region", { name: "Couple: Ana Alder and Ben Birch" });
  await expect(couple).toContainText("Ana Alder: 3 assessments. Ben Birch: 2 assessments.");
  await expect(couple.getByRole("img", { name: /^Knowledge over time: Ana Alder from 25\.0 to 50\.0; Ben Birch from 50\.0 to 75\.0\.$/ })).toBeVisible();
  await expect(couple.getByRole("img", { name: /over time:/ })).toHaveCount(8);
  await expect(couple.getByTestId("couple-chart-knowledge").locator("path.recharts-line-curve")).toHaveCount(2);

  await expect(couple).toContainText("Latest pair: Ana Alder on 2 Mar 2026 and Ben Birch on 16 Mar 2026 (14 days apart). 3 of 7 dimensions differ by 25 points or more.");
  const gaps = couple.getByRole("table", { name: /Partner gaps per dimension/ });
  await expect(gaps.getByRole("columnheader")).toHaveText(["Dimension", "Ana Alder", "Ben Birch", "Gap"]);
  const gapRow = (name: string) => gaps.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(gapRow("Knowledge").getByRole("cell")).toHaveText(["50.0", "75.0", /^25\.0\s*Large gap$/]);
  await expect(gapRow("Mutuality").getByRole("cell")).toHaveText(["25.0", "0.0", /^25\.0\s*Large gap$/]);
  await expect(gapRow("Responsiveness").getByRole("cell")).toHaveText(["68.8", "50.0", "18.8"]);
  await expect(gaps.getByText("Large gap").filter({ visible: true })).toHaveCount(3);

  await expectNoAxeViolations(page);
});

test("the printable report: name, date range, chart, tables; passes axe; prints without the dashboard; audited", async ({ page, auth }) => {
  const { owner, ana } = await seedCouple();
  await auth.signInAs(owner);
  await page.goto(`/clients/${ana.id}`);
  await page.getByRole("link", { name: "Printable report" }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${ana.id}/report$`));

  await expect(page.getByRole("heading", { level: 1, name: "Ana Alder" })).toBeVisible();
  await expect(page.getByText("3 assessments, 5 Jan 2026 to 2 Mar 2026")).toBeVisible();
  // On paper, one small chart per dimension, each with overall as a reference line.
  const panels = page.getByRole("img", { name: /^Line chart of the overall closeness score and/ });
  await expect(panels).toHaveCount(7);
  await expect(page.getByRole("img", { name: /and Trust at 3 assessments.*Trust from 50\.0 to 62\.5\.$/ })).toBeVisible();
  await expect(panels.first().locator("path.recharts-line-curve")).toHaveCount(2);
  // Fixed size for paper, whatever the window.
  await expect(panels.first().locator("svg.recharts-surface")).toHaveAttribute("viewBox", "0 0 332 130");
  await expect(page.getByRole("table", { name: /Scores at each assessment/ }).getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("heading", { name: "Strengths", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: /Reliable change per dimension/ })).toContainText("Reliably improved");
  await expect(page.getByText("Provisional parameters: SD 18, r 0.80")).toBeVisible();
  const print = page.getByRole("button", { name: "Print or save as PDF" });
  await expect(print).toBeVisible();
  await expectNoAxeViolations(page);

  await page.emulateMedia({ media: "print" });
  await expect(print).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Ana Alder" })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Opening the report is in the audit trail, which the owner sees on the client page.
  await page.goto(`/clients/${ana.id}/audit`);
  await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("Opened the printable report");
});

test("empty and single-assessment states; a partner on another caseload", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const clinician = await createUser(practice.id, "clinician");
  const colleague = await createUser(practice.id, "clinician");
  const empty = await createClient(practice.id, clinician.id, { firstName: "Cleo", lastName: "Empty" });
  const single = await createClient(practice.id, clinician.id, { firstName: "Sam", lastName: "Single" });
  const elsewhere = await createClient(practice.id, colleague.id, { firstName: "Eli", lastName: "Elsewhere" });
  const couple = await linkCouple(practice.id, single.id, elsewhere.id);
  await insertAssessment(practice.id, single.id, at("2026-04-01"), answersForLevels({ care: 5, trust: 1 }));
  await insertAssessment(practice.id, elsewhere.id, at("2026-04-02"), answersForLevels());
  expect(owner.id).toBeTruthy();
  await auth.signInAs(clinician);

  await page.goto(`/clients/${empty.id}/history`);
  const scores = page.getByRole("region", { name: "Scores over time" });
  await expect(scores).toContainText("No Closeness Inventory yet");
  await expect(scores.getByRole("link", { name: "Printable report" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Reliable change", exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto(`/clients/${single.id}/history`);
  await expect(page.getByRole("region", { name: "Scores over time" })).toContainText("One assessment so far, on 1 Apr 2026.");
  await expect(page.getByRole("img", { name: /Line chart/ })).toHaveCount(0);
  // One assessment: its profile in place of a chart over time.
  await expect(page.getByRole("region", { name: "Scores over time" }).getByRole("img", { name: /Bar chart of the seven dimensions at the only assessment/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Reliable change", exact: true })).toContainText("No change yet");
  await expect(page.getByRole("region", { name: "Latest profile" })).toContainText(/Care\s*100\.0\s*Strength/);
  await expect(page.getByRole("region", { name: "Latest profile" })).toContainText(/Trust\s*0\.0\s*Growth area/);
  await expectNoAxeViolations(page);
  // The couple's page shows this clinician's partner only, and nothing that compares the two.
  await page.goto(`/couples/${couple.id}`);
  await expect(page.getByText("Eli Elsewhere is on another clinician's caseload.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Side by side" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Eli Elsewhere" })).toHaveCount(0);
  await page.goto(`/couples/${couple.id}/history`);
  await expect(page.getByText("Eli Elsewhere: 1 assessment")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Another clinician's client's report is simply not found.
  const response = await page.goto(`/clients/${elsewhere.id}/report`);
  expect(response?.status()).toBe(404);
});

test("screenshots at desktop and phone widths, and the report on paper", async ({ page, auth }) => {
  test.slow();
  const { owner, ana, couple } = await seedCouple();
  const empty = await createClient(owner.practiceId, owner.id, { firstName: "Cleo", lastName: "Empty" });
  const single = await createClient(owner.practiceId, owner.id, { firstName: "Sam", lastName: "Single" });
  await insertAssessment(owner.practiceId, single.id, at("2026-04-01"), answersForLevels({ care: 5, trust: 1 }));
  // A year of therapy: 18 assessments three weeks apart, so the axis has to thin its dates.
  const long = await createClient(owner.practiceId, owner.id, { firstName: "Lee", lastName: "Longhistory" });
  for (let i = 0; i < 18; i++) {
    const level = (shift: number) => 1 + Math.min(4, Math.floor(((i + shift) % 18) / 4));
    await insertAssessment(owner.practiceId, long.id, new Date(Date.UTC(2025, 3, 7 + 21 * i, 9)), answersForLevels({ knowledge: level(0), care: level(5), trust: level(9), commitment: 5 - (i % 3) }));
  }
  await auth.signInAs(owner);
  for (const [label, width] of [
    ["desktop", 1280],
    ["phone", 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/clients/${ana.id}/history`);
    await expect(page.getByRole("img", { name: /Line chart/ }).locator("path.recharts-line-curve")).toHaveCount(2);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `test-results/scores-${label}-client.png`, fullPage: true });
    await page.goto(`/couples/${couple.id}/history`);
    await page.getByRole("region", { name: /^Couple/ }).screenshot({ path: `test-results/scores-${label}-couple.png` });
    await page.goto(`/clients/${empty.id}/history`);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `test-results/scores-${label}-empty.png`, fullPage: true });
    await page.goto(`/clients/${single.id}/history`);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `test-results/scores-${label}-single.png`, fullPage: true });
    await page.goto(`/clients/${long.id}/history`);
    await expect(page.getByRole("img", { name: /Line chart/ }).locator("path.recharts-line-curve")).toHaveCount(2);
    await expectNoHorizontalOverflow(page);
    await page.getByRole("region", { name: "Scores over time" }).screenshot({ path: `test-results/scores-${label}-long.png` });
    await page.goto(`/clients/${ana.id}/report`);
    await expect(page.getByRole("img", { name: /Line chart/ }).locator("path.recharts-line-curve")).toHaveCount(14);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `test-results/scores-${label}-report.png`, fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: `test-results/scores-${label}-report-print.png`, fullPage: true });
    await page.emulateMedia({ media: "screen" });
  }
  // On paper: A4's printable width with 12 mm margins is 186 mm ≈ 703 CSS px; everything must fit it.
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.goto(`/clients/${ana.id}/report`);
  await page.emulateMedia({ media: "print" });
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll("article table, article svg.recharts-surface")].map((el) => Math.ceil(el.getBoundingClientRect().right)),
  );
  expect(Math.max(...overflow)).toBeLessThanOrEqual(703);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: "test-results/scores-report-print-a4-width.png", fullPage: true });
  await page.pdf({ path: "test-results/scores-report-a4.pdf", format: "A4" });
  await page.pdf({ path: "test-results/scores-report-letter.pdf", format: "Letter" });
});
