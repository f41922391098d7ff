// Takes the README's screenshots (docs/screenshots/) of a running app with the demo practice:
// the caseload, a couple's page and a client's page, at desktop (1280×800) and phone (390×844).
// Usage: npx tsx scripts/docs-screenshots.ts [baseUrl] [outDir]   (signs in as the demo owner)
import fs from "node:fs";
import { chromium, type Page } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "docs/screenshots";
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
});

async function shot(page: Page, name: string, fullPage: boolean) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
}

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(process.env.SCREENSHOT_EMAIL ?? "demo@attune.test");
  await page.getByLabel("Password").fill(process.env.SCREENSHOT_PASSWORD ?? "attune-demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/clients/);
  await page.getByRole("heading", { level: 1, name: "Clients" }).waitFor();
  // The caseload's first screen is what a clinician sees; the whole list is long. On a phone the
  // filters fill the first screen, so the picture starts at the list.
  if (label === "phone") await page.getByRole("list", { name: "Clients" }).evaluate((list) => window.scrollTo(0, list.getBoundingClientRect().top + window.scrollY - 16));
  await shot(page, `caseload-${label}`, false);
  // The couple with the largest flagged gap on the first page, and then one of its partners.
  await page.goto(`${base}/clients?kind=couples&sort=gap&dir=desc`);
  await page.locator("main a[href^='/couples/']:not([href='/couples/new']):visible").first().click();
  await page.waitForURL(/\/couples\/[0-9a-f-]{36}$/);
  await shot(page, `couple-${label}`, true);
  await page.locator("main h1 + p a[href^='/clients/']").first().click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  await shot(page, `client-${label}`, true);
  await context.close();
}
await browser.close();
console.log(`Screenshots in ${out}/`);
