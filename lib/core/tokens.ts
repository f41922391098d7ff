import { createHash, randomBytes } from "node:crypto";

/*
 * The secret a link carries: an assessment invitation (`/a/<token>`) or a set-password link
 * (`/set-password/<token>`). Both work the same way: 256 random bits go into the link once, and
 * only their SHA-256 is stored, so a leaked table does not yield working links.
 */

const TOKEN_BYTES = 32; // 256 bits: unguessable, so the link itself is the credential.
export const TOKEN_LENGTH = 43; // base64url of 32 bytes, without padding

const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

type GeneratedToken = {
  /** Goes into the link once and is never stored. */
  token: string;
  /** What the database keeps: a leaked table does not yield working links. */
  tokenHash: string;
};

export function generateToken(): GeneratedToken {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

/**
 * SHA-256 hex of the token string. A fast unsalted hash is enough here: the token has 256 bits of
 * entropy, so there is nothing to brute-force, and lookups by hash need it to be deterministic.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before touching the database, so junk in a link costs no query. */
export function isWellFormedToken(s: unknown): s is string {
  return typeof s === "string" && WELL_FORMED.test(s);
}
