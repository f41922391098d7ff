import { recordCompletedAssessments } from "@/lib/assessments/record";
import { csi4V1, gad7V1, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { answersForLevels, createClient, createPracticeWithOwner, e2eDb, insertAssessment, linkCouple } from "./db";
import { expect, expectNoAxeViolations, test } from "./fixtures";

const CLOSENESS_HEADER = "completed_at,instrument,version,knowledge,interdependence,care,trust,responsiveness,mutuality,commitment,overall";
const PHQ9_HEADER = "completed_at,instrument,version,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9,phq9_difficulty,total,band";

const answers = (prefix: string, values: number[]) => Object.fromEntries(values.map((value, index) => [`${prefix}_${index + 1}`, value]));

async function record(practiceId: string, clientId: string, instrument: AnyInstrument, values: number[], completedAt: Date, extra: Record<string, number> = {}) {
  await recordCompletedAssessments(e2eDb(), [{ practiceId, clientId, instrument, answers: { ...answers(instrument.key, values), ...extra }, completedAt }]);
}

/**
 * Ana: PHQ-9 18 (Moderately severe) on 10 Jan, then 2+2+2+1+1+1+1+1+0 = 11 (Moderate) on 10 Feb:
 * −7, at least the reliable change of 6 and lower is better, so a reliable improvement. GAD-7
 * 1 × 7 = 7 (Mild). CSI-4 2 × 4 = 8 (Notable dissatisfaction). Ben, her partner: CSI-4 5+4+4+4 = 17.
 */
async function seed() {
  const { practice, owner } = await createPracticeWithOwner();
  const ana = await createClient(practice.id, owner.id, { firstName: "Ana", lastName: "Alder" });
  const ben = await createClient(practice.id, owner.id, { firstName: "Ben", lastName: "Birch" });
  const couple = await linkCouple(practice.id, ana.id, ben.id);
  await insertAssessment(practice.id, ana.id, new Date("2026-01-10T09:00:00Z"), answersForLevels());
  await record(practice.id, ana.id, phq9V1, [2, 2, 2, 2, 2, 2, 2, 2, 2], new Date("2026-01-10T09:01:00Z"));
  await record(practice.id, ana.id, phq9V1, [2, 2, 2, 1, 1, 1, 1, 1, 0], new Date("2026-02-10T09:01:00.250Z"), { phq9_difficulty: 1 });
  await record(practice.id, ana.id, gad7V1, [1, 1, 1, 1, 1, 1, 1], new Date("2026-02-10T09:02:00Z"));
  await record(practice.id, ana.id, csi4V1, [2, 2, 2, 2], new Date("2026-02-10T09:03:00Z"));
  await record(practice.id, ben.id, csi4V1, [5, 4, 4, 4], new Date("2026-02-11T09:03:00Z"));
  return { owner, ana, ben, couple: couple.id };
}


test("the client page, the couple page and the overview show every instrument's totals in words and colour", async ({ page, auth }) => {
  const { owner, ana, couple } = await seed();
  await auth.signInAs(owner);

  await page.goto(`/clients/${ana.id}`);
  const measures = page.getByRole("region", { name: "Other measures" });
  const phq9 = measures.getByRole("article", { name: "PHQ-9" });
  await expect(phq9).toContainText("11 of 27");
  await expect(phq9).toContainText("Moderate");
  await expect(phq9).toContainText("Higher is worse");
  await expect(phq9).toContainText("In the clinical range (10 or more).");
  await expect(phq9).toContainText("\u22127 points: reliable improvement");
  // The chart's values, newest first, and the cut-off named beside the chart.
  await expect(phq9.getByRole("region", { name: /PHQ-9 totals/ }).getByRole("row")).toHaveCount(3);
  await expect(phq9).toContainText("Clinical cut-off (10)");
  await phq9.getByText("How this is read").click();
  await expect(phq9).toContainText("Kroenke");
  const csi4 = measures.getByRole("article", { name: "CSI-4" });
  await expect(csi4).toContainText("8 of 21");
  await expect(csi4).toContainText("Higher is better");
  await csi4.getByText("How this is read").click();
  await expect(csi4).toContainText("Provisional: not from a publication");
  await expect(measures.getByRole("article")).toHaveCount(3);
  await expectNoAxeViolations(page);

  await page.goto(`/couples/${couple}`);
  const side = page.getByRole("region", { name: "Other measures, side by side" }).getByRole("article", { name: "CSI-4" });
  await expect(side).toContainText("Ana Alder");
  await expect(side).toContainText("8 of 21");
  await expect(side).toContainText("Ben Birch");
  await expect(side).toContainText("17 of 21");
  await expectNoAxeViolations(page);

  await page.goto("/overview");
  const bands = page.getByRole("region", { name: "Latest totals by band" });
  await expect(bands).toContainText("1 of 1 client in the clinical range (10 or more).");
  // CSI-4: Ana 8 (below 13.5), Ben 17.
  await expect(bands).toContainText("1 of 2 clients in the clinical range (below 13.5).");
  await expectNoAxeViolations(page);
});

test("the scores CSV: the closeness contract without the parameter, an instrument's columns with it, 400 for an unknown key", async ({ page, auth, request }) => {
  const { owner, ana } = await seed();
  const stranger = await createPracticeWithOwner();
  const foreign = await createClient(stranger.practice.id, stranger.owner.id);

  expect((await request.get(`/api/clients/${ana.id}/scores.csv?instrument=bdi`, { maxRedirects: 0 })).status()).toBe(401);
  await auth.signInAs(owner);

  const closeness = await page.request.get(`/api/clients/${ana.id}/scores.csv`);
  expect(closeness.status()).toBe(200);
  expect(await closeness.text()).toBe(`${CLOSENESS_HEADER}\r\n2026-01-10T09:00:00.000Z,closeness,1,50.0,50.0,50.0,50.0,50.0,50.0,50.0,50.0\r\n`);
  const same = await page.request.get(`/api/clients/${ana.id}/scores.csv?instrument=closeness`);
  expect(await same.text()).toBe(await closeness.text());

  const phq9 = await page.request.get(`/api/clients/${ana.id}/scores.csv?instrument=phq9`);
  expect(phq9.status()).toBe(200);
  expect(phq9.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(phq9.headers()["content-disposition"]).toMatch(/^attachment; filename="client-scores-phq9-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(await phq9.text()).toBe(
    `${PHQ9_HEADER}\r\n` +
      "2026-01-10T09:01:00.000Z,phq9,1,2,2,2,2,2,2,2,2,2,,18,Moderately severe\r\n" +
      "2026-02-10T09:01:00.250Z,phq9,1,2,2,2,1,1,1,1,1,0,1,11,Moderate\r\n",
  );

  const unknown = await page.request.get(`/api/clients/${ana.id}/scores.csv?instrument=bdi`);
  expect(unknown.status()).toBe(400);
  expect(await unknown.json()).toEqual({ error: 'There is no instrument "bdi". Use one of: closeness, phq9, gad7, csi4.' });
  expect((await page.request.get(`/api/clients/${foreign.id}/scores.csv?instrument=phq9`)).status()).toBe(404);

  // FHIR: the PHQ-9 Questionnaire, and the client's Bundle with an Observation of each total, LOINC-coded.
  const questionnaire = await page.request.get("/api/fhir/Questionnaire/phq9-1");
  expect(questionnaire.status()).toBe(200);
  expect(await questionnaire.json()).toMatchObject({ resourceType: "Questionnaire", id: "phq9-1", code: [{ system: "http://loinc.org", code: "44249-1" }] });
  // Its answers' code systems are served at their URLs: the difficulty question has its own (issue 25).
  const difficulty = await page.request.get("/api/fhir/CodeSystem/phq9-1-phq9-difficulty-scale");
  expect(difficulty.status()).toBe(200);
  expect(((await difficulty.json()) as { concept: { code: string; display: string }[] }).concept[0]).toMatchObject({ code: "0", display: "Not difficult at all" });
  const bundle = (await (await page.request.get(`/api/clients/${ana.id}/fhir`)).json()) as { entry: { resource: { resourceType: string; code?: { coding: { code: string }[] }; valueQuantity?: { value: number } } }[] };
  const totals = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === "Observation" && r.code!.coding.some((c) => c.code === "44261-6"));
  expect(totals.map((r) => r.valueQuantity!.value)).toEqual([18, 11]);
});
