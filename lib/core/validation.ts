import { z } from "zod";

// Zod compiles object parsers with `new Function` when it may, and probes for that when an object
// schema is made; under our Content-Security-Policy (no 'unsafe-eval') the browser reports the
// probe as a violation. Schemas that reach the browser (lib/clients/schemas.ts) import this module
// before making theirs; e2e/security-headers.spec.ts fails if one ever probes again.
z.config({ jitless: true });

/*
 * Characters no name or note typed by a person contains, refused in every free-text field:
 * control characters other than tab and line breaks (PostgreSQL refuses NUL outright, which
 * would surface as a server error), the bidirectional overrides and isolates that make a name
 * display as something else ("Trojan source" spoofing), unpaired surrogates, and U+FFFD, the
 * mark of text that arrived damaged. Emoji, combining marks and every script are welcome.
 */
const UNTYPEABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Cs}\uFFFD]/u;

export function isPlainText(value: string): boolean {
  return !UNTYPEABLE.test(value);
}

export const PLAIN_TEXT_ERROR = "Remove the control or formatting characters, which cannot be shown.";

/** Form fields arrive as strings; these schemas trim and explain themselves in words a person reads. */
export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .refine(isPlainText, { error: PLAIN_TEXT_ERROR });

export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .min(1, { error: "Email is required." })
  .max(254, { error: "Email must be at most 254 characters." })
  .pipe(z.email({ error: "Enter an email address like name@example.com." }))
  .transform((email) => email.toLowerCase());

const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;

/** Length only: composition rules make passwords weaker in practice (NIST SP 800-63B). */
export const newPasswordSchema = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters.` })
  .max(PASSWORD_MAX, { error: `Use at most ${PASSWORD_MAX} characters.` });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string({ error: "Time zone is required." })
  .trim()
  .min(1, { error: "Time zone is required." })
  .refine(isTimeZone, { error: "Choose a time zone from the list." });

export const uuidSchema = z.uuid();

export type FieldErrors = Record<string, string[] | undefined>;

/** The first message per field, as forms show them. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** Form values to echo back after a failed submit (never passwords). */
export function echoValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$") || omit.includes(key) || /password/i.test(key)) continue;
    // A group of checkboxes posts one entry per ticked box: echoed comma-separated (see `echoedList`).
    values[key] = Object.hasOwn(values, key) ? `${values[key]},${value}` : value;
  }
  return values;
}

/** The values of a checkbox group as echoed by `echoValues`. */
export function echoedList(value: string | undefined): string[] {
  return value ? value.split(",").filter(Boolean) : [];
}

/**
 * A posted form as a plain object for a schema: one string per field, and an array for a field
 * posted more than once (a group of checkboxes). Anything else a schema expects is refused by it.
 */
export function formObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const object: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    object[key] = all.length === 1 ? all[0]! : all;
  }
  return object;
}

/**
 * A group of checkboxes: nothing ticked posts nothing (an empty list), one ticked posts a string.
 * The domain decides what an empty or unknown choice means.
 */
export const checkboxListSchema = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().max(40), { error: "Choose from the list." }).max(20, { error: "Choose from the list." }),
);
