import { strFromU8, unzipSync } from "fflate";
import { readFile } from "node:fs/promises";
import { createClient, createPracticeWithOwner, uid } from "./db";
import { expect, test } from "./fixtures";

test("an owner imports a small client list: preview row by row, confirm, the clients are in the caseload", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const id = uid();
  await createClient(practice.id, owner.id, { firstName: "Kept", lastName: `Already${id}`, email: `kept-${id}@example.test` });
  await auth.signInAs(owner);

  await page.goto("/clients/new");
  await page.getByRole("link", { name: "Import a list (CSV)" }).click();
  await expect(page.getByRole("heading", { name: "Import clients" })).toBeVisible();
  const template = await page.request.get("/clients/import/template.csv");
  expect(await template.text()).toMatch(/^First name,Last name,Email,/);

  const csv =
    "\uFEFFFirst name;Last name;Email;Partner email\r\n" +
    `Ada;Lovelace${id};ada-${id}@example.test;ben-${id}@example.test\r\n` +
    `Ben;Babbage${id};ben-${id}@example.test;\r\n` +
    `Kept;Again;kept-${id}@example.test;\r\n` +
    "Bad;Row;not-an-email;\r\n";
  await page.getByLabel("Client list (CSV)").setInputFiles({ name: "clients.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Preview import" }).click();

  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toBeVisible();
  await expect(page.getByText("4 rows: 2 new clients (1 couple), 1 duplicate and 1 invalid")).toBeVisible();
  await expect(preview.getByRole("row", { name: /^2 Ada Lovelace/ })).toContainText(`Linked as a couple with Ben Babbage${id}`);
  await expect(preview.getByRole("row", { name: /Kept Again/ })).toContainText("Duplicate");
  await expect(preview.getByRole("row", { name: /Bad Row/ })).toContainText("Enter an email address like name@example.com.");

  await page.getByRole("button", { name: "Import 2 clients" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 clients, 1 couple linked." })).toBeVisible();
  await page.getByRole("link", { name: "Open the caseload" }).click();
  // The caseload shows the new couple as one row, named by both partners.
  await expect(page.getByRole("link", { name: `Ben Babbage${id} & Ada Lovelace${id}` })).toBeVisible();
});

test("a file that is not CSV is refused next to the file field, and nothing is imported", async ({ page, auth }) => {
  const { owner } = await createPracticeWithOwner();
  await auth.signInAs(owner);
  await page.goto("/clients/import");
  await page.getByLabel("Client list (CSV)").setInputFiles({ name: "clients.csv", mimeType: "text/csv", buffer: Buffer.from("name,notes\r\nAda,hi\r\n") });
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByText("Unknown columns: “name”, “notes”.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Client list (CSV)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("region", { name: "Import preview" })).toHaveCount(0);
});

test("an owner downloads the practice export: a zip with every table and a FHIR bundle", async ({ page, auth }) => {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id, { lastName: `Exported${uid()}` });
  await auth.signInAs(owner);
  await page.goto("/settings/export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the export (zip)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^attune-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["README.md", "clients.csv", "fhir-bundle.json", "audit_events.csv"]));
  expect(strFromU8(files["clients.csv"]!)).toContain(client.lastName);
  expect(strFromU8(files["fhir-bundle.json"]!)).toContain(client.id);
});
