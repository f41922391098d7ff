import { and, eq } from "drizzle-orm";
import type { Bundle, Observation, Patient, QuestionnaireResponse } from "fhir/r4";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { answersForLevels, createClientFixture, createPracticeFixture, insertAssessmentFixture } from "@/test/fixtures";
import { schemaErrors, structuralErrors } from "@/test/fhir-validate";
import { clientFhirBundle, fhirBase, getQuestionnaire } from "./client-bundle";

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
    for (const id of ["closeness-2", "closeness", "phq9-1", "../closeness-1"]) expect(() => getQuestionnaire(id)).toThrow(NotFoundError);
  });

  it("gives a client's Bundle: Patient, a response per assessment, an Observation per score derived from it; valid and audited", async () => {
    const p = await createPracticeFixture();
    const client = await createClientFixture(p.practiceId, p.clinician.userId, { dateOfBirth: "1988-02-29", preferredName: "Sunny" });
    await insertAssessmentFixture({ practiceId: p.practiceId, clientId: client.id, completedAt: new Date("2026-03-01T09:30:00Z"), answers: answersForLevels() });
    await insertAssessmentFixture({ practiceId: p.practiceId, clientId: client.id, completedAt: new Date("2026-04-01T09:30:00Z"), answers: answersForLevels() });

    const bundle = await clientFhirBundle(p.clinician, client.id);
    expect(schemaErrors(bundle)).toEqual([]);
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
});
