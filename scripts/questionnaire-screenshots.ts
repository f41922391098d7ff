// Screenshots of the client's questionnaire and the clinician's send confirmation, for a person to
// look at (docs/screenshots/). Runs against the e2e server with its own throwaway data:
//   E2E_PORT=3207 E2E_DATABASE_URL=postgres://…/attune_shots npx tsx scripts/e2e-server.ts &
//   E2E_DATABASE_URL=postgres://…/attune_shots npx tsx scripts/questionnaire-screenshots.ts http://127.0.0.1:3207 [outDir]
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { chromium, type BrowserContextOptions, type Page } from "@playwright/test";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { csi4V1, gad7V1, itemScale, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { createClient, createUser, e2eDb, insertInvitation, linkCouple } from "../e2e/db";
import * as schema from "../db/schema";

const base = process.argv[2] ?? "http://127.0.0.1:3207";
const out = process.argv[3] ?? "docs/screenshots";
fs.mkdirSync(out, { recursive: true });
const SCALE = new Map(closenessV1.scale.map((option) => [option.value, option.label]));
const PARTS = closenessV1.dimensions.map((dimension) => closenessV1.items.filter((item) => item.dimension === dimension.key));
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const [practice] = await e2eDb().insert(schema.practices).values({ name: "Harbour Couples Therapy", timeZone: "Europe/London" }).returning();
const clinician = await createUser(practice!.id, "owner", "Maya Chen");
const sam = await createClient(practice!.id, clinician.id, { firstName: "Sam", lastName: "Rivera" });
const alex = await createClient(practice!.id, clinician.id, { firstName: "Alex", lastName: "Morgan" });
await linkCouple(practice!.id, sam.id, alex.id);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const ip = () => ({ "x-forwarded-for": `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}` });

async function answerPart(page: Page, part: number, value: (index: number) => number, upTo = 4) {
  for (const [index, item] of PARTS[part - 1]!.slice(0, upTo).entries()) {
    await page.getByRole("group", { name: item.text }).getByLabel(SCALE.get(value(index))!, { exact: true }).check();
  }
}

// The clinician sends the assessment to the couple.
const desk = await browser.newContext({ ...DESKTOP, extraHTTPHeaders: ip() });
const deskPage = await desk.newPage();
await deskPage.goto(`${base}/sign-in`);
await deskPage.getByLabel("Email").fill(clinician.email);
await deskPage.getByLabel("Password").fill(clinician.password);
await deskPage.getByRole("button", { name: "Sign in" }).click();
await deskPage.waitForURL(/\/clients$/);
await deskPage.goto(`${base}/clients/${sam.id}?tab=links`);
const panel = deskPage.getByRole("region", { name: "Send questionnaires" });
await panel.getByRole("button", { name: "Send assessment" }).click();
const status = panel.getByRole("status").first();
await status.waitFor();
const links = await panel.getByRole("textbox", { name: /^Link for/ }).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
await deskPage.evaluate(() => document.getElementById("invitations-heading")?.scrollIntoView({ block: "start" }));
await deskPage.mouse.wheel(0, -16);
await deskPage.waitForTimeout(300);
await deskPage.screenshot({ path: `${out}/send-confirmation-desktop.png` });
await desk.close();

// Sam on a desktop, part 2, part-way through.
const samDesk = await browser.newContext({ ...DESKTOP, extraHTTPHeaders: ip() });
const samPage = await samDesk.newPage();
await samPage.goto(`${links[0]}?step=1`);
await answerPart(samPage, 1, (i) => [4, 5, 4, 3][i]!);
await samPage.getByRole("button", { name: "Save and continue" }).click();
await samPage.getByRole("heading", { name: "Part 2 of 7" }).waitFor();
await answerPart(samPage, 2, (i) => [4, 2][i]!, 2);
await samPage.waitForTimeout(800);
await samPage.evaluate(() => window.scrollTo(0, 0));
await samPage.screenshot({ path: `${out}/questionnaire-desktop.png`, fullPage: true });
await samDesk.close();

// Alex on a phone: part 3 part-way, then the whole questionnaire and the thank-you page.
const alexPhone = await browser.newContext({ ...PHONE, extraHTTPHeaders: ip() });
const alexPage = await alexPhone.newPage();
await alexPage.goto(`${links[1]}?step=1`);
for (let part = 1; part <= 2; part++) {
  await answerPart(alexPage, part, (i) => ((i + part) % 5) + 1);
  await alexPage.getByRole("button", { name: "Save and continue" }).click();
}
await alexPage.getByRole("heading", { name: "Part 3 of 7" }).waitFor();
await answerPart(alexPage, 3, () => 4, 1);
await alexPage.waitForTimeout(800);
await alexPage.evaluate(() => window.scrollTo(0, 0));
await alexPage.screenshot({ path: `${out}/questionnaire-phone.png`, fullPage: true });
for (let part = 3; part <= 7; part++) {
  await answerPart(alexPage, part, (i) => ((i + part) % 5) + 1);
  await alexPage.getByRole("button", { name: part === 7 ? "Send my answers" : "Save and continue" }).click();
}
await alexPage.getByRole("heading", { name: "Thank you" }).waitFor();
await alexPage.screenshot({ path: `${out}/thank-you-phone.png`, fullPage: true });
await alexPhone.close();

// A three-instrument sitting (PHQ-9, GAD-7, CSI-4) on a desktop and on a phone: each part, then the
// thank-you page with the crisis information (item 9 answered above 0).
async function answerAll(page: Page, instrument: AnyInstrument, value: (index: number) => number) {
  for (const [index, item] of instrument.items.entries()) {
    const scale = itemScale(instrument, item);
    const label = scale[Math.min(value(index), scale.length - 1)]!.label;
    await page.getByRole("group", { name: item.text }).getByRole("radio", { name: label, exact: true }).check();
  }
}
for (const [device, options] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  const jo = await createClient(practice!.id, clinician.id, { firstName: "Jo", lastName: `Sitting ${device}` });
  const token = await insertInvitation({
    practiceId: practice!.id,
    clientId: jo.id,
    createdBy: clinician.id,
    instruments: [phq9V1, gad7V1, csi4V1].map(({ key, version }) => ({ key, version })),
  });
  const context = await browser.newContext({ ...options, extraHTTPHeaders: ip() });
  const page = await context.newPage();
  await page.goto(`${base}/a/${token}`);
  await page.screenshot({ path: `${out}/sitting-intro-${device}.png`, fullPage: true });
  await page.getByRole("link", { name: "Start" }).click();
  for (const [index, instrument] of [phq9V1, gad7V1, csi4V1].entries()) {
    await page.getByRole("heading", { name: `Part ${index + 1} of 3` }).waitFor();
    await answerAll(page, instrument, (i) => (i + index) % 3);
    await page.waitForTimeout(600);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${out}/sitting-${instrument.key}-${device}.png`, fullPage: true });
    await page.getByRole("button", { name: index === 2 ? "Send my answers" : "Save and continue" }).click();
  }
  await page.getByRole("heading", { name: "Thank you" }).waitFor();
  await page.screenshot({ path: `${out}/sitting-thank-you-crisis-${device}.png`, fullPage: true });
  await context.close();
}

await browser.close();
console.log(`Screenshots in ${out}/`);
process.exit(0);
