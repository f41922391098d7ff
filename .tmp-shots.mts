import fs from "node:fs";
import { chromium, type Page } from "@playwright/test";
const base = "http://127.0.0.1:3400";
const out = process.argv[2] ?? "/tmp/parts-shots";
const only = process.argv[3];
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const [label, viewport] of [["desktop", { width: 1440, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill("demo@attune.test");
  await page.getByLabel("Password").fill("velvet-orchard-compass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/clients/);
  const shot = async (name: string, full = true) => { if (only && !name.startsWith(only)) return; await page.waitForLoadState("networkidle"); await page.waitForTimeout(500); await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: full }); };
  const pages = (process.env.PAGES ?? "caseload,couple,client,overview").split(",");
  if (pages.includes("caseload")) { await page.goto(`${base}/clients?kind=couples&sort=gap&dir=desc`); await shot("caseload", false); }
  if (pages.includes("couple")) {
    await page.goto(`${base}/clients?kind=couples&sort=gap&dir=desc`);
    const href = await page.locator("main a[href^='/couples/']:not([href='/couples/new'])").first().getAttribute("href");
    await page.goto(`${base}${href}`); await shot("couple");
    fs.writeFileSync(`${out}/couple-href.txt`, href!);
  }
  if (pages.includes("client")) {
    const href = process.env.CLIENT_HREF ?? (await (async () => { await page.goto(`${base}/clients?kind=individuals&sort=lastAssessment&dir=desc`); return page.locator("main a[href^='/clients/']").filter({ hasNotText: /new|import/i }).first().getAttribute("href"); })());
    await page.goto(`${base}${href}${process.env.CLIENT_SUFFIX ?? ""}`); await shot("client");
  }
  if (pages.includes("overview")) { await page.goto(`${base}/overview`); await shot("overview"); }
  for (const extra of (process.env.EXTRA ?? "").split(",").filter(Boolean)) { await page.goto(`${base}${extra}`); await shot(extra.replace(/[^a-z0-9]+/gi, "_")); }
  await context.close();
}
await browser.close();
