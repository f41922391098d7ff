import { answerItems, isProfileInstrument, type AnyInstrument, type ScaleOption } from "@/lib/instruments";

/** One question as a part shows it: its own scale, whether it must be answered, its number within its instrument. */
export type SittingItem = {
  id: string;
  text: string;
  /** Ascending by value. */
  scale: readonly ScaleOption[];
  /** False for a question the client may leave blank (PHQ-9's difficulty question): never flagged as skipped. */
  required: boolean;
  /** A lead-in shown before the item, when it has one. */
  prompt?: string;
  /** 1-based within its instrument, as the published form numbers it; null for an unnumbered optional question. */
  number: number | null;
};

/** A part of the sitting: some items of one instrument (`instrument` indexes the sitting's list). */
export type SittingPart = { instrument: number; items: SittingItem[] };

/** A total instrument longer than this is split in two parts, so no part is a long scroll on a phone. */
const MAX_PART_ITEMS = 12;

/**
 * The sitting in short parts, instrument after instrument in the link's order. A profile instrument
 * (the Closeness Inventory) has one part per dimension, in definition order (7 parts of 4): parts
 * are only ever titled "Part n of N", since naming what each part measures would colour the answers.
 * A total instrument (PHQ-9, GAD-7, CSI-4) is one part, or two halves if it is long.
 */
export function sittingParts(instruments: readonly AnyInstrument[]): SittingPart[] {
  return instruments.flatMap((instrument, index): SittingPart[] => {
    let number = 0;
    const items: SittingItem[] = answerItems(instrument).map((item) => ({
      id: item.id,
      text: item.text,
      scale: item.scale,
      required: item.required,
      ...(item.prompt === undefined ? {} : { prompt: item.prompt }),
      number: item.required ? ++number : null,
    }));
    if (isProfileInstrument(instrument)) {
      return instrument.dimensions
        .map((dimension) => {
          const ids = new Set(instrument.items.filter((item) => item.dimension === dimension.key).map((item) => item.id));
          return { instrument: index, items: items.filter((item) => ids.has(item.id)) };
        })
        .filter((part) => part.items.length > 0);
    }
    if (items.length <= MAX_PART_ITEMS) return [{ instrument: index, items }];
    const half = Math.ceil(items.length / 2);
    return [
      { instrument: index, items: items.slice(0, half) },
      { instrument: index, items: items.slice(half) },
    ];
  });
}

/** The items every part must have answered before sending, in order. */
export function requiredItems(parts: readonly SittingPart[]): SittingItem[] {
  return parts.flatMap((part) => part.items.filter((item) => item.required));
}

/** How many of the required items have an answer: what the progress bar counts. */
export function countAnswered(parts: readonly SittingPart[], answers: Readonly<Record<string, unknown>>): number {
  return requiredItems(parts).filter((item) => answers[item.id] !== undefined).length;
}

/** The part holding the first unanswered required item, or null when every one has an answer. */
export function firstIncompleteStep(parts: readonly SittingPart[], answers: Readonly<Record<string, unknown>>): number | null {
  const index = parts.findIndex((part) => unansweredIn(part.items, answers).length > 0);
  return index === -1 ? null : index + 1;
}

/** The part (1-based) an item is in. */
export function stepOfItem(parts: readonly SittingPart[], itemId: string): number {
  return parts.findIndex((part) => part.items.some((item) => item.id === itemId)) + 1;
}

/** `?step=` as the page reads it: a part number, "review", or the introduction for anything else. */
export function parseStep(value: unknown, total: number): number | "review" | null {
  if (value === "review") return "review";
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value)) return null;
  const step = Number(value);
  return step >= 1 && step <= total ? step : null;
}

/** The required statements of a part that have no answer yet, in order. An optional one is never among them. */
export function unansweredIn<T extends { id: string; required?: boolean }>(items: readonly T[], answers: Readonly<Record<string, unknown>>): T[] {
  return items.filter((item) => item.required !== false && answers[item.id] === undefined);
}

/** Per instrument, the required items still without an answer, each with the part it is in; instruments with none are left out. */
export function missingByInstrument(
  parts: readonly SittingPart[],
  answers: Readonly<Record<string, unknown>>,
): { instrument: number; items: (SittingItem & { step: number })[] }[] {
  const groups = new Map<number, (SittingItem & { step: number })[]>();
  parts.forEach((part, index) => {
    for (const item of unansweredIn(part.items, answers)) {
      const group = groups.get(part.instrument) ?? [];
      group.push({ ...item, step: index + 1 });
      groups.set(part.instrument, group);
    }
  });
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([instrument, items]) => ({ instrument, items }));
}

/** "6", "5 and 7", "5, 6 and 8": statement numbers as a sentence says them (`and` in the client's language). */
export function listNumbers(numbers: readonly number[], and = "and"): string {
  if (numbers.length <= 1) return numbers.join("");
  return `${numbers.slice(0, -1).join(", ")} ${and} ${numbers.at(-1)}`;
}


/** About how long the sitting takes, in minutes: 28 statements take 5 to 10. */
export function minutesFor(questions: number): { from: number; to: number } {
  const from = Math.max(2, Math.round(questions / 5.6));
  return { from, to: Math.max(from + 2, Math.round(questions / 2.8)) };
}

/** What a part says about its instrument: serialisable, for the parts' client component. */
export type SittingInstrument = {
  key: string;
  title: string;
  /** Paragraphs, shown on the instrument's first part when the sitting has more than one instrument. */
  instructions: string[];
  attribution: string | null;
  /** The question every item of a part answers, shown above the items. */
  stem: string;
  /** How the client's side names one item. */
  noun: "statement" | "question";
};

/** `profileStem`: the question over a profile instrument's statements, in the client's language. */
export function sittingInstruments(
  instruments: readonly AnyInstrument[],
  { profileStem = "How much do you agree with each statement?" }: { profileStem?: string } = {},
): SittingInstrument[] {
  return instruments.map((instrument) => {
    const paragraphs = instrument.instructions.split("\n\n").filter((paragraph) => paragraph.trim() !== "");
    const profile = isProfileInstrument(instrument);
    return {
      key: instrument.key,
      title: instrument.title,
      // A total instrument's instructions are its stem, shown on each of its parts.
      instructions: profile ? paragraphs : [],
      attribution: instrument.attribution,
      stem: profile ? profileStem : paragraphs.join(" "),
      noun: profile ? "statement" : "question",
    };
  });
}

/** "Couples Satisfaction Index (CSI-4)" → its name and the short title in brackets, so the bracket never breaks at its hyphen. */
export function splitTitle(title: string): { name: string; short: string | null } {
  const match = /^(.*\S)\s+(\([^()]+\))$/.exec(title);
  return match ? { name: match[1]!, short: match[2]! } : { name: title, short: null };
}

/** What pressing one of a part's buttons does in the browser (with JavaScript). */
export type SubmitDecision = { kind: "flag" } | { kind: "go"; step: number } | { kind: "server" };

/**
 * A part's buttons, decided without the DOM: moving on (or sending) from a part with gaps flags
 * them once, and a second press goes on; "next" and "back" switch parts in the browser; the rest
 * (sending, the way to the review, back from the first part) goes to the server.
 */
export function decideSubmit({
  intent,
  step,
  total,
  gaps,
  flagged,
}: {
  intent: string;
  step: number;
  total: number;
  gaps: number;
  flagged: boolean;
}): SubmitDecision {
  if ((intent === "next" || intent === "submit") && gaps > 0 && !flagged) return { kind: "flag" };
  if (intent === "next" && step < total) return { kind: "go", step: step + 1 };
  if (intent === "back" && step > 1) return { kind: "go", step: step - 1 };
  return { kind: "server" };
}

/** The part's main button: back to the review when reached from it, else on (or send, on the last part). */
export function primaryButton(returnToReview: boolean, isLast: boolean): { intent: string; label: string } {
  if (returnToReview) return { intent: "review", label: "Save and go to sending" };
  return isLast ? { intent: "submit", label: "Send my answers" } : { intent: "next", label: "Save and continue" };
}
