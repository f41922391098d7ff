import { createPracticeWithOwner, createUser, ensureMeasuredPractice } from "./db";
import { expect, expectNoAxeViolations, test } from "./fixtures";

/*
 * Issue 28: Settings › Measures shows the figures estimated from the practice's own answers beside
 * the ones in use, and the owner adopts them (and goes back). A clinician reads, cannot adopt. The
 * reliability endpoint answers the same figures as JSON.
 */

test("the owner sees the practice's own estimates beside the figures in use, adopts them and goes back", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  await ensureMeasuredPractice(practice.id, owner.id);
  await auth.signInAs(owner);

  const api = await page.request.get("/api/instruments/gad7/reliability");
  expect(api.status()).toBe(200);
  const report = (await api.json()) as { n: number; total: { alpha: number; alphaCi: [number, number]; testRetest: { pairs: number } }; inUse: { reliableChange: number; source: string } };
  expect(report.n).toBe(100);
  expect(report.total.testRetest.pairs).toBe(100);
  expect(report.inUse).toMatchObject({ source: "published" });
  const closeness = (await (await page.request.get("/api/instruments/closeness/reliability")).json()) as { n: number; dimensions: { knowledge: { alpha: null; reason: string } } };
  expect(closeness.n).toBe(0);
  expect(closeness.dimensions.knowledge.alpha).toBeNull();
  expect(closeness.dimensions.knowledge.reason).toMatch(/100 people or more/);

  await page.goto("/settings/measures");
  const gad7 = page.getByRole("region", { name: "Generalized Anxiety Disorder scale (GAD-7)" });
  const row = gad7.getByRole("row", { name: /GAD-7 total/ });
  await expect(row).toContainText("100");
  await expect(row).toContainText(report.total.alpha.toFixed(2));
  await expect(row).toContainText(`${report.total.alphaCi[0].toFixed(2)}–${report.total.alphaCi[1].toFixed(2)}`);
  await expect(row).toContainText("Published");
  // The Closeness Inventory has nobody yet: nothing is estimated, and it says why.
  await expect(page.getByText("Estimated from 100 people or more; 0 so far.").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await gad7.getByText("Adopt these estimates").click();
  await gad7.getByRole("button", { name: "Adopt the estimates" }).click();
  await expect(gad7.getByRole("status")).toContainText("Adopted");
  await expect(row).toContainText("This practice's estimate");
  await expect(row).toContainText(/since \d+ \w+ \d{4}/);
  const adopted = (await (await page.request.get("/api/instruments/gad7/reliability")).json()) as { inUse: { source: string; since: string } };
  expect(adopted.inUse.source).toBe("estimated");
  expect(adopted.inUse.since).not.toBeNull();

  await gad7.getByRole("button", { name: "Go back to the instrument's own figures" }).click();
  await expect(row).toContainText("Published");
});

test("a clinician reads the figures but cannot adopt them", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  await ensureMeasuredPractice(practice.id, owner.id);
  const clinician = await createUser(practice.id, "clinician");
  await auth.signInAs(clinician);
  await page.goto("/settings/measures");
  await expect(page.getByRole("row", { name: /GAD-7 total/ })).toContainText("100");
  await expect(page.getByText("Adopt these estimates")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Contribute/ })).toHaveCount(0);
});
