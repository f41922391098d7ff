// What a client who gave a critical answer is shown on the thank-you page. No `server-only`: plain data.

/** Shown when the practice has not written its own (Settings). Safe anywhere: it names no number. */
export const DEFAULT_CRISIS_TEXT = [
  "If you are thinking about harming yourself, or you feel you might act on such thoughts, please get help now.",
  "If you are in immediate danger, call your local emergency number or go to the nearest emergency department.",
  "You can also contact a crisis line in your country, your doctor, or someone you trust. You do not have to wait for your next session: your therapist will also see your answers.",
].join("\n\n");

export const CRISIS_TEXT_MAX = 2000;

/** The practice's own text, or the safe default when it has none. */
export function crisisTextOf(practiceText: string | null | undefined): string {
  const text = practiceText?.trim();
  return text ? text : DEFAULT_CRISIS_TEXT;
}
