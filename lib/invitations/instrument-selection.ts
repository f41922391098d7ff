// Which instruments a new link or plan carries: the clinician's choice, checked against what can be
// sent. Shared by invitations (lib/invitations) and measurement plans (lib/plans). No `server-only`.
import type { InstrumentRef } from "@/db/schema";
import { DEFAULT_INSTRUMENT_KEYS, SENDABLE_INSTRUMENTS } from "@/lib/instruments";
import { DomainError } from "@/lib/core/errors";

/** The form field the choice arrives in (checkboxes, one value per instrument key). */
export const INSTRUMENTS_FIELD = "instruments";

/**
 * The current versions of the chosen instruments, in the order the client answers them (the
 * library's order, whatever order they were ticked in). Undefined: the default (the Closeness
 * Inventory). Empty, unknown or repeated keys are refused with a message for the field.
 */
export function resolveInstrumentSelection(keys: readonly string[] | undefined): InstrumentRef[] {
  const chosen = keys ?? DEFAULT_INSTRUMENT_KEYS;
  if (chosen.length === 0) throw new DomainError("Choose at least one questionnaire.", INSTRUMENTS_FIELD);
  const unknown = chosen.filter((key) => !SENDABLE_INSTRUMENTS.some((instrument) => instrument.key === key));
  if (unknown.length > 0) throw new DomainError("That questionnaire is not one Attune offers. Choose from the list.", INSTRUMENTS_FIELD);
  if (new Set(chosen).size !== chosen.length) throw new DomainError("Each questionnaire can be chosen once.", INSTRUMENTS_FIELD);
  return SENDABLE_INSTRUMENTS.filter((instrument) => chosen.includes(instrument.key)).map(({ key, version }) => ({ key, version }));
}
