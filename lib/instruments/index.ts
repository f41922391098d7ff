import { CLOSENESS_DIMENSIONS, closenessV1 } from "./closeness-v1";
import type { InstrumentDefinition } from "./types";

export { CLOSENESS_DIMENSIONS, closenessV1 };
export type * from "./types";
export * from "./scoring";

const INSTRUMENTS: readonly InstrumentDefinition[] = [closenessV1];

/** The definition a stored response was scored with; undefined for an unknown key or version. */
export function getInstrument(key: string, version: number): InstrumentDefinition | undefined {
  return INSTRUMENTS.find((instrument) => instrument.key === key && instrument.version === version);
}
