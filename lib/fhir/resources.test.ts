import type { Observation, QuestionnaireResponse } from "fhir/r4";
import { describe, expect, it } from "vitest";
import { closenessV1 } from "@/lib/instruments";
import { answersForLevels } from "@/test/answers-for-levels";
import { assessmentEntries, nameBasedUuid } from "./resources";

const BASE = "https://attune.example/api/fhir";

describe("FHIR resources", () => {
  it("gives a score's Observation the same UUID every time, and a different one per score", () => {
    const id = nameBasedUuid("a/knowledge");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameBasedUuid("a/knowledge")).toBe(id);
    expect(nameBasedUuid("a/care")).not.toBe(id);
  });

  it("answers each item with the coding of the value chosen, and rounds scores to two decimals", () => {
    const [response, ...observations] = assessmentEntries(
      BASE,
      {
        id: "7f0c6f7e-0000-4000-8000-000000000001",
        clientId: "7f0c6f7e-0000-4000-8000-000000000002",
        instrumentKey: "closeness",
        instrumentVersion: 1,
        answers: answersForLevels(),
        overall: 50,
        completedAt: new Date("2026-03-01T09:30:00Z"),
        scores: [{ dimension: "trust", score: 31.254 }],
      },
      closenessV1,
    );
    expect(response!.resource).toMatchObject({ questionnaire: `${BASE}/Questionnaire/closeness-1|1` });
    const item = (response!.resource as QuestionnaireResponse).item![0]!;
    expect(item).toEqual({ linkId: "k1", answer: [
        {
          valueCoding: {
            extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: 3 }],
            system: `${BASE}/CodeSystem/closeness-1-scale`,
            code: "3",
            display: "Neither agree nor disagree",
          },
        },
      ],
    });
    expect(observations.map((o) => (o.resource as Observation).valueQuantity!.value)).toEqual([31.25, 50]);
  });
});
