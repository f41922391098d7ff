import type { InstrumentDefinition, ItemDefinition } from "@/lib/instruments";

/**
 * The questionnaire in short parts: one per dimension, in definition order (for closeness v1,
 * 7 parts of 4). Parts are only ever titled "Part n of N": naming what each part measures would
 * colour the answers.
 */
export function questionSteps(instrument: InstrumentDefinition): ItemDefinition[][] {
  return instrument.dimensions
    .map((dimension) => instrument.items.filter((item) => item.dimension === dimension.key))
    .filter((items) => items.length > 0);
}

/** The part holding the first unanswered item, or null when every item has an answer. */
export function firstIncompleteStep(steps: ItemDefinition[][], answers: Readonly<Record<string, number>>): number | null {
  const index = steps.findIndex((items) => items.some((item) => answers[item.id] === undefined));
  return index === -1 ? null : index + 1;
}

/** The part (1-based) an item is in. */
export function stepOfItem(steps: ItemDefinition[][], itemId: string): number {
  return steps.findIndex((items) => items.some((item) => item.id === itemId)) + 1;
}

/** `?step=` as the page reads it: a part number, "review", or the introduction for anything else. */
export function parseStep(value: unknown, total: number): number | "review" | null {
  if (value === "review") return "review";
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value)) return null;
  const step = Number(value);
  return step >= 1 && step <= total ? step : null;
}

/** The statements of a part that have no answer yet, in order. */
export function unansweredIn<T extends Pick<ItemDefinition, "id">>(items: readonly T[], answers: Readonly<Record<string, unknown>>): T[] {
  return items.filter((item) => answers[item.id] === undefined);
}

/** "6", "5 and 7", "5, 6 and 8": statement numbers as a sentence says them. */
export function listNumbers(numbers: readonly number[]): string {
  if (numbers.length <= 1) return numbers.join("");
  return `${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
}
