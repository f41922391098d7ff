import { chromium } from "@playwright/test";
const [url, selector, out, w, h] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ viewport: { width: Number(w ?? 1440), height: Number(h ?? 900) } });
const page = await context.newPage();
const base = "http://127.0.0.1:3400";
await page.goto(`${base}/sign-in`);
await page.getByLabel("Email").fill("demo@attune.test");
await page.getByLabel("Password").fill("velvet-orchard-compass");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/\/clients/);
await page.goto(`${base}${url}`);
await page.waitForLoadState("networkidle"); await page.waitForTimeout(600);
let i = 0;
for (const el of await page.locator(selector).all()) { await el.scrollIntoViewIfNeeded(); await el.screenshot({ path: out.replace(".png", `-${i++}.png`) }); if (i >= 3) break; }
await browser.close();
