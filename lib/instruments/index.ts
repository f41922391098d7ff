import { CLOSENESS_DIMENSIONS, closenessV1 } from "./closeness-v1";
import { csi4V1 } from "./csi4-v1";
import { gad7V1 } from "./gad7-v1";
import { isProfileInstrument } from "./items";
import { phq9V1 } from "./phq9-v1";
import type { AnyInstrument, InstrumentDefinition } from "./types";

export { CLOSENESS_DIMENSIONS, closenessV1, csi4V1, gad7V1, phq9V1 };
export type * from "./types";
export * from "./items";
export * from "./scoring";
export * from "./total-scoring";

/** Every version of every instrument, so a stored response can always find what it was scored with. */
export const INSTRUMENTS: readonly AnyInstrument[] = [closenessV1, phq9V1, gad7V1, csi4V1];

/** The definition a stored response was scored with; undefined for an unknown key or version. */
export function getInstrument(key: string, version: number): AnyInstrument | undefined {
  return INSTRUMENTS.find((instrument) => instrument.key === key && instrument.version === version);
}

/** As getInstrument, for callers that handle only profile instruments (the Closeness Inventory). */
export function getProfileInstrument(key: string, version: number): InstrumentDefinition | undefined {
  const instrument = getInstrument(key, version);
  return instrument && isProfileInstrument(instrument) ? instrument : undefined;
}

/** The highest version of an instrument: the one new invitations use. Undefined for an unknown key. */
export function currentInstrument(key: string): AnyInstrument | undefined {
  return INSTRUMENTS.filter((instrument) => instrument.key === key).reduce<AnyInstrument | undefined>(
    (best, instrument) => (!best || instrument.version > best.version ? instrument : best),
    undefined,
  );
}

/** What a clinician can choose to send, current versions, in the order the picker lists them. */
export const SENDABLE_INSTRUMENTS: readonly AnyInstrument[] = ["closeness", "phq9", "gad7", "csi4"].map((key) => {
  const instrument = currentInstrument(key);
  if (!instrument) throw new Error(`No instrument ${key}`);
  return instrument;
});

/** Preselected when sending, so sending as before (one Closeness Inventory) stays one click. */
export const DEFAULT_INSTRUMENT_KEYS: readonly string[] = ["closeness"];
