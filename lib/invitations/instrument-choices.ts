import "server-only";
import { languageName } from "@/lib/i18n/catalogues";
import { SENDABLE_INSTRUMENTS } from "@/lib/instruments";
import { findTranslation } from "@/lib/instruments/translations";

/** One questionnaire the clinician can choose (the shape of components/invitations/instrument-picker). */
export type SendableChoice = { value: string; label: string; description: string };

/**
 * What the send form offers for people reading `languages`: each questionnaire's one line, plus,
 * for every language other than English, whether it exists there — a published translation, our
 * own not yet validated, or none (it then reaches that person in English, and the form says so
 * before anything is sent).
 */
export function sendableChoicesFor(languages: readonly string[]): SendableChoice[] {
  const others = [...new Set(languages)].filter((language) => language !== "en");
  return SENDABLE_INSTRUMENTS.map((instrument) => {
    const notes = others.map((language) => {
      const name = languageName(language).englishName;
      const translation = findTranslation(instrument, language);
      if (!translation) return `Not available in ${name}: sent in English.`;
      return translation.status === "published" ? `In ${name}: published translation.` : `In ${name}: our translation, not yet validated.`;
    });
    return { value: instrument.key, label: instrument.title, description: [instrument.description, ...notes].join(" ") };
  });
}
