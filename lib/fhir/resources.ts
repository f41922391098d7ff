import { createHash } from "node:crypto";
import type { BundleEntry, Coding, Observation, Patient, Questionnaire, QuestionnaireResponse } from "fhir/r4";
import { itemScale, totalBandOf, type AnyInstrument, type InstrumentDefinition, type ScaleOption, type TotalInstrument } from "@/lib/instruments";
import { codeSystems, ORDINAL_VALUE, scaleOfItem } from "./code-systems";
import { LOINC, LOINC_ANSWERS, LOINC_ITEMS, LOINC_SYSTEM } from "./loinc";

/*
 * HL7 FHIR R4 resources for what Attune measures: pure functions from our rows to resources
 * (docs/decisions/0020). `base` is where this deployment serves FHIR (`<APP_URL>/api/fhir`): the
 * questionnaires' canonical URLs and the project's own code systems hang off it.
 *
 * - Questionnaire `<key>-<version>`: one per instrument version; each item is coded with the
 *   dimension it measures, and answers are codings of the instrument's scale.
 * - Patient: the client, minimal (name, birth date).
 * - QuestionnaireResponse: one per completed assessment, item by item.
 * - Observation: one per score (each dimension and the overall; for a total-scored instrument, its
 *   total), derivedFrom its response.
 * The Closeness Inventory is the project's own instrument, so its codes are the project's code
 * systems (lib/fhir/code-systems.ts: one per answer scale). PHQ-9 and GAD-7 carry LOINC codes
 * (lib/fhir/loinc.ts) on the questionnaire, each item and each answer; CSI-4 has none we could
 * confirm, so it carries the project's codes alone. Every answer option says the value it counts
 * for (`ordinalValue`); each response names the client as its `source` (the client answered it).
 */

export { codeSystems, LOINC, LOINC_SYSTEM };

/**
 * The coding of an answer: LOINC's answer code where the item's scale has one (PHQ-9, GAD-7), else
 * the project's code system of that scale; both say the value chosen in `ordinalValue`.
 */
export function answerCoding(base: string, instrument: AnyInstrument, itemId: string, option: ScaleOption): Coding {
  const scale = scaleOfItem(instrument, itemId);
  const loinc = scale ? LOINC_ANSWERS[scale.id]?.[option.value] : undefined;
  return loinc
    ? { system: LOINC_SYSTEM, code: loinc, display: option.label }
    : { system: codeSystems(base).scale(instrument, itemId), code: String(option.value), display: option.label };
}

const ordinal = (value: number) => [{ url: ORDINAL_VALUE, valueDecimal: value }];

/** An item's answer options, each with its coding and the value it counts for. */
function answerOptions(base: string, instrument: AnyInstrument, itemId: string, options: readonly ScaleOption[]) {
  return options.map((option) => ({ extension: ordinal(option.value), valueCoding: answerCoding(base, instrument, itemId, option) }));
}

const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
const UCUM = "http://unitsofmeasure.org";

export const questionnaireId = (instrument: Pick<InstrumentDefinition, "key" | "version">) => `${instrument.key}-${instrument.version}`;
export const questionnaireUrl = (base: string, instrument: Pick<InstrumentDefinition, "key" | "version">) => `${base}/Questionnaire/${questionnaireId(instrument)}`;

/** A UUID fixed by a name, for resources that have no row of their own (one Observation per score). */
export function nameBasedUuid(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  // Shaped as a version-5-style UUID so that `urn:uuid:` accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pascal = (text: string) => text.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, "");

export function questionnaireResource(base: string, instrument: AnyInstrument): Questionnaire {
  return instrument.kind === "total" ? totalQuestionnaireResource(base, instrument) : profileQuestionnaireResource(base, instrument);
}

/**
 * A total-scored instrument's Questionnaire: each item with its own answer scale (CSI-4's first item
 * has seven points); unscored items (PHQ-9's difficulty question) are not required. The LOINC panel
 * code, where there is one, is the Questionnaire's code.
 */
function totalQuestionnaireResource(base: string, instrument: TotalInstrument): Questionnaire {
  const panel = LOINC[instrument.key]?.panel;
  return {
    resourceType: "Questionnaire",
    id: questionnaireId(instrument),
    url: questionnaireUrl(base, instrument),
    version: String(instrument.version),
    name: pascal(instrument.shortTitle),
    title: instrument.title,
    status: "active",
    subjectType: ["Patient"],
    description: instrument.instructions,
    ...(instrument.attribution ? { copyright: instrument.attribution } : {}),
    ...(panel ? { code: [panel] } : {}),
    item: instrument.items.map((item) => ({
      linkId: item.id,
      text: item.prompt ? `${item.prompt} ${item.text}` : item.text,
      type: "choice",
      required: item.scored,
      ...(LOINC_ITEMS[item.id] ? { code: [LOINC_ITEMS[item.id]!] } : {}),
      answerOption: answerOptions(base, instrument, item.id, itemScale(instrument, item)),
    })),
  };
}

function profileQuestionnaireResource(base: string, instrument: InstrumentDefinition): Questionnaire {
  const system = codeSystems(base);
  const dimensionLabel = new Map(instrument.dimensions.map((d) => [d.key, d.label]));
  return {
    resourceType: "Questionnaire",
    id: questionnaireId(instrument),
    url: questionnaireUrl(base, instrument),
    version: String(instrument.version),
    name: pascal(instrument.title),
    title: instrument.title,
    status: "active",
    subjectType: ["Patient"],
    description: instrument.instructions,
    item: instrument.items.map((item) => ({
      linkId: item.id,
      text: item.text,
      type: "choice",
      required: true,
      code: [{ system: system.dimension, code: item.dimension, display: dimensionLabel.get(item.dimension) ?? item.dimension }],
      answerOption: answerOptions(base, instrument, item.id, instrument.scale),
    })),
  };
}

export type FhirClient = { id: string; firstName: string; lastName: string; preferredName: string | null; dateOfBirth: string | null };
export type FhirAssessment = {
  id: string;
  clientId: string;
  instrumentKey: string;
  instrumentVersion: number;
  answers: Record<string, number>;
  /** A profile instrument's overall score; null for a total-scored one. */
  overall: number | null;
  /** A total-scored instrument's total; null (or absent) for a profile one. */
  total?: number | null;
  completedAt: Date;
  /** The language the items were shown in (BCP 47); absent: English. */
  language?: string;
  /** Unrounded dimension scores, 0–100. */
  scores: { dimension: string; score: number }[];
};

const fullUrl = (id: string) => `urn:uuid:${id}`;

export function patientEntry(client: FhirClient): BundleEntry<Patient> {
  const name: Patient["name"] = [{ use: "official", family: client.lastName, given: [client.firstName] }];
  if (client.preferredName) name.push({ use: "usual", given: [client.preferredName] });
  return {
    fullUrl: fullUrl(client.id),
    resource: { resourceType: "Patient", id: client.id, name, ...(client.dateOfBirth ? { birthDate: client.dateOfBirth } : {}) },
  };
}

/**
 * The response and its observations for one completed assessment. `instrument` is the definition
 * it was scored with (undefined for one we no longer know: answers are then written as integers).
 */
export function assessmentEntries(base: string, assessment: FhirAssessment, instrument: AnyInstrument | undefined): BundleEntry[] {
  const system = codeSystems(base);
  const subject = { reference: fullUrl(assessment.clientId) };
  const authored = assessment.completedAt.toISOString();
  const optionsOf = new Map<string, Map<number, ScaleOption>>(
    (instrument?.items ?? []).map((item) => [item.id, new Map(itemScale(instrument!, item).map((option) => [option.value, option]))]),
  );
  const dimensionLabel = new Map(instrument?.kind === "profile" ? instrument.dimensions.map((d) => [d.key as string, d.label]) : []);
  const itemOrder = instrument?.items.map((item) => item.id) ?? Object.keys(assessment.answers).sort();
  const response: QuestionnaireResponse = {
    resourceType: "QuestionnaireResponse",
    id: assessment.id,
    // The language the client read the items in (a translation, or English).
    language: assessment.language ?? "en",
    questionnaire: `${questionnaireUrl(base, { key: assessment.instrumentKey, version: assessment.instrumentVersion })}|${assessment.instrumentVersion}`,
    status: "completed",
    subject,
    authored,
    // The client answered it themselves.
    source: subject,
    item: itemOrder
      .filter((linkId) => assessment.answers[linkId] !== undefined)
      .map((linkId) => {
        const value = assessment.answers[linkId]!;
        const option = optionsOf.get(linkId)?.get(value);
        // An instrument this build no longer knows (or a value off its scale): the number as answered.
        if (!instrument || !option) return { linkId, answer: [{ valueInteger: value }] };
        return { linkId, answer: [{ valueCoding: { extension: ordinal(value), ...answerCoding(base, instrument, linkId, option) } }] };
      }),
  };
  if (assessment.total !== null && assessment.total !== undefined) {
    return [{ fullUrl: fullUrl(assessment.id), resource: response }, totalObservation(base, assessment, assessment.total, instrument)];
  }
  const scores = [
    ...assessment.scores.map((s) => ({ code: s.dimension, score: s.score })),
    ...(assessment.overall === null ? [] : [{ code: "overall", score: assessment.overall }]),
  ];
  const observations = scores.map(({ code, score }): BundleEntry<Observation> => {
    const id = nameBasedUuid(`${assessment.id}/${code}`);
    const display = code === "overall" ? "Overall closeness" : (dimensionLabel.get(code) ?? code);
    return {
      fullUrl: fullUrl(id),
      resource: {
        resourceType: "Observation",
        id,
        status: "final",
        category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: "survey", display: "Survey" }] }],
        code: { coding: [{ system: system.dimension, code, display }], text: `${instrument?.title ?? assessment.instrumentKey}: ${display}` },
        subject,
        effectiveDateTime: authored,
        // Unrounded in the database; two decimals here are finer than any display of it.
        valueQuantity: { value: Math.round(Number(score) * 100) / 100, unit: "score (0–100)", system: UCUM, code: "{score}" },
        derivedFrom: [{ reference: fullUrl(assessment.id) }],
      },
    };
  });
  return [{ fullUrl: fullUrl(assessment.id), resource: response }, ...observations];
}

/**
 * The Observation of a total-scored assessment's total: LOINC where it has a code, always the
 * project's `<key>-total`; the band as its interpretation's text ("Moderate").
 */
function totalObservation(base: string, assessment: FhirAssessment, total: number, instrument: AnyInstrument | undefined): BundleEntry<Observation> {
  const id = nameBasedUuid(`${assessment.id}/total`);
  const title = instrument?.kind === "total" ? instrument.shortTitle : assessment.instrumentKey;
  const coding: Coding[] = [
    ...(LOINC[assessment.instrumentKey] ? [LOINC[assessment.instrumentKey]!.total] : []),
    { system: codeSystems(base).total, code: `${assessment.instrumentKey}-total`, display: `${title} total score` },
  ];
  const band = instrument?.kind === "total" ? totalBandOf(instrument, total) : null;
  return {
    fullUrl: fullUrl(id),
    resource: {
      resourceType: "Observation",
      id,
      status: "final",
      category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: "survey", display: "Survey" }] }],
      code: { coding, text: `${title} total score` },
      subject: { reference: fullUrl(assessment.clientId) },
      effectiveDateTime: assessment.completedAt.toISOString(),
      valueQuantity: {
        value: total,
        unit: instrument?.kind === "total" ? `score (${instrument.scoring.min}–${instrument.scoring.max})` : "score",
        system: UCUM,
        code: "{score}",
      },
      ...(band ? { interpretation: [{ text: band.label }] } : {}),
      derivedFrom: [{ reference: fullUrl(assessment.id) }],
    },
  };
}
