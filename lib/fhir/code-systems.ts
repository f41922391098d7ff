import type { CodeSystem } from "fhir/r4";
import { INSTRUMENTS, isTotalInstrument, itemScale, type AnyInstrument, type InstrumentDefinition, type ScaleOption } from "@/lib/instruments";
import { LOINC_ANSWERS, LOINC_SYSTEM } from "./loinc";

/*
 * The project's own code systems, each served as a CodeSystem at its canonical URL
 * (`<base>/CodeSystem/<id>`, app/api/fhir/CodeSystem/[id]). One per answer scale: a code means one
 * thing in its system ("0" is "Not at all" in PHQ-9's frequency scale, "Not difficult at all" only in
 * its difficulty scale's). Ids are made from the data, so a future instrument's scales get theirs.
 */

export type AnswerScale = {
  /** `<key>-<version>-scale` for the instrument's own scale; `<key>-<version>-<first item>-scale` for an item's. */
  id: string;
  title: string;
  options: readonly ScaleOption[];
  /** The items answered on it, in order. */
  itemIds: string[];
};

const fhirId = (text: string) => text.replace(/[^A-Za-z0-9\-.]/g, "-");

/** An instrument's answer scales, in the order its items first use them. */
export function answerScales(instrument: AnyInstrument): AnswerScale[] {
  const scales: AnswerScale[] = [];
  for (const item of instrument.items) {
    const options = itemScale(instrument, item);
    const found = scales.find((scale) => scale.options === options);
    if (found) {
      found.itemIds.push(item.id);
      continue;
    }
    const own = options === instrument.scale;
    scales.push({
      id: fhirId(own ? `${instrument.key}-${instrument.version}-scale` : `${instrument.key}-${instrument.version}-${item.id}-scale`),
      title: own ? `${shortTitleOf(instrument)} answers` : `${shortTitleOf(instrument)} answers to “${item.text}”`,
      options,
      itemIds: [item.id],
    });
  }
  return scales;
}

const shortTitleOf = (instrument: AnyInstrument) => (isTotalInstrument(instrument) ? instrument.shortTitle : instrument.title);

/** The scale an item is answered on. */
export function scaleOfItem(instrument: AnyInstrument, itemId: string): AnswerScale | undefined {
  return answerScales(instrument).find((scale) => scale.itemIds.includes(itemId));
}

export const codeSystemUrl = (base: string, id: string) => `${base}/CodeSystem/${id}`;

export const codeSystems = (base: string) => ({
  /** The closeness dimensions, plus `overall` (their mean). */
  dimension: codeSystemUrl(base, "closeness-dimension"),
  /** The scale an item of an instrument is answered on. */
  scale: (instrument: AnyInstrument, itemId: string) => codeSystemUrl(base, scaleOfItem(instrument, itemId)?.id ?? `${instrument.key}-${instrument.version}-scale`),
  /** Totals of the total-scored instruments: code `<key>-total` (`csi4-total`). */
  total: codeSystemUrl(base, "instrument-total"),
});

/** The `ordinalValue` extension: the value an answer counts for in scoring. */
export const ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

const ITEM_WEIGHT = { code: "itemWeight", uri: "http://hl7.org/fhir/concept-properties#itemWeight", description: "The value the answer counts for in scoring.", type: "decimal" } as const;

function codeSystem(base: string, id: string, title: string, description: string, concept: NonNullable<CodeSystem["concept"]>, extra: Partial<CodeSystem> = {}): CodeSystem {
  return {
    resourceType: "CodeSystem",
    id,
    url: codeSystemUrl(base, id),
    name: id.replace(/(^|-)([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, ""),
    title,
    status: "active",
    description,
    caseSensitive: true,
    content: "complete",
    count: concept.length,
    concept,
    ...extra,
  };
}

function scaleCodeSystem(base: string, instrument: AnyInstrument, scale: AnswerScale): CodeSystem {
  const loinc = LOINC_ANSWERS[scale.id];
  return codeSystem(
    base,
    scale.id,
    scale.title,
    `The answers of ${shortTitleOf(instrument)} version ${instrument.version} on this scale (items ${scale.itemIds.join(", ")}); the code is the value chosen.` +
      (loinc ? ` Each answer's LOINC code is its \`loinc\` property (the responses carry the LOINC coding).` : ""),
    scale.options.map((option) => ({
      code: String(option.value),
      display: option.label,
      property: [
        { code: "itemWeight", valueDecimal: option.value },
        ...(loinc?.[option.value] ? [{ code: "loinc", valueCoding: { system: LOINC_SYSTEM, code: loinc[option.value]!, display: option.label } }] : []),
      ],
    })),
    {
      version: String(instrument.version),
      property: [ITEM_WEIGHT, ...(loinc ? [{ code: "loinc", description: "The same answer in LOINC.", type: "Coding" as const }] : [])],
    },
  );
}

function dimensionCodeSystem(base: string, closeness: InstrumentDefinition): CodeSystem {
  return codeSystem(base, "closeness-dimension", "Closeness Inventory dimensions", "The seven dimensions of the Closeness Inventory, and their mean.", [
    ...closeness.dimensions.map((dimension) => ({ code: dimension.key, display: dimension.label })),
    { code: "overall", display: "Overall closeness" },
  ]);
}

function totalCodeSystem(base: string): CodeSystem {
  return codeSystem(
    base,
    "instrument-total",
    "Questionnaire totals",
    "The total score of each total-scored questionnaire: `<key>-total`.",
    INSTRUMENTS.filter(isTotalInstrument).map((instrument) => ({ code: `${instrument.key}-total`, display: `${instrument.shortTitle} total score` })),
  );
}

/** Every code system this build serves, by id. */
export function allCodeSystems(base: string): CodeSystem[] {
  const closeness = INSTRUMENTS.find((instrument) => instrument.kind === "profile") as InstrumentDefinition | undefined;
  return [
    ...(closeness ? [dimensionCodeSystem(base, closeness)] : []),
    totalCodeSystem(base),
    ...INSTRUMENTS.flatMap((instrument) => answerScales(instrument).map((scale) => scaleCodeSystem(base, instrument, scale))),
  ];
}
