import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/*
 * Authenticated encryption (AES-256-GCM) for secrets that must pass through places we do not
 * trust to keep them: a form field, a link, a database row. One key per purpose, derived from
 * AUTH_SECRET with HKDF, so a value sealed for one purpose never opens as another. Whoever holds
 * the database alone cannot read or forge anything sealed here; AUTH_SECRET must stay out of it.
 *
 * Not `server-only`: pure functions of their input and AUTH_SECRET (which only the server has),
 * so the end-to-end tests can read what the server under test sealed.
 *
 * Rotation: AUTH_SECRET is the current secret, AUTH_SECRET_1…AUTH_SECRET_3 earlier ones (the same
 * ring Auth.js gets, lib/auth/config.ts). New values are sealed under the current secret; a value
 * opens under any secret of the ring, so nothing sealed before a rotation is lost, and
 * `npm run reseal` re-seals what is stored under an earlier one until it can be dropped.
 */

/** What a sealed value is for; each names its own key. */
export type SealPurpose =
  | "invitation-form-ref"
  | "email-outbox"
  | "sign-up-link"
  | "two-step-secret"
  | "two-step-enrolment"
  | "client-import"
  | "results-form-ref"
  | "send-request-links";

const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

/** The names of the ring's variables, current first. */
export const SECRET_VARIABLES = ["AUTH_SECRET", "AUTH_SECRET_1", "AUTH_SECRET_2", "AUTH_SECRET_3"] as const;

/**
 * The secrets, current first: AUTH_SECRET, then the earlier ones that are set (blank counts as
 * unset). Empty when AUTH_SECRET itself is unset: an earlier secret alone seals nothing.
 * process.env, not config/env (server-only): the plain-Node e2e fixtures open sealed values too.
 */
export function secretRing(source: { [name in (typeof SECRET_VARIABLES)[number]]?: string | undefined } = process.env as Record<string, string | undefined>): string[] {
  const [current, ...earlier] = SECRET_VARIABLES.map((name) => source[name]?.trim() || undefined);
  if (!current) return [];
  return [current, ...earlier.filter((secret): secret is string => secret !== undefined && secret !== current)];
}

function keyFor(purpose: SealPurpose, secret: string | undefined): Buffer {
  if (!secret) throw new Error(`AUTH_SECRET is not set; it also seals values (${purpose}).`);
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", `attune/${purpose}/v1`, 32));
    if (keys.size > 64) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

/** base64url of iv ‖ tag ‖ ciphertext; a fresh IV each time, so sealing twice never gives the same value. */
export function seal(purpose: SealPurpose, plaintext: string, secret?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret ?? secretRing()[0]), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

/**
 * The plaintext, or null for anything not sealed for this purpose under this secret (tampered,
 * invented, truncated, another purpose, a secret no longer in the ring). Never throws on its input;
 * throws only when AUTH_SECRET is not set at all. `secret` names one secret (or ring) to try instead
 * of the environment's ring.
 */
export function unseal(purpose: SealPurpose, value: unknown, options: { maxLength?: number; secret?: string | readonly string[] } = {}): string | null {
  return unsealWithAge(purpose, value, options)?.plaintext ?? null;
}

/**
 * As `unseal`, and which secret of the ring opened it: 0 the current one, 1 AUTH_SECRET_1's, and so
 * on. What `npm run reseal` needs to know which stored values to seal again.
 */
export function unsealWithAge(
  purpose: SealPurpose,
  value: unknown,
  options: { maxLength?: number; secret?: string | readonly string[] } = {},
): { plaintext: string; secretIndex: number } | null {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  if (options.maxLength !== undefined && value.length > options.maxLength) return null;
  const bytes = Buffer.from(value, "base64url");
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  const ring = options.secret === undefined ? secretRing() : typeof options.secret === "string" ? [options.secret] : [...options.secret];
  // Outside the try: a missing AUTH_SECRET is a broken deployment, not a bad value.
  if (ring.length === 0) keyFor(purpose, undefined);
  for (const [secretIndex, secret] of ring.entries()) {
    const key = keyFor(purpose, secret);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plaintext = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      return { plaintext, secretIndex };
    } catch {
      // Not this secret; try the next one.
    }
  }
  return null;
}
