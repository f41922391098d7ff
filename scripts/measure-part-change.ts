// Times moving from one part of the questionnaire to the next, as a client would feel it: from the
// click on "Save and continue" to the next part's heading on screen (as the browser driver sees it,
// and with JavaScript also inside the page). For orientation, not a test: timings on a shared
// machine vary, so compare runs made side by side.
// Usage: with the e2e server running (E2E_PORT, E2E_DATABASE_URL as for `tsx scripts/e2e-server.ts`):
//   E2E_DATABASE_URL=… npx tsx scripts/measure-part-change.ts http://127.0.0.1:3207
import { randomBytes } from "node:crypto";
import { chromium, type Browser } from "@playwright/test";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { createClient, createPracticeWithOwner, insertInvitation } from "../e2e/db";

const base = process.argv[2] ?? "http://127.0.0.1:3207";
const SCALE = new Map(closenessV1.scale.map((option) => [option.value, option.label]));
const PARTS = closenessV1.dimensions.map((dimension) => closenessV1.items.filter((item) => item.dimension === dimension.key));

async function newLink(): Promise<string> {
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id);
  return `${base}/a/${await insertInvitation({ practiceId: practice.id, clientId: client.id, createdBy: owner.id })}`;
}

type Profile = { name: string; javaScriptEnabled: boolean; phone: boolean };

type Run = { felt: number[]; inPage: number[] };

async function measure(browser: Browser, profile: Profile): Promise<Run> {
  const [a, b, c] = randomBytes(3);
  const context = await browser.newContext({
    javaScriptEnabled: profile.javaScriptEnabled,
    extraHTTPHeaders: { "x-forwarded-for": `10.${a}.${b}.${c}` },
    ...(profile.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  if (profile.phone) {
    // A mid-range phone on a mobile network: 4× slower CPU, 150 ms round trips, 1.6 Mbit/s down.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 94_000 });
  }
  await page.goto(await newLink());
  await page.getByRole("link", { name: "Start" }).click();
  const run: Run = { felt: [], inPage: [] };
  for (let part = 1; part < PARTS.length; part++) {
    await page.getByRole("heading", { level: 1, name: `Part ${part} of 7` }).waitFor();
    for (const item of PARTS[part - 1]!) await page.getByRole("group", { name: item.text }).getByLabel(SCALE.get(3)!, { exact: true }).check();
    // A person glances over the part before continuing; autosave (if any) settles meanwhile.
    await page.waitForTimeout(1000);
    if (profile.javaScriptEnabled) {
      // In the page: from the click event to the next part's heading in the DOM, free of the driver's own overhead.
      await page.evaluate((next) => {
        const w = window as unknown as { partChange?: Promise<number> };
        w.partChange = new Promise((resolve) => {
          let start = 0;
          document.addEventListener("click", () => (start = performance.now()), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (start && document.querySelector("h1")?.textContent?.includes(`Part ${next} of 7`)) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }, part + 1);
    }
    const started = performance.now();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("heading", { level: 1, name: `Part ${part + 1} of 7` }).waitFor();
    run.felt.push(Math.round(performance.now() - started));
    if (profile.javaScriptEnabled) run.inPage.push(Math.round(await page.evaluate(() => (window as unknown as { partChange: Promise<number> }).partChange)));
  }
  await context.close();
  return run;
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const profiles: Profile[] = [
  { name: "desktop, JavaScript on ", javaScriptEnabled: true, phone: false },
  { name: "desktop, JavaScript off", javaScriptEnabled: false, phone: false },
  { name: "slow phone, JavaScript on ", javaScriptEnabled: true, phone: true },
  { name: "slow phone, JavaScript off", javaScriptEnabled: false, phone: true },
];
const summary = (values: number[]) => `median ${median(values)} ms (min ${Math.min(...values)}, max ${Math.max(...values)})`;
for (const profile of profiles) {
  const runs = [await measure(browser, profile), await measure(browser, profile)];
  const felt = runs.flatMap((run) => run.felt);
  const inPage = runs.flatMap((run) => run.inPage);
  console.log(`${profile.name}: click to next part ${summary(felt)}${inPage.length ? `; in the page ${summary(inPage)}` : ""}`);
}
await browser.close();
process.exit(0);
