import type { Page } from "@playwright/test";
import { answersForLevels, createClient, createPracticeWithOwner, insertAssessment, linkCouple, seedUsualCourse } from "./db";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { clock } from "../lib/core/clock";

/*
 * Issue 28 item 4: off the usual course. 100 of the practice's people seen at week 4 changed by
 * −7.1 … +17.9 points (13, 13, 13, 13, 12, 12, 12, 12 of them a step of 25/7 apart), and Lee
 * (100 → 25 in 27 days) and Morgan (50, unchanged) count too: 102 people, sorted −75, 13 × −7.14, …,
 * 12 × +17.86; the 10th percentile (position 10.1) is −7.1, the median (50.5) +3.6, the 90th (90.9)
 * +17.9. Lee is off the usual course; Morgan, judged against the 101 who started in "Developing"
 * (10th −7.1, 90th +17.9), is within it. The couple page
 * flags the couple and names Lee, with each partner's chart in the usual band; Lee's page and the
 * overview flag Lee. With 97 more (99 at week 4) nothing is judged or drawn, and the summary says why.
 */

const DAY = 86_400_000;

async function seedHarts(people: number) {
  const { practice, owner } = await createPracticeWithOwner();
  await seedUsualCourse(practice.id, owner.id, people);
  const lee = await createClient(practice.id, owner.id, { firstName: "Lee", lastName: "Hart" });
  const morgan = await createClient(practice.id, owner.id, { firstName: "Morgan", lastName: "Hart" });
  const couple = await linkCouple(practice.id, lee.id, morgan.id);
  const now = clock.ms();
  await insertAssessment(practice.id, lee.id, new Date(now - 28 * DAY), answersForLevels({}, 5));
  await insertAssessment(practice.id, morgan.id, new Date(now - 28 * DAY), answersForLevels());
  await insertAssessment(practice.id, lee.id, new Date(now - DAY), answersForLevels({}, 2));
  await insertAssessment(practice.id, morgan.id, new Date(now - DAY), answersForLevels());
  return { owner, lee, morgan, couple };
}

const LEE_OFF = "Lee Hart: off the usual course — −75.0 points in overall closeness since their first assessment, at week 4, below the 10th percentile (−7.1) of 102 people of the practice.";

async function shots(page: Page, name: string) {
  const dir = process.env.COURSE_SCREENSHOTS;
  if (!dir) return;
  for (const [label, size] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${dir}/${label}-${name}.png`, fullPage: true });
    const part = page.getByRole("region", { name: /^(Usual course of change|Off the usual course)$/ });
    if (await part.count()) await part.first().screenshot({ path: `${dir}/${label}-${name}-part.png` });
  }
}

/** The browser console's errors (and uncaught page errors) from here on: there must be none. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test("with enough people, the couple page flags the couple, names Lee, and draws each partner in the usual band", async ({ page, auth }) => {
  const errors = consoleErrors(page);
  const { owner, couple, lee } = await seedHarts(100);
  await auth.signInAs(owner);
  await page.goto(`/couples/${couple.id}`);
  const summary = page.getByRole("region", { name: "Before the session" });
  const course = summary.getByRole("region", { name: "Usual course of change" });
  await expect(course).toContainText("The couple is off the usual course: Lee Hart is.");
  await expect(course).toContainText(LEE_OFF);
  await expect(course).toContainText("Morgan Hart: within the usual course — 0.0 points in overall closeness since their first assessment, at week 4; usually −7.1 to +17.9 (10th to 90th percentile of 101 people who started in \"Developing\").");
  await expect(course.getByRole("img", { name: /^Change in overall closeness since the first assessment/ })).toHaveCount(2);
  await expect(course.getByRole("img", { name: /Lee Hart: −75\.0 points at week 3\.9\. Usual range week 4 −7\.1 to \+17\.9/ })).toBeVisible();
  // The charts as tables: week 4's row for Lee.
  await course.getByText("The charts as tables").click();
  const leeTable = course.getByRole("table", { name: "Lee Hart: change since the first assessment beside the usual course, by week" });
  await expect(leeTable.getByRole("row", { name: /Week 4/ })).toContainText(/−75\.0\s*−7\.1\s*\+3\.6\s*\+17\.9\s*102\s*everyone/);
  await course.getByText("How this is calculated").click();
  await expect(course).toContainText("A couple is off the usual course when either partner is");
  // The practice's figures are kept (decision 0042): the summary says when they were computed, and the copy carries it.
  await expect(course.getByRole("listitem").filter({ hasText: /^The practice's figures were computed \d.+\.$/ })).toHaveCount(1);
  // The copy carries it, as shown.
  await summary.getByText("Summary as text").click();
  await expect(summary.locator("pre")).toContainText(`Usual course of change:\n- The couple is off the usual course: Lee Hart is.\n- ${LEE_OFF}`);
  await expectNoAxeViolations(page);
  await shots(page, "couple-course");

  // Lee's own page: the flag and Lee's chart.
  await page.goto(`/clients/${lee.id}`);
  const own = page.getByRole("region", { name: "Usual course of change" });
  await expect(own).toContainText(LEE_OFF);
  await expect(own).not.toContainText("The couple");
  await expect(own.getByRole("img", { name: /^Change in overall closeness since the first assessment/ })).toHaveCount(1);
  await expectNoAxeViolations(page);
  await shots(page, "client-course");

  // The overview names Lee, not Morgan.
  await page.goto("/overview");
  const off = page.getByRole("region", { name: "Off the usual course" });
  await expect(off.getByRole("link", { name: "Lee Hart" })).toBeVisible();
  await expect(off).not.toContainText("Morgan Hart");
  await expect(off).toContainText("week 4: −75.0 points since their first; usually −7.1 to +17.9 (102 people)");
  await shots(page, "overview-course");
  expect(errors).toEqual([]);
});

test("below the threshold nothing is judged or drawn, and the summary says why", async ({ page, auth }) => {
  const { owner, couple, lee } = await seedHarts(97);
  await auth.signInAs(owner);
  await page.goto(`/couples/${couple.id}`);
  const course = page.getByRole("region", { name: "Usual course of change" });
  await expect(course).toContainText(
    "The usual course of change is shown once 100 of the practice's people have a second Closeness assessment around the same week (2, 4, 6, 8, 12, 16 or 24 weeks after their first); the most at any week so far is 99.",
  );
  await expect(page.getByTestId("course-chart")).toHaveCount(0);
  await expect(page.getByText("off the usual course")).toHaveCount(0);
  await shots(page, "couple-course-too-few");
  await page.goto(`/clients/${lee.id}`);
  await expect(page.getByRole("region", { name: "Usual course of change" })).toContainText("the most at any week so far is 99.");
  await expect(page.getByTestId("course-chart")).toHaveCount(0);
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: "Needs attention" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Off the usual course" })).toHaveCount(0);
});
