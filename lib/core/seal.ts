import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/*
 * Authenticated encryption (AES-256-GCM) for secrets that must pass through places we do not
 * trust to keep them: a form field, a link, a database row. One key per purpose, derived from
 * AUTH_SECRET with HKDF, so a value sealed for one purpose never opens as another. Whoever holds
 * the database alone cannot read or forge anything sealed here; AUTH_SECRET must stay out of it.
 *
 * Not `server-only`: pure functions of their input and AUTH_SECRET (which only the server has),
 * so the end-to-end tests can read what the server under test sealed.
 */

/** What a sealed value is for; each names its own key. */
export type SealPurpose =
  | "invitation-form-ref"
  | "email-outbox"
  | "sign-up-link"
  | "two-step-secret"
  | "two-step-enrolment"
  | "client-import"
  | "results-form-ref";

const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

// process.env, not config/env (server-only): the plain-Node e2e fixtures open sealed values too.
function keyFor(purpose: SealPurpose, secret = process.env.AUTH_SECRET): Buffer {
  if (!secret) throw new Error(`AUTH_SECRET is not set; it also seals values (${purpose}).`);
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", `attune/${purpose}/v1`, 32));
    if (keys.size > 16) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

/** base64url of iv ‖ tag ‖ ciphertext; a fresh IV each time, so sealing twice never gives the same value. */
export function seal(purpose: SealPurpose, plaintext: string, secret?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

/**
 * The plaintext, or null for anything not sealed for this purpose under this secret (tampered,
 * invented, truncated, another purpose, a rotated AUTH_SECRET). Never throws on its input; throws
 * only when AUTH_SECRET is not set at all.
 */
export function unseal(purpose: SealPurpose, value: unknown, options: { maxLength?: number; secret?: string } = {}): string | null {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  if (options.maxLength !== undefined && value.length > options.maxLength) return null;
  const bytes = Buffer.from(value, "base64url");
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  // Outside the try: a missing AUTH_SECRET is a broken deployment, not a bad value.
  const key = keyFor(purpose, options.secret);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
