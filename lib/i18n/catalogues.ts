import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator, type AbstractIntlMessages } from "use-intl/core";

/*
 * The languages a client can be written to in, and their words. One catalogue per language in
 * `messages/<tag>.json` (next-intl's message format, ICU plurals); the list of languages is the
 * list of catalogues, so adding a language is adding a file, never code. Read from disk once per
 * process (the server, the worker, the seed and the tests all run from the project folder).
 * No `server-only`: the email templates use it and are pure functions the seed calls too.
 */

export const DEFAULT_LOCALE = "en";

/** A catalogue file name: a BCP 47 tag of a language and, optionally, a region ("es", "pt-BR"). */
const CATALOGUE_FILE = /^([a-z]{2,3}(?:-[A-Z]{2})?)\.json$/;

export type Messages = AbstractIntlMessages;

let loaded: ReadonlyMap<string, Messages> | null = null;

/** The folder of the catalogues: `messages/` in the project, or `ATTUNE_MESSAGES_DIR` (tests). */
function messagesDir(): string {
  return process.env.ATTUNE_MESSAGES_DIR ?? path.join(process.cwd(), "messages");
}

function catalogues(): ReadonlyMap<string, Messages> {
  if (loaded) return loaded;
  const dir = messagesDir();
  const found = new Map<string, Messages>();
  for (const file of readdirSync(dir).sort()) {
    const tag = CATALOGUE_FILE.exec(file)?.[1];
    if (tag) found.set(tag, JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Messages);
  }
  if (!found.has(DEFAULT_LOCALE)) throw new Error(`No ${DEFAULT_LOCALE}.json in ${dir}: the default catalogue is required`);
  loaded = found;
  return found;
}

/** Every language with a catalogue, the default first. */
export function listLocales(): string[] {
  const tags = [...catalogues().keys()];
  return [DEFAULT_LOCALE, ...tags.filter((tag) => tag !== DEFAULT_LOCALE)];
}

export function isLocale(value: unknown): value is string {
  return typeof value === "string" && catalogues().has(value);
}

/** A stored language that no longer has a catalogue falls back to the default: a client always reads something. */
export function resolveLocale(value: unknown): string {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function messagesFor(locale: string): Messages {
  return catalogues().get(resolveLocale(locale))!;
}

/** The language's own name ("Español") and its name in English ("Spanish"), from its catalogue. */
export function languageName(locale: string): { name: string; englishName: string } {
  const language = messagesFor(locale).language as { name?: string; englishName?: string } | undefined;
  return { name: language?.name ?? locale, englishName: language?.englishName ?? locale };
}

/** "Spanish (Español)" for the clinician's pickers and lists; "English" alone. */
export function languageLabel(locale: string): string {
  const { name, englishName } = languageName(locale);
  return name === englishName ? englishName : `${englishName} (${name})`;
}

/**
 * The namespaces that components running in the browser translate with (the questionnaire's parts
 * switch there: components/assessment/step-form.tsx and what it renders). Only these are sent to
 * the browser, and only on a client's questionnaire: every other page renders its words on the
 * server, and sending the whole catalogue made every page some 12 KB heavier.
 */
export const BROWSER_NAMESPACES = ["questionnaire", "titles", "crisis"] as const;

export function browserMessages(messages: Messages): Messages {
  return Object.fromEntries(BROWSER_NAMESPACES.map((namespace) => [namespace, messages[namespace] ?? {}]));
}

/** The catalogue's words outside React (emails, plain data), with its plurals and formats. */
export function translatorFor(locale: string, namespace?: string) {
  const resolved = resolveLocale(locale);
  // A missing key is a failing test (every catalogue has every key), never a thrown email.
  return createTranslator({ locale: resolved, messages: messagesFor(resolved), namespace, onError: () => undefined } as Parameters<typeof createTranslator>[0]);
}

export type LanguageOption = { value: string; label: string };

/** The clinician's choice of a client's (or the practice's) language, the default first. */
export function languageOptions(): LanguageOption[] {
  return listLocales().map((tag) => ({ value: tag, label: languageLabel(tag) }));
}
