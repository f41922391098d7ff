import { createClient, createPracticeWithOwner, createUser, linkCouple } from "./db";
import { expect, test } from "./fixtures";

// The client and couple pages are a layout plus one route per tab (docs/decisions: pages as routes);
// bookmarks of the old `?tab=` addresses keep working.

test("old ?tab= addresses of a client's page redirect to the tab's own route, keeping the rest", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const ana = await createClient(practice.id, owner.id, { firstName: "Ana", lastName: "Redirect" });
  await auth.signInAs(owner);
  const base = `/clients/${ana.id}`;
  const cases: [string, string, string][] = [
    ["?tab=history", "/history", "Scores over time"],
    ["?tab=links", "/links", "Assessment links"],
    ["?tab=plans", "/plan", "Measurement plan"],
    ["?tab=sharing", "/sharing", "Sharing results"],
    ["?tab=details&partnerQuery=zz", "/details?partnerQuery=zz", "Details and partner"],
    ["?tab=audit", "/audit", "Audit trail"],
    ["?tab=summary", "", "Summary"],
  ];
  for (const [old, now, tab] of cases) {
    const response = await page.request.get(`${base}${old}`, { maxRedirects: 0 });
    expect(response.status(), old).toBe(307);
    const location = new URL(response.headers()["location"]!, "http://x");
    expect(location.pathname + location.search, old).toBe(`${base}${now}`);
    await page.goto(`${base}${old}`);
    await expect(page).toHaveURL(new RegExp(`${base}${now.replace("?", "\\?")}$`));
    await expect(page.getByRole("navigation", { name: "Client record" }).getByRole("link", { name: tab })).toHaveAttribute("aria-current", "page");
  }
  await expect(page.getByRole("heading", { level: 1, name: "Ana Redirect" })).toBeVisible();
});

test("old ?tab= addresses of a couple's page redirect, and each tab is its own page", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const mia = await createClient(practice.id, owner.id, { firstName: "Mia", lastName: "Route" });
  const noah = await createClient(practice.id, owner.id, { firstName: "Noah", lastName: "Route" });
  const couple = await linkCouple(practice.id, mia.id, noah.id);
  await auth.signInAs(owner);
  const base = `/couples/${couple.id}`;
  for (const [old, now] of [
    ["?tab=history&dimension=trust", "/history?dimension=trust"],
    ["?tab=plans", "/plan"],
    ["?tab=partners", "/partners"],
    ["?tab=links", "/links"],
  ]) {
    await page.goto(`${base}${old}`);
    await expect(page).toHaveURL(new RegExp(`${base}${now!.replace("?", "\\?")}$`));
  }
  // Moving between tabs by the tab bar: the URL is the route, the tab is marked.
  const tabs = page.getByRole("navigation", { name: "Couple" });
  await tabs.getByRole("link", { name: "Summary" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await expect(tabs.getByRole("link", { name: "Summary" })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "Partners" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/partners$`));
  await expect(page.getByRole("list", { name: "Partners" }).getByRole("link", { name: "Open Mia Route's own record →" })).toBeVisible();
});

test("a clinician has no audit tab, and its address is not found", async ({ page, auth }) => {
  const { practice } = await createPracticeWithOwner();
  const clinician = await createUser(practice.id, "clinician");
  const ana = await createClient(practice.id, clinician.id, { firstName: "Ana", lastName: "Audit" });
  await auth.signInAs(clinician);
  await page.goto(`/clients/${ana.id}`);
  await expect(page.getByRole("navigation", { name: "Client record" }).getByRole("link", { name: "Audit trail" })).toHaveCount(0);
  const response = await page.goto(`/clients/${ana.id}/audit`);
  expect(response?.status()).toBe(404);
});
