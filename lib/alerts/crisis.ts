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

/**
 * What a practice's own text might look like, shown to the owner until the practice writes its
 * own. An example only, for one country: it is never shown to a client (the default above is).
 */
export const EXAMPLE_CRISIS_TEXT = {
  country: "the United Kingdom",
  text: [
    "If you are in immediate danger, call 999 or go to your nearest A&E.",
    "You can call Samaritans free at any time, day or night, on 116 123, or call NHS 111 and choose the mental health option.",
    "Between sessions you can also reach us on 020 0000 0000 (weekdays 9am–5pm).",
  ].join("\n\n"),
};
