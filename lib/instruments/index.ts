import { CLOSENESS_DIMENSIONS, closenessV1 } from "./closeness-v1";
import type { AnyInstrument, InstrumentDefinition, TotalInstrument } from "./types";

export { CLOSENESS_DIMENSIONS, closenessV1 };
export type * from "./types";
export * from "./scoring";

export const INSTRUMENTS: readonly AnyInstrument[] = [closenessV1];

export function isTotalInstrument(def: AnyInstrument): def is TotalInstrument {
  return def.kind === "total";
}

export function isProfileInstrument(def: AnyInstrument): def is InstrumentDefinition {
  return def.kind === "profile";
}

/** The definition a stored response was scored with; undefined for an unknown key or version. */
export function getInstrument(key: string, version: number): AnyInstrument | undefined {
  return INSTRUMENTS.find((instrument) => instrument.key === key && instrument.version === version);
}

export function getProfileInstrument(key: string, version: number): InstrumentDefinition | undefined {
  const def = getInstrument(key, version);
  return def && isProfileInstrument(def) ? def : undefined;
}

/** The newest version of an instrument: what new links and plans carry. */
export function currentInstrument(key: string): AnyInstrument | undefined {
  return INSTRUMENTS.filter((instrument) => instrument.key === key).sort((a, b) => b.version - a.version)[0];
}

export const SENDABLE_INSTRUMENTS: readonly AnyInstrument[] = [closenessV1];
export const DEFAULT_INSTRUMENT_KEYS: readonly string[] = ["closeness"];
