import { and, eq } from "drizzle-orm";
import type { Bundle, Observation, Patient, QuestionnaireResponse } from "fhir/r4";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import { csi4V1, gad7V1, phq9V1 } from "@/lib/instruments";
import { answersForLevels, createClientFixture, createPracticeFixture, insertAssessmentFixture } from "@/test/fixtures";
import { invariantErrors } from "@/test/fhir-invariants";
import { schemaErrors, structuralErrors } from "@/test/fhir-validate";
import { clientFhirBundle, fhirBase, getCodeSystem, getQuestionnaire } from "./client-bundle";

const resources = <T>(bundle: Bundle, type: string) => (bundle.entry ?? []).map((e) => e.resource!).filter((r) => r.resourceType === type) as T[];

describe("FHIR R4", () => {
  it("serves each instrument version as a Questionnaire that validates against the R4 schema", () => {
    const questionnaire = getQuestionnaire("closeness-1");
    expect(schemaErrors(questionnaire)).toEqual([]);
    // The checker itself: an Observation with an unknown status and an invented element fails.
    expect(schemaErrors({ resourceType: "Observation", status: "done", code: { text: "x" }, score: 3 }).length).toBeGreaterThan(0);
    expect(questionnaire).toMatchObject({ resourceType: "Questionnaire", id: "closeness-1", version: "1", status: "active", url: `${fhirBase()}/Questionnaire/closeness-1` });
    expect(questionnaire.item).toHaveLength(28);
    expect(questionnaire.item![0]).toMatchObject({
      linkId: "k1",
      type: "choice",
      code: [{ system: `${fhirBase()}/CodeSystem/closeness-dimension`, code: "knowledge", display: "Knowledge" }],
    });
    expect(questionnaire.item![0]!.answerOption!.map((o) => o.valueCoding!.code)).toEqual(["1", "2", "3", "4", "5"]);
    for (const id of ["closeness-2", "closeness", "phq9-2", "../closeness-1"]) expect(() => getQuestionnaire(id)).toThrow(NotFoundError);
  });

  it("gives a client's Bundle: Patient, a response per assessment, an Observation per score derived from it; valid and audited", async () => {
    const p = await createPracticeFixture();
    const client = await createClientFixture(p.practiceId, p.clinician.userId, { dateOfBirth: "1988-02-29", preferredName: "Sunny" });
    await insertAssessmentFixture({ practiceId: p.practiceId, clientId: client.id, completedAt: new Date("2026-03-01T09:30:00Z"), answers: answersForLevels() });
    await insertAssessmentFixture({ practiceId: p.practiceId, clientId: client.id, completedAt: new Date("2026-04-01T09:30:00Z"), answers: answersForLevels() });

    const bundle = await clientFhirBundle(p.clinician, client.id);
    expect(schemaErrors(bundle)).toEqual([]);
    // Beyond the schema: the R4 invariants of the Bundle and of every resource in it (FHIRPath).
    expect(invariantErrors(bundle)).toEqual([]);
    for (const entry of bundle.entry!) expect(invariantErrors(entry.resource!), entry.resource!.resourceType).toEqual([]);
    const questionnaire = getQuestionnaire("closeness-1");
    expect(structuralErrors(bundle, { [questionnaire.url!]: questionnaire })).toEqual([]);

    const [patient] = resources<Patient>(bundle, "Patient");
    expect(patient).toMatchObject({ id: client.id, birthDate: "1988-02-29", name: [{ family: client.lastName, given: [client.firstName] }, { use: "usual", given: ["Sunny"] }] });
    expect(JSON.stringify(bundle)).not.toContain(client.email);
    const responses = resources<QuestionnaireResponse>(bundle, "QuestionnaireResponse");
    expect(responses.map((r) => r.authored)).toEqual(["2026-03-01T09:30:00.000Z", "2026-04-01T09:30:00.000Z"]);
    expect(responses[0]).toMatchObject({ status: "completed", subject: { reference: `urn:uuid:${client.id}` } });
    expect(responses[0]!.item).toHaveLength(28);
    const observations = resources<Observation>(bundle, "Observation");
    // Seven dimensions and the overall, for each of the two assessments.
    expect(observations).toHaveLength(16);
    const overall = observations.find((o) => o.code.coding![0]!.code === "overall" && o.derivedFrom![0]!.reference === `urn:uuid:${responses[0]!.id}`);
    expect(overall).toMatchObject({ status: "final", effectiveDateTime: "2026-03-01T09:30:00.000Z", valueQuantity: { code: "{score}" } });

    const db = await getDb();
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "client.export_scores"), eq(auditEvents.subjectId, client.id)));
    expect(audits.map((a) => [a.actorUserId, a.details])).toEqual([[p.clinician.userId, { format: "fhir", assessments: 2 }]]);
  });

  it("is not found for another practice's client, another clinician's, or a malformed id, and writes no export audit", async () => {
    const p = await createPracticeFixture();
    const other = await createPracticeFixture();
    const client = await createClientFixture(p.practiceId, p.clinician.userId);
    await expect(clientFhirBundle(other.owner, client.id)).rejects.toThrow(NotFoundError);
    await expect(clientFhirBundle(p.otherClinician, client.id)).rejects.toThrow(NotFoundError);
    await expect(clientFhirBundle(p.owner, "not-a-uuid")).rejects.toThrow(NotFoundError);
    const db = await getDb();
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, "client.export_scores"), eq(auditEvents.subjectId, client.id)))).toHaveLength(0);
    // The owner of the practice may.
    expect((await clientFhirBundle(p.owner, client.id)).entry).toHaveLength(1);
  });

  it("serves every code system a Questionnaire or Observation names at its canonical URL, and nothing else", () => {
    const named = new Set<string>();
    for (const id of ["closeness-1", "phq9-1", "gad7-1", "csi4-1"]) {
      const questionnaire = getQuestionnaire(id);
      for (const item of questionnaire.item!) {
        for (const coding of [...(item.code ?? []), ...item.answerOption!.map((option) => option.valueCoding!)]) {
          if (coding.system!.startsWith(fhirBase())) named.add(coding.system!);
        }
      }
    }
    named.add(`${fhirBase()}/CodeSystem/instrument-total`);
    for (const url of named) {
      const id = url.slice(`${fhirBase()}/CodeSystem/`.length);
      expect(getCodeSystem(id), id).toMatchObject({ resourceType: "CodeSystem", id, url, status: "active", content: "complete" });
    }
    expect(getCodeSystem("phq9-1-scale").concept!.map((concept) => [concept.code, concept.display])).toEqual([
      ["0", "Not at all"],
      ["1", "Several days"],
      ["2", "More than half the days"],
      ["3", "Nearly every day"],
    ]);
    for (const id of ["phq9-2-scale", "scale", "../closeness-dimension", ""]) expect(() => getCodeSystem(id)).toThrow(NotFoundError);
  });

  it("serves PHQ-9, GAD-7 and CSI-4 as Questionnaires, each item with its own scale, LOINC panels where they exist", () => {
    const phq9 = getQuestionnaire("phq9-1");
    const gad7 = getQuestionnaire("gad7-1");
    const csi4 = getQuestionnaire("csi4-1");
    for (const questionnaire of [phq9, gad7, csi4]) expect(schemaErrors(questionnaire)).toEqual([]);
    expect(phq9).toMatchObject({ id: "phq9-1", url: `${fhirBase()}/Questionnaire/phq9-1`, code: [{ system: "http://loinc.org", code: "44249-1" }] });
    expect(gad7.code).toEqual([expect.objectContaining({ system: "http://loinc.org", code: "69737-5" })]);
    expect(csi4.code).toBeUndefined();
    // Nine scored items and the unscored difficulty question, which may be left blank.
    expect(phq9.item!.map((item) => [item.linkId, item.required])).toEqual([
      ...Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, true]),
      ["phq9_difficulty", false],
    ]);
    expect(phq9.item![0]!.answerOption!.map((o) => o.valueCoding!.display)).toEqual(["Not at all", "Several days", "More than half the days", "Nearly every day"]);
    // CSI-4's first item has seven points, the others six.
    expect(csi4.item!.map((item) => item.answerOption!.length)).toEqual([7, 6, 6, 6]);
  });

  it("puts a PHQ-9 and every other total in the Bundle: its response and an Observation of its total, LOINC-coded where LOINC has a code; valid", async () => {
    const p = await createPracticeFixture();
    const client = await createClientFixture(p.practiceId, p.clinician.userId);
    const db = await getDb();
    await insertAssessmentFixture({ practiceId: p.practiceId, clientId: client.id, completedAt: new Date("2026-03-01T09:30:00Z"), answers: answersForLevels() });
    // PHQ-9: 2+2+2+1+1+1+1+1+0 = 11 → Moderate. GAD-7: 1 × 7 = 7 → Mild. CSI-4: 3+3+3+3 = 12 → Notable dissatisfaction.
    await recordCompletedAssessments(db, [
      { practiceId: p.practiceId, clientId: client.id, instrument: phq9V1, completedAt: new Date("2026-03-01T09:31:00Z"),
        answers: { phq9_1: 2, phq9_2: 2, phq9_3: 2, phq9_4: 1, phq9_5: 1, phq9_6: 1, phq9_7: 1, phq9_8: 1, phq9_9: 0, phq9_difficulty: 1 } },
      { practiceId: p.practiceId, clientId: client.id, instrument: gad7V1, completedAt: new Date("2026-03-01T09:32:00Z"),
        answers: { gad7_1: 1, gad7_2: 1, gad7_3: 1, gad7_4: 1, gad7_5: 1, gad7_6: 1, gad7_7: 1 } },
      { practiceId: p.practiceId, clientId: client.id, instrument: csi4V1, completedAt: new Date("2026-03-01T09:33:00Z"),
        answers: { csi4_1: 3, csi4_2: 3, csi4_3: 3, csi4_4: 3 } },
    ]);

    const bundle = await clientFhirBundle(p.clinician, client.id);
    expect(schemaErrors(bundle)).toEqual([]);
    // Beyond the schema: the R4 invariants of the Bundle and of every resource in it (FHIRPath).
    expect(invariantErrors(bundle)).toEqual([]);
    for (const entry of bundle.entry!) expect(invariantErrors(entry.resource!), entry.resource!.resourceType).toEqual([]);
    const questionnaires = Object.fromEntries(["closeness-1", "phq9-1", "gad7-1", "csi4-1"].map((id) => { const q = getQuestionnaire(id); return [q.url!, q]; }));
    expect(structuralErrors(bundle, questionnaires)).toEqual([]);

    const responses = resources<QuestionnaireResponse>(bundle, "QuestionnaireResponse");
    expect(responses.map((r) => r.questionnaire)).toEqual(["closeness-1", "phq9-1", "gad7-1", "csi4-1"].map((id) => `${fhirBase()}/Questionnaire/${id}|1`));
    const phq9Response = responses[1]!;
    expect(phq9Response.item).toHaveLength(10);
    // The difficulty question's answer is LOINC's "Somewhat difficult", not the frequency scale's "1" (issue 25).
    expect(phq9Response.item![9]).toEqual({
      linkId: "phq9_difficulty",
      answer: [{ valueCoding: { extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: 1 }], system: "http://loinc.org", code: "LA6573-5", display: "Somewhat difficult" } }],
    });
    expect(phq9Response.source).toEqual(phq9Response.subject);

    const observations = resources<Observation>(bundle, "Observation");
    // Eight for the closeness assessment, one total each for the others.
    expect(observations).toHaveLength(8 + 3);
    const totalOf = (response: QuestionnaireResponse) => observations.find((o) => o.derivedFrom![0]!.reference === `urn:uuid:${response.id}`)!;
    expect(totalOf(phq9Response)).toMatchObject({
      status: "final",
      code: { coding: [{ system: "http://loinc.org", code: "44261-6" }, { system: `${fhirBase()}/CodeSystem/instrument-total`, code: "phq9-total" }] },
      effectiveDateTime: "2026-03-01T09:31:00.000Z",
      valueQuantity: { value: 11, code: "{score}" },
      interpretation: [{ text: "Moderate" }],
    });
    expect(totalOf(responses[2]!)).toMatchObject({ code: { coding: [{ code: "70274-6" }, { code: "gad7-total" }] }, valueQuantity: { value: 7 }, interpretation: [{ text: "Mild" }] });
    expect(totalOf(responses[3]!).code.coding).toEqual([{ system: `${fhirBase()}/CodeSystem/instrument-total`, code: "csi4-total", display: "CSI-4 total score" }]);
    expect(totalOf(responses[3]!)).toMatchObject({ valueQuantity: { value: 12 }, interpretation: [{ text: "Notable dissatisfaction" }] });
  });
});
