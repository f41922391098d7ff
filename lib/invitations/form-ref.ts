import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "@/config/env";
import { isWellFormedToken } from "@/lib/tokens";

/*
 * The questionnaire's forms must tell the server action which invitation they belong to, but the
 * token may appear nowhere except the URL (a hidden field would put the credential into the page
 * source, saved pages and form-filler caches), and a server action cannot read the page URL.
 * So the form carries the token sealed with AES-256-GCM under a key derived from AUTH_SECRET:
 * unreadable, and unforgeable — a tampered or invented value opens to nothing, without a query,
 * so the forms cannot be used to guess tokens. Rotating the token (resend) still kills old pages:
 * the sealed token is looked up like any other.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_REF_LENGTH = 256;

let cachedKey: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set; it also seals the questionnaire's form references.");
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", "attune/invitation-form-ref/v1", 32)) };
  }
  return cachedKey.key;
}

export function sealInvitationToken(token: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

/** The token inside a sealed reference, or null for anything we did not seal. Never throws on input. */
export function openInvitationRef(ref: unknown): string | null {
  if (typeof ref !== "string" || ref.length > MAX_REF_LENGTH || !/^[A-Za-z0-9_-]+$/.test(ref)) return null;
  const bytes = Buffer.from(ref, "base64url");
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const token = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    return isWellFormedToken(token) ? token : null;
  } catch {
    return null;
  }
}
