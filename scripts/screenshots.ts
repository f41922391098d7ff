// Takes desktop and phone screenshots of the main pages of a running app, for a person to look at.
// Usage: npx tsx scripts/screenshots.ts [baseUrl] [path ...]   (signs in as the demo owner)
import fs from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const paths = process.argv.slice(3).length ? process.argv.slice(3) : ["/sign-in", "/sign-up", "/clients", "/clients/new", "/overview", "/settings", "/settings/team"];
const email = process.env.SCREENSHOT_EMAIL ?? "demo@attune.test";
const password = process.env.SCREENSHOT_PASSWORD ?? "velvet-orchard-compass";
const out = "screenshots";
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
});
for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  for (const path of paths.filter((p) => p.startsWith("/sign"))) {
    await page.goto(base + path);
    await page.screenshot({ path: `${out}/${label}${path.replaceAll("/", "_")}.png`, fullPage: true });
  }
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/clients/);
  for (const path of paths.filter((p) => !p.startsWith("/sign"))) {
    if (path === "@first-client") {
      // The first client of the caseload, whatever its id.
      await page.goto(`${base}/clients`);
      // The caseload streams in after the page's shell (its loading boundary).
      const first = await page.waitForFunction(() =>
        [...document.querySelectorAll("main a[href^='/clients/']")]
          .map((link) => link.getAttribute("href") ?? "")
          .find((href) => /^\/clients\/[0-9a-f-]{36}$/.test(href)),
      );
      await page.goto(base + (await first.jsonValue()));
    } else {
      await page.goto(base + path);
    }
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${out}/${label}${path.replaceAll(/[/?=&@]/g, "_")}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
console.log(`Screenshots in ${out}/`);
