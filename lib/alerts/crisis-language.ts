import { translatorFor } from "@/lib/i18n/catalogues";
import { crisisTextOf, DEFAULT_CRISIS_TEXT } from "./crisis";

/**
 * Where to get help, for a client reading `language` (server only: the catalogues are read from
 * disk, and crisis.ts is also loaded by the settings form in the browser). The practice's own text
 * as written when the client reads the practice's language; otherwise the default in the client's
 * language first, then the practice's own text (its local numbers): help is never withheld for want
 * of a translation.
 */
export function crisisTextIn(practiceText: string | null | undefined, language: string, practiceLanguage: string): string {
  const own = practiceText?.trim() || null;
  if (language === practiceLanguage) return crisisTextOf(own);
  const fallback = language === "en" ? DEFAULT_CRISIS_TEXT : String(translatorFor(language, "crisis")("default"));
  return own ? `${fallback}\n\n${own}` : fallback;
}
