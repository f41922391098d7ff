import type { CodeSystem, Coding, Questionnaire, QuestionnaireResponse, Resource } from "fhir/r4";
import { describe, expect, it } from "vitest";
import { closenessV1, csi4V1, gad7V1, INSTRUMENTS, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { answersForLevels } from "@/test/answers-for-levels";
import { invariantErrors, invariantFailures } from "@/test/fhir-invariants";
import { schemaErrors } from "@/test/fhir-validate";
import { allCodeSystems } from "./code-systems";
import { assessmentEntries, patientEntry, questionnaireResource } from "./resources";

/*
 * Issue 25: FHIR that other systems understand. Every resource this build writes passes the R4
 * invariants (FHIRPath, beyond the JSON schema), and every coding in it is a code of its code
 * system — the project's own (served) or LOINC's, checked against LOINC's own answer lists.
 */

const BASE = "https://attune.example/api/fhir";
const LOINC = "http://loinc.org";
const ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

// Looked up on loinc.org, written here apart from lib/fhir/loinc.ts so a typo there fails: the
// answer lists LL358-3 and LL359-1, the item terms, panels and totals.
const LOINC_ANSWERS: Record<string, string> = {
  "LA6568-5": "Not at all",
  "LA6569-3": "Several days",
  "LA6570-1": "More than half the days",
  "LA6571-9": "Nearly every day",
  "LA6572-7": "Not difficult at all",
  "LA6573-5": "Somewhat difficult",
  "LA6575-0": "Very difficult",
  "LA6574-3": "Extremely difficult",
};
const LOINC_TERMS = new Set([
  ...["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8", "69722-7"],
  ...["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"],
  ...["44249-1", "69737-5", "44261-6", "70274-6"],
]);
const OTHER_SYSTEMS: Record<string, Record<string, string>> = {
  "http://terminology.hl7.org/CodeSystem/observation-category": { survey: "Survey" },
};

const codeSystems = new Map(allCodeSystems(BASE).map((system) => [system.url!, system]));

/** Every Coding in a resource (codings of concepts, valueCoding, answer options), with where it is. */
function codingsIn(value: unknown, path = ""): { path: string; coding: Coding }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => codingsIn(item, `${path}[${index}]`));
  if (!value || typeof value !== "object") return [];
  const node = value as Record<string, unknown>;
  const own = [
    ...(Array.isArray(node.coding) ? (node.coding as Coding[]).map((coding, index) => ({ path: `${path}.coding[${index}]`, coding })) : []),
    ...(node.valueCoding ? [{ path: `${path}.valueCoding`, coding: node.valueCoding as Coding }] : []),
  ];
  // Questionnaire.item.code and Questionnaire.code are Codings directly.
  const direct = ["code"].flatMap((key) =>
    Array.isArray(node[key]) ? (node[key] as Coding[]).filter((c) => typeof c === "object" && "system" in c).map((coding, index) => ({ path: `${path}.${key}[${index}]`, coding })) : [],
  );
  return [...own, ...direct, ...Object.entries(node).flatMap(([key, child]) => (key === "concept" ? [] : codingsIn(child, `${path}.${key}`)))];
}

/** What is wrong with each coding: an unknown system, a code not in it, or a display that is not its. */
function codingErrors(resource: Resource): string[] {
  return codingsIn(resource).flatMap(({ path, coding }) => {
    const where = `${resource.resourceType}${path} ${coding.system}#${coding.code}`;
    if (coding.system === LOINC) {
      if (coding.code!.startsWith("LA")) return LOINC_ANSWERS[coding.code!] === coding.display ? [] : [`${where}: not LOINC's answer "${coding.display}"`];
      return LOINC_TERMS.has(coding.code!) ? [] : [`${where}: not a LOINC term we verified`];
    }
    const other = OTHER_SYSTEMS[coding.system!];
    if (other) return other[coding.code!] === coding.display ? [] : [`${where}: not in the code system`];
    const system = codeSystems.get(coding.system!);
    if (!system) return [`${where}: no such code system`];
    const concept = system.concept!.find((candidate) => candidate.code === coding.code);
    if (!concept) return [`${where}: no such code`];
    return coding.display === undefined || coding.display === concept.display ? [] : [`${where}: display "${coding.display}" is not "${concept.display}"`];
  });
}

/** A complete response of each instrument: every item at its scale's second value. */
function sampleAnswers(instrument: AnyInstrument): Record<string, number> {
  if (instrument.key === "closeness") return answersForLevels();
  return Object.fromEntries(instrument.items.map((item) => [item.id, ("scale" in item && item.scale ? item.scale : instrument.scale)[1]!.value]));
}

function sampleResources(instrument: AnyInstrument): Resource[] {
  const clientId = "7f0c6f7e-0000-4000-8000-000000000002";
  const entries = assessmentEntries(
    BASE,
    {
      id: "7f0c6f7e-0000-4000-8000-000000000001",
      clientId,
      instrumentKey: instrument.key,
      instrumentVersion: instrument.version,
      answers: sampleAnswers(instrument),
      overall: instrument.kind === "profile" ? 50 : null,
      total: instrument.kind === "total" ? instrument.scoring.min + 1 : null,
      completedAt: new Date("2026-03-01T09:30:00Z"),
      scores: instrument.kind === "profile" ? instrument.dimensions.map((dimension) => ({ dimension: dimension.key, score: 50 })) : [],
    },
    instrument,
  );
  const patient = patientEntry({ id: clientId, firstName: "Ada", lastName: "Record", preferredName: "Ada", dateOfBirth: "1990-04-01" });
  return [questionnaireResource(BASE, instrument), patient.resource!, ...entries.map((entry) => entry.resource!)];
}

describe("FHIR that other systems understand", () => {
  it.each(INSTRUMENTS.map((instrument) => [instrument.key, instrument] as const))(
    "%s: the Questionnaire, a response and its Observations pass the R4 schema and invariants, and every coding is in its code system",
    (_key, instrument) => {
      for (const resource of sampleResources(instrument)) {
        expect(schemaErrors(resource), resource.resourceType).toEqual([]);
        expect(invariantErrors(resource), resource.resourceType).toEqual([]);
        expect(codingErrors(resource), resource.resourceType).toEqual([]);
      }
    },
  );

  it("the invariant check can fail: a repeated linkId (que-2) and an empty extension (ext-1) are caught", () => {
    const questionnaire = questionnaireResource(BASE, phq9V1);
    const broken = { ...questionnaire, item: [...questionnaire.item!, { ...questionnaire.item![0]!, extension: [{ url: ORDINAL }] }] };
    expect(invariantFailures(broken).map((failure) => failure.key)).toEqual(expect.arrayContaining(["que-2", "ext-1"]));
    expect(codingErrors({ ...questionnaire, code: [{ system: LOINC, code: "44249-2" }] } as Questionnaire)).toEqual([`Questionnaire.code[0] ${LOINC}#44249-2: not a LOINC term we verified`]);
  });

  it("PHQ-9 and GAD-7 carry LOINC on the panel, each item and each answer; every answer says its value", () => {
    for (const instrument of [phq9V1, gad7V1]) {
      const questionnaire = questionnaireResource(BASE, instrument);
      expect(questionnaire.code![0]!.system).toBe(LOINC);
      for (const item of questionnaire.item!) {
        expect(item.code, item.linkId).toEqual([expect.objectContaining({ system: LOINC })]);
        for (const [value, option] of item.answerOption!.entries()) {
          expect(option.valueCoding!.system).toBe(LOINC);
          expect(option.extension).toEqual([{ url: ORDINAL, valueDecimal: value }]);
        }
      }
    }
    const phq9 = questionnaireResource(BASE, phq9V1);
    expect(phq9.item![8]!.code).toEqual([{ system: LOINC, code: "44260-8" }]);
    expect(phq9.item![0]!.answerOption!.map((option) => option.valueCoding!.code)).toEqual(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]);
    expect(phq9.item![9]!.answerOption!.map((option) => option.valueCoding!.code)).toEqual(["LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"]);
    // CSI-4 and the Closeness Inventory: the project's code systems, with their values too.
    for (const instrument of [csi4V1, closenessV1]) {
      for (const item of questionnaireResource(BASE, instrument).item!) {
        for (const option of item.answerOption!) expect(option.extension![0]!.valueDecimal).toBe(Number(option.valueCoding!.code));
      }
    }
  });

  it("one code system per answer scale: a code means one thing in its system", () => {
    const scales = [...codeSystems.values()].filter((system) => system.id!.endsWith("-scale"));
    expect(scales.map((system) => system.id)).toEqual([
      "closeness-1-scale",
      "phq9-1-scale",
      "phq9-1-phq9-difficulty-scale",
      "gad7-1-scale",
      "gad7-1-gad7-difficulty-scale",
      "csi4-1-scale",
      ...scales.map((system) => system.id!).filter((id) => id.startsWith("csi4-1-csi4")),
    ].sort((a, b) => scales.findIndex((s) => s.id === a) - scales.findIndex((s) => s.id === b)));
    for (const system of codeSystems.values()) {
      expect(schemaErrors(system), system.id).toEqual([]);
      expect(invariantErrors(system), system.id).toEqual([]);
      const codes = system.concept!.map((concept) => concept.code);
      expect(new Set(codes).size, system.id).toBe(codes.length);
    }
    const phqFrequency = codeSystems.get(`${BASE}/CodeSystem/phq9-1-scale`) as CodeSystem;
    expect(phqFrequency.concept!.find((concept) => concept.code === "0")!.display).toBe("Not at all");
    const phqDifficulty = codeSystems.get(`${BASE}/CodeSystem/phq9-1-phq9-difficulty-scale`) as CodeSystem;
    expect(phqDifficulty.concept!.find((concept) => concept.code === "0")!.display).toBe("Not difficult at all");
  });

  it("each response names the client as its source", () => {
    const response = sampleResources(phq9V1).find((resource) => resource.resourceType === "QuestionnaireResponse") as QuestionnaireResponse;
    expect(response.source).toEqual({ reference: "urn:uuid:7f0c6f7e-0000-4000-8000-000000000002" });
    expect(response.source).toEqual(response.subject);
  });
});
