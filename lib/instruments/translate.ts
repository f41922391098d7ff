import { isProfileInstrument } from "./items";
import type { AnyInstrument, ScaleOption } from "./types";

/*
 * An instrument in another language, as data: `translations/<key>-v<version>.<language>.json`
 * beside the definitions. A translation replaces words only — titles, instructions, item texts,
 * answer labels — never an id, a value, a keying or a figure, so a score means the same in every
 * language. A published translation is copied word for word with its attribution; our own carries
 * status "not_validated" and says so to the clinician.
 */

export type TranslationStatus = "published" | "not_validated";

/** Answer labels by value ("0": "Ningún día"). */
type ScaleWords = Readonly<Record<string, string>>;

export type InstrumentTranslation = {
  readonly instrument: string;
  readonly version: number;
  readonly language: string;
  readonly status: TranslationStatus;
  /** Where the words come from. */
  readonly source: string;
  /** What was checked, against what; and what could not be. */
  readonly checked: readonly string[];
  readonly notChecked: readonly string[];
  readonly title: string;
  readonly shortTitle: string;
  readonly instructions: string;
  readonly attribution: string | null;
  /** Profile instruments: dimension labels by key. */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly items: Readonly<Record<string, string>>;
  readonly prompts?: Readonly<Record<string, string>>;
  readonly scale: ScaleWords;
  /** Items with a scale of their own (PHQ-9's difficulty question). */
  readonly itemScales?: Readonly<Record<string, ScaleWords>>;
};

function translateScale(scale: readonly ScaleOption[], words: ScaleWords | undefined): readonly ScaleOption[] {
  return scale.map((option) => ({ value: option.value, label: words?.[String(option.value)] ?? option.label }));
}

/** Everything a translation must say for `def`, as paths ("items.phq9_1", "scale.0"), that it does not. */
export function missingInTranslation(def: AnyInstrument, translation: InstrumentTranslation): string[] {
  const missing: string[] = [];
  const need = (present: unknown, path: string) => {
    if (typeof present !== "string" || present.trim() === "") missing.push(path);
  };
  need(translation.title, "title");
  need(translation.shortTitle, "shortTitle");
  need(translation.instructions, "instructions");
  if (def.attribution !== null) need(translation.attribution, "attribution");
  for (const option of def.scale) need(translation.scale?.[String(option.value)], `scale.${option.value}`);
  for (const item of def.items) {
    need(translation.items?.[item.id], `items.${item.id}`);
    if ("prompt" in item && item.prompt) need(translation.prompts?.[item.id], `prompts.${item.id}`);
    if ("scale" in item && item.scale) {
      for (const option of item.scale) need(translation.itemScales?.[item.id]?.[String(option.value)], `itemScales.${item.id}.${option.value}`);
    }
  }
  if (isProfileInstrument(def)) for (const dimension of def.dimensions) need(translation.dimensions?.[dimension.key], `dimensions.${dimension.key}`);
  const known = new Set(def.items.map((item) => item.id));
  for (const id of Object.keys(translation.items ?? {})) if (!known.has(id)) missing.push(`unknown item ${id}`);
  return missing;
}

/** The definition with the translation's words: same ids, values, keying and scoring. */
export function translateInstrument<T extends AnyInstrument>(def: T, translation: InstrumentTranslation): T {
  const words = {
    title: translation.title,
    shortTitle: translation.shortTitle,
    instructions: translation.instructions,
    attribution: def.attribution === null ? null : translation.attribution,
    scale: translateScale(def.scale, translation.scale),
  };
  if (isProfileInstrument(def)) {
    return {
      ...def,
      ...words,
      dimensions: def.dimensions.map((dimension) => ({ ...dimension, label: translation.dimensions?.[dimension.key] ?? dimension.label })),
      items: def.items.map((item) => ({ ...item, text: translation.items[item.id] ?? item.text })),
    } as T;
  }
  return {
    ...def,
    ...words,
    items: def.items.map((item) => ({
      ...item,
      text: translation.items[item.id] ?? item.text,
      ...(item.prompt ? { prompt: translation.prompts?.[item.id] ?? item.prompt } : {}),
      ...(item.scale ? { scale: translateScale(item.scale, translation.itemScales?.[item.id]) } : {}),
    })),
  } as T;
}
