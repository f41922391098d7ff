/**
 * Every kind of email the app sends, and what each is in words for the owner's outbox. The outbox
 * stores the key; people read the words (never "RESULTS_LINK"). A new kind must be added here, or
 * enqueueEmail does not type-check.
 */
export const EMAIL_KIND_WORDS = {
  invitation: "Questionnaire invitation",
  reminder: "Questionnaire reminder",
  results_link: "Results shared with a client",
  clinical_alert: "Safety alert to the clinician",
  set_password: "Team invitation",
  sign_up: "Sign-up confirmation",
  password_reset: "Password reset",
  password_changed: "Password changed notice",
  email_change: "Sign-in email change: confirmation",
  email_change_notice: "Sign-in email change: notice to the old address",
} as const;

export type EmailKind = keyof typeof EMAIL_KIND_WORDS;

/** The words for a stored kind; an unknown one (from an older version) in plain words, not a code. */
export function emailKindWords(kind: string): string {
  if (kind in EMAIL_KIND_WORDS) return EMAIL_KIND_WORDS[kind as EmailKind];
  const words = kind.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Email";
}
