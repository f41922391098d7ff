import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { translateInstrument, type InstrumentTranslation } from "./translate";
import type { AnyInstrument } from "./types";

/*
 * The instrument translations on disk (`lib/instruments/translations/<key>-v<version>.<language>.json`),
 * read once per process: a new language's files are found without code. Not exported from the
 * folder's index, which the questionnaire's browser code imports: this reads files.
 */

const FILE = /^([a-z0-9]+)-v(\d+)\.([a-z]{2,3}(?:-[A-Z]{2})?)\.json$/;

let loaded: ReadonlyMap<string, InstrumentTranslation> | null = null;

function translationsDir(): string {
  return path.join(process.cwd(), "lib", "instruments", "translations");
}

function keyOf(instrument: string, version: number, language: string): string {
  return `${instrument}-v${version}.${language}`;
}

/** Every translation, by `<key>-v<version>.<language>`. A file whose name and contents disagree is refused loudly. */
export function allTranslations(): ReadonlyMap<string, InstrumentTranslation> {
  if (loaded) return loaded;
  const found = new Map<string, InstrumentTranslation>();
  const dir = translationsDir();
  for (const file of readdirSync(dir).sort()) {
    const match = FILE.exec(file);
    if (!match) continue;
    const translation = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as InstrumentTranslation;
    if (translation.instrument !== match[1] || translation.version !== Number(match[2]) || translation.language !== match[3]) {
      throw new Error(`${file}: its instrument, version or language does not match its name`);
    }
    found.set(keyOf(translation.instrument, translation.version, translation.language), translation);
  }
  loaded = found;
  return found;
}

export function findTranslation(def: Pick<AnyInstrument, "key" | "version">, language: string): InstrumentTranslation | undefined {
  return allTranslations().get(keyOf(def.key, def.version, language));
}

/** Whether `def` can be shown in `language`: English always (the definitions are English), else a translation file. */
export function isOfferedIn(def: Pick<AnyInstrument, "key" | "version">, language: string): boolean {
  return language === "en" || findTranslation(def, language) !== undefined;
}

/**
 * The instrument as a client reading `language` sees it, and the language it is actually in: an
 * instrument without a translation is shown (and its answers stored) in English.
 */
export function instrumentIn<T extends AnyInstrument>(def: T, language: string): { instrument: T; language: string } {
  if (language === "en") return { instrument: def, language: "en" };
  const translation = findTranslation(def, language);
  return translation ? { instrument: translateInstrument(def, translation), language } : { instrument: def, language: "en" };
}
