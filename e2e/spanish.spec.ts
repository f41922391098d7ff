import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { BrowserContextOptions, Page } from "@playwright/test";
import * as schema from "../db/schema";
import { generateToken, hashToken } from "@/lib/core/tokens";
import { messagesFor } from "@/lib/i18n/catalogues";
import { closenessV1, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { instrumentIn } from "@/lib/instruments/translations";
import {
  createClient,
  createPracticeWithOwner,
  e2eDb,
  insertAssessment,
  insertInvitation,
  insertResultLink,
  latestEmailTo,
  linkInLatestEmail,
  shareResults,
} from "./db";
import { expect, test } from "./fixtures";

/*
 * Issue 29: a client whose language is Spanish reads everything in Spanish — the invitation email,
 * the questionnaire, the thank-you page with the crisis box, the stop-reminders and results pages —
 * with `<html lang="es">`, with JavaScript and without; the clinician's side stays English and says
 * which language the answers were given in.
 */

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SITTING = [
  { key: "closeness", version: 1 },
  { key: "phq9", version: 1 },
];
const CLOSENESS_ES = instrumentIn(closenessV1, "es").instrument;
const PHQ9_ES = instrumentIn(phq9V1, "es").instrument;

/** Each context from its own address, so one test's per-IP limits never touch another's. */
function contextOptions(extra: BrowserContextOptions = {}): BrowserContextOptions {
  const [a, b, c] = randomBytes(3);
  return { baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": `10.${a}.${b}.${c}` }, ...extra };
}

/** The English catalogue's words (the literal runs of each message, long enough to be unmistakable). */
function englishCatalogueWords(messages: unknown): string[] {
  return Object.values(messages as Record<string, unknown>).flatMap((value) => {
    if (typeof value !== "string") return englishCatalogueWords(value);
    return value
      .split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)
      .map((run) => run.trim())
      .filter((run) => run.length >= 12 && !/[{}]/.test(run));
  });
}

/** Everything English a Spanish page must not show: the catalogue's words and the instruments' English texts. */
const ENGLISH: string[] = [
  ...englishCatalogueWords(messagesFor("en")).filter((words) => !["English"].includes(words)),
  ...[closenessV1, phq9V1].flatMap((def: AnyInstrument) => [
    def.instructions,
    ...def.items.map((item) => item.text),
    ...def.scale.map((option) => option.label).filter((label) => label.length >= 8),
  ]),
];

async function expectAllSpanish(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  const text = await page.locator("body").innerText();
  expect(ENGLISH.filter((words) => text.includes(words))).toEqual([]);
  const title = await page.title();
  expect(ENGLISH.filter((words) => title.includes(words)), `title “${title}”`).toEqual([]);
}

async function answerSpanish(page: Page, def: AnyInstrument, ids: readonly string[], label: string) {
  for (const item of def.items.filter((candidate) => ids.includes(candidate.id))) {
    await page.getByRole("group", { name: item.text }).getByLabel(label, { exact: true }).check();
  }
}

test("a Spanish-speaking client gets the invitation in Spanish and answers Closeness + PHQ-9 on a phone without JavaScript, all in Spanish", async ({ page, auth, browser }) => {
  test.slow();
  const { practice, owner } = await createPracticeWithOwner();
  const client = await createClient(practice.id, owner.id, { firstName: "Lucía", lastName: `Ramos${Date.now()}`, language: "es" });

  // The clinician (in English) sends Closeness + PHQ-9; the form says what exists in Spanish.
  await auth.signIn(owner.email, owner.password);
  await expect(page).toHaveURL(/\/clients$/);
  await page.goto(`/clients/${client.id}/links`);
  const panel = page.getByRole("region", { name: "Send questionnaires" });
  await expect(panel.getByText(/In Spanish: our translation, not yet validated\./)).toBeVisible();
  await expect(panel.getByText(/In Spanish: published translation\./)).toBeVisible();
  await expect(panel.getByText(/Not available in Spanish: sent in English\./)).toHaveCount(2);
  await panel.getByLabel("Patient Health Questionnaire (PHQ-9)").check();
  await panel.getByRole("button", { name: "Send assessment" }).click();
  await expect(panel.getByRole("list", { name: "Invitations" }).getByText("Pending", { exact: true })).toHaveCount(1);

  // The invitation email, in Spanish.
  const email = await latestEmailTo(client.email);
  expect(email.subject).toBe(`${practice.name}: un cuestionario breve de ${owner.name}`);
  expect(email.text).toContain("Hola, Lucía:");
  expect(email.text).toContain(`${owner.name}, de ${practice.name}, le pide que llene un cuestionario breve.`);
  expect(email.text).toMatch(/Abrir el cuestionario:\n/);
  expect(email.text).toMatch(/El enlace es solo para usted y vence el [a-zéá]+, \d{1,2} de [a-z]+ de \d{4}\. Por favor, no lo reenvíe\./);
  expect(ENGLISH.filter((words) => email.text.includes(words) || email.subject.includes(words))).toEqual([]);
  const path = await linkInLatestEmail(client.email, "/a/");

  // On a phone, without JavaScript.
  const phone = await browser.newContext(contextOptions({ ...PHONE, javaScriptEnabled: false }));
  const client$ = await phone.newPage();
  await client$.goto(path);
  await expect(client$.getByRole("heading", { level: 1, name: "Unos cuestionarios breves" })).toBeVisible();
  await expectAllSpanish(client$);
  await client$.getByRole("link", { name: "Empezar" }).click();
  for (const [index, dimension] of closenessV1.dimensions.entries()) {
    await expect(client$.getByRole("heading", { level: 1, name: `Parte ${index + 1} de 8` })).toBeVisible();
    if (index === 0) await expectAllSpanish(client$);
    const ids = closenessV1.items.filter((item) => item.dimension === dimension.key).map((item) => item.id);
    await answerSpanish(client$, CLOSENESS_ES, ids, "De acuerdo");
    await client$.getByRole("button", { name: "Guardar y continuar" }).click();
  }
  await expect(client$.getByRole("heading", { level: 1, name: "Parte 8 de 8" })).toBeVisible();
  // PHQ-9 item 1 as published; the published attribution under the items.
  await expect(client$.getByRole("group", { name: "Poco interés o placer en hacer cosas" })).toBeVisible();
  await expect(client$.getByText(/mediante una subvención educativa otorgada por Pfizer Inc\./)).toBeVisible();
  await expectAllSpanish(client$);
  // "Varios días" on every item, item 9 included: a critical answer, so the crisis box follows.
  await answerSpanish(client$, PHQ9_ES, PHQ9_ES.items.filter((item) => item.id !== "phq9_difficulty").map((item) => item.id), "Varios días");
  await client$.getByRole("button", { name: "Enviar mis respuestas" }).click();

  await expect(client$.getByRole("heading", { level: 1, name: "Gracias por sus respuestas" })).toBeVisible();
  await expect(client$.getByRole("heading", { level: 2, name: "Si necesita ayuda ahora" })).toBeVisible();
  await expectAllSpanish(client$);
  await phone.close();

  // The stored answers say their language; the clinician's side, in English, notes it.
  const stored = await e2eDb().select().from(schema.assessments).where(eq(schema.assessments.clientId, client.id));
  expect(stored.map((row) => [row.instrumentKey, row.language]).sort()).toEqual([
    ["closeness", "es"],
    ["phq9", "es"],
  ]);
  await page.goto(`/clients/${client.id}/history`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const languages = page.getByRole("region", { name: "Answered in another language" });
  await expect(languages.getByText("translation not yet validated")).toHaveCount(1);
  await expect(languages.getByText("published translation")).toHaveCount(1);
  await expect(languages.getByText("Spanish (Español)")).toHaveCount(2);
  await page.goto(`/clients/${client.id}/details`);
  await expect(page.getByText("Spanish (Español)")).toBeVisible();
});

for (const javaScriptEnabled of [true, false]) {
  test(`every client-facing page reads in Spanish for a Spanish client, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async ({ browser }) => {
    test.slow();
    const { practice, owner } = await createPracticeWithOwner();
    const client = await createClient(practice.id, owner.id, { firstName: "Inés", language: "es" });
    const open = await insertInvitation({ practiceId: practice.id, clientId: client.id, createdBy: owner.id, instruments: SITTING });
    const used = await insertInvitation({ practiceId: practice.id, clientId: client.id, createdBy: owner.id, instruments: SITTING, completedAt: new Date() });
    // Results shared with her, from one earlier questionnaire; another Spanish client's are not shared.
    await insertAssessment(practice.id, client.id, new Date(Date.now() - 7 * 24 * 60 * 60 * 1000), Object.fromEntries(closenessV1.items.map((item) => [item.id, 4])));
    await shareResults(practice.id, client.id);
    const results = await insertResultLink({ practiceId: practice.id, clientId: client.id, createdBy: owner.id });
    const other = await createClient(practice.id, owner.id, { language: "es" });
    const paused = await insertResultLink({ practiceId: practice.id, clientId: other.id, createdBy: owner.id });
    // A plan's reminder, as the plans' run writes it (only the stop token's hash is kept).
    const db = e2eDb();
    const [plan] = await db
      .insert(schema.plans)
      .values({ practiceId: practice.id, createdBy: owner.id, instruments: SITTING, cadence: "weekly", startDate: "2030-01-07", endKind: "open", expiryDays: 4, reminderDays: [2] })
      .returning();
    await db.insert(schema.planMembers).values({ planId: plan!.id, clientId: client.id, practiceId: practice.id });
    const [invitation] = await db.select().from(schema.invitations).where(eq(schema.invitations.tokenHash, hashToken(open)));
    const stop = generateToken();
    await db.insert(schema.planReminders).values({ practiceId: practice.id, planId: plan!.id, invitationId: invitation!.id, clientId: client.id, reminderNumber: 1, stopTokenHash: stop.tokenHash });

    const context = await browser.newContext(contextOptions({ javaScriptEnabled }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const pages: [string, string][] = [
      [`/a/${open}`, "Unos cuestionarios breves"],
      [`/a/${open}?step=1`, "Parte 1 de 8"],
      [`/a/${open}?step=8`, "Parte 8 de 8"],
      [`/a/${open}?step=review`, "37 preguntas todavía necesitan una respuesta"],
      [`/a/${used}`, "Este cuestionario ya se completó"],
      [`/a/${used}/done`, "Gracias"],
      [`/r/${stop.token}`, "Recordatorios detenidos"],
      [`/results/${results}`, "Sus resultados"],
      [`/results/${paused}`, "Sus resultados no se muestran aquí por ahora"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading, exact: true }), path).toBeVisible();
      await expectAllSpanish(page);
    }
    // The results themselves: the profile, its bands and the sharing form, in Spanish, numbers in Spanish too.
    await page.goto(`/results/${results}`);
    await expect(page.getByRole("heading", { level: 2, name: "Su perfil de cercanía" })).toBeVisible();
    await expect(page.getByText("62,5 de 100").first()).toBeVisible();
    await expectAllSpanish(page);
    if (javaScriptEnabled) {
      // Parts switch in the browser; the save line speaks Spanish too.
      await page.goto(`/a/${open}?step=1`);
      const first = closenessV1.items.filter((item) => item.dimension === "knowledge").map((item) => item.id);
      await answerSpanish(page, CLOSENESS_ES, first, "Muy de acuerdo");
      await expect(page.getByText("Respuestas guardadas")).toBeVisible();
      await page.getByRole("button", { name: "Guardar y continuar" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Parte 2 de 8" })).toBeVisible();
      await expect(page.getByText("4 de 37 respondidas", { exact: true })).toBeVisible();
      await expectAllSpanish(page);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
}
