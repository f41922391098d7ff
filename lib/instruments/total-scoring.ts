import { isOnItemScale, isOptionalItem } from "./items";
import { IncompleteResponseError, InvalidAnswerError } from "./scoring";
import type { AnyInstrument, ChangeStatus, TotalBand, TotalInstrument, TotalScore } from "./types";

/**
 * Scores a response to a total-scored instrument: the sum of the scored items' answers, its band,
 * whether it is in the clinical range, and the critical answers. Like scoreResponse: every key must
 * be an item of this instrument with an answer on that item's scale (InvalidAnswerError, reported
 * first: it points at a caller bug), and every required item must be answered (IncompleteResponseError).
 * Unscored items are optional: absent is fine, off-scale is not (see isOptionalItem).
 */
export function scoreTotal(def: TotalInstrument, answers: Readonly<Record<string, number>>): TotalScore {
  const items = new Map(def.items.map((item) => [item.id, item]));
  const invalid = Object.keys(answers).filter((id) => {
    const item = items.get(id);
    return !item || (answers[id] !== undefined && !isOnItemScale(def, item, answers[id]));
  });
  if (invalid.length > 0) throw new InvalidAnswerError(invalid);

  const missing = def.items.filter(
    (item) => !isOptionalItem(item) && (!Object.hasOwn(answers, item.id) || answers[item.id] === undefined),
  );
  if (missing.length > 0) throw new IncompleteResponseError(missing.map((item) => item.id));

  const total = def.items.filter((item) => item.scored).reduce((sum, item) => sum + (answers[item.id] as number), 0);
  return {
    total,
    band: totalBandOf(def, total),
    clinical: isClinical(def, total),
    critical: criticalAnswers(def, answers),
  };
}

/**
 * The band a total falls in. Bands are whole points; a fractional total (which no scoring here
 * produces) goes to the first band whose upper edge is at or above it. A total outside min..max is a
 * caller bug and throws.
 */
export function totalBandOf(def: TotalInstrument, total: number): TotalBand {
  const { min, max, bands } = def.scoring;
  if (!Number.isFinite(total) || total < min || total > max) {
    throw new RangeError(`Instrument ${def.key} v${def.version}: total ${total} is outside ${min}–${max}`);
  }
  const band = bands.find((candidate) => total <= candidate.to);
  if (!band) throw new Error(`Instrument ${def.key} v${def.version}: no band for ${total}`);
  return band;
}

/**
 * Whether a total is in the clinical range: at or above the cut-off when higher is worse (PHQ-9 10
 * or more), below it when higher is better (CSI-4 below 13.5).
 */
export function isClinical(def: TotalInstrument, total: number): boolean {
  const { direction, cutOff } = def.scoring;
  return direction === "higher_is_worse" ? total >= cutOff.value : total < cutOff.value;
}

/**
 * The change from one total to a later one. It is reliable when it is at least the instrument's
 * reliable-change figure either way; whether a reliable change is an improvement depends on the
 * direction (a falling PHQ-9 improves, a falling CSI-4 deteriorates).
 */
export function totalChange(def: TotalInstrument, from: number, to: number): { change: number; status: ChangeStatus } {
  const change = to - from;
  if (Math.abs(change) < def.scoring.reliableChange.value) return { change, status: "no_change" };
  const better = def.scoring.direction === "higher_is_better" ? change > 0 : change < 0;
  return { change, status: better ? "improved" : "deteriorated" };
}

/**
 * Ids of the critical items answered above their threshold (PHQ-9 item 9 above "Not at all"), in
 * presentation order. Takes possibly partial answers: an unanswered item is not critical.
 */
export function criticalAnswers(def: TotalInstrument, answers: Readonly<Record<string, number | undefined>>): string[] {
  return def.items
    .filter((item) => {
      const value = answers[item.id];
      return item.criticalAbove !== undefined && typeof value === "number" && value > item.criticalAbove;
    })
    .map((item) => item.id);
}

/** For every chart and table: which way is good. The Closeness Inventory is higher-is-better throughout. */
export function describeDirection(def: AnyInstrument): "Higher is better" | "Higher is worse" {
  return def.kind === "total" && def.scoring.direction === "higher_is_worse" ? "Higher is worse" : "Higher is better";
}
