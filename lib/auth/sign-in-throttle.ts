import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { getEnv } from "@/config/env";
import type { Executor } from "@/db/client";
import { consumeRateLimit, exhaustedRateLimits, refundRateLimit, resetRateLimit } from "@/lib/http/rate-limit";

/*
 * Sign-in attempts are throttled per account and per IP, with the shared PostgreSQL counters of
 * lib/http/rate-limit.ts, so the limits hold however many app instances answer. Only failures count:
 * each attempt is counted *before* its password is checked (concurrent guesses cannot all slip in
 * under the limit), and a successful one gives its count back. An account past its limit refuses
 * even the right password until the window ends or the practice owner unlocks it.
 */

/** 10 wrong passwords in 15 minutes lock the account for the rest of the window. */
export const SIGN_IN_ACCOUNT_LIMIT = { limit: 10, windowSeconds: 15 * 60 };

/**
 * 50 failures in 15 minutes from one address, whatever the accounts: a practice's clinicians
 * often share an office address, and an honest typo costs one or two.
 */
export const SIGN_IN_IP_LIMIT = { limit: 50, windowSeconds: 15 * 60 };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

let cachedKey: { secret: string; key: Buffer } | undefined;

function fingerprintKey(): Buffer {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set; it also keys sign-in fingerprints.");
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", "attune/email-fingerprint/v1", 32)) };
  }
  return cachedKey.key;
}

/**
 * A keyed hash of an email as typed (normalised): it lets counters and the audit trail tell
 * attempts on the same address apart without storing an address that may belong to no user. Keyed,
 * because a plain hash of an email is reversed by hashing a list of addresses.
 */
export function emailFingerprint(email: string): string {
  return createHmac("sha256", fingerprintKey()).update(normalizeEmail(email)).digest("base64url");
}

/** The counters' keys (exported for tests that need a counter near its limit without the argon2 work). */
export const accountKey = (email: string) => `sign-in:account:${emailFingerprint(email)}`;
export const ipKey = (ip: string) => `sign-in:ip:${ip}`;

export type SignInReservation = { email: string; ip: string };

/**
 * Counts one attempt against the address and the account. Refused, it says how long to wait and
 * counts nothing (so retrying a locked account does not also use up the office's allowance).
 */
export async function reserveSignInAttempt(
  email: string,
  ip: string,
): Promise<{ allowed: true; reservation: SignInReservation } | { allowed: false; retryAfterSeconds: number }> {
  const byIp = await consumeRateLimit(ipKey(ip), SIGN_IN_IP_LIMIT);
  if (!byIp.allowed) return { allowed: false, retryAfterSeconds: byIp.retryAfterSeconds };
  const byAccount = await consumeRateLimit(accountKey(email), SIGN_IN_ACCOUNT_LIMIT);
  if (!byAccount.allowed) {
    await refundRateLimit(ipKey(ip));
    return { allowed: false, retryAfterSeconds: byAccount.retryAfterSeconds };
  }
  return { allowed: true, reservation: { email, ip } };
}

/**
 * A successful sign-in: the address gets its attempt back, and the account's earlier failures are
 * forgotten (whoever knows the password gains nothing by clearing them).
 */
export async function settleSuccessfulSignIn(reservation: SignInReservation): Promise<void> {
  await refundRateLimit(ipKey(reservation.ip));
  await resetRateLimit(accountKey(reservation.email));
}

/**
 * A right password when a second step follows: the attempt is given back to both counters, but the
 * account's earlier failures stay until the code is right — else each right password would clear
 * the count of wrong codes, and the codes could be guessed without end.
 */
export async function returnSignInAttempt(reservation: SignInReservation): Promise<void> {
  await refundRateLimit(ipKey(reservation.ip));
  await refundRateLimit(accountKey(reservation.email));
}

/** Lifts an account's lock at once (the practice owner's unlock). */
export async function clearAccountLock(email: string, executor?: Executor): Promise<void> {
  await resetRateLimit(accountKey(email), executor);
}

/** For each email whose account is locked now, the seconds until the lock ends by itself. */
export async function lockedAccounts(emails: string[]): Promise<Map<string, number>> {
  const keys = new Map(emails.map((email) => [accountKey(email), email]));
  const exhausted = await exhaustedRateLimits([...keys.keys()], SIGN_IN_ACCOUNT_LIMIT);
  return new Map([...exhausted].map(([key, seconds]) => [keys.get(key)!, seconds]));
}
