import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { getEnv } from "@/config/env";
import type { Executor } from "@/db/client";
import { ipBucket } from "@/lib/http/ip-bucket";
import { consumeRateLimit, exhaustedRateLimits, readRateLimit, refundRateLimit, resetRateLimit, resetRateLimitsByPrefix } from "@/lib/http/rate-limit";

/*
 * Sign-in attempts are throttled with the shared PostgreSQL counters of lib/rate-limit.ts, so the
 * limits hold however many app instances answer. Only failures count: each attempt is counted
 * *before* its password is checked (concurrent guesses cannot all slip in under a limit), and a
 * successful one gives its count back. The rule (issue 24, probe 9; README "Security"):
 * - per account *and* source (an IPv4 address, or an IPv6 /64): 10 failures in 15 minutes stop
 *   that source, for that account, for the rest of the window;
 * - per source, whatever the accounts: 50 failures in 15 minutes;
 * - per account as a whole, no hard lock: after 10 failures in the window, each further attempt
 *   waits twice as long as the one before (2 s, 4 s, 8 s … at most 15 minutes) since the last
 *   failure — guessing slows to a crawl, while a clinician is kept waiting minutes, not locked out;
 * - a browser that signed in to the account before (a signed device cookie, lib/auth/device.ts)
 *   skips that account-wide delay: failures from elsewhere cannot keep a clinician out;
 * - the practice owner can lift it all at once.
 */

/** Failures of an account before its attempts are spaced out; also what the team list calls "locked". */
export const SIGN_IN_ACCOUNT_LIMIT = { limit: 10, windowSeconds: 15 * 60 };

/** 10 failures for one account from one source in 15 minutes stop that source for that account. */
export const SIGN_IN_SOURCE_LIMIT = { limit: 10, windowSeconds: 15 * 60 };

/**
 * 50 failures in 15 minutes from one source, whatever the accounts: a practice's clinicians
 * often share an office address, and an honest typo costs one or two.
 */
export const SIGN_IN_IP_LIMIT = { limit: 50, windowSeconds: 15 * 60 };

/** The longest wait between attempts on an account past its free failures. */
const MAX_DELAY_SECONDS = 15 * 60;
/** Never refused by count: the account-wide counter only measures, the delay decides. */
const ACCOUNT_COUNTER = { limit: 100_000, windowSeconds: SIGN_IN_ACCOUNT_LIMIT.windowSeconds };

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
const lastFailureKey = (email: string) => `sign-in:account-last:${emailFingerprint(email)}`;
const sourcePrefix = (email: string) => `sign-in:account-source:${emailFingerprint(email)}:`;
export const sourceKey = (email: string, ip: string) => `${sourcePrefix(email)}${ipBucket(ip)}`;
export const ipKey = (ip: string) => `sign-in:ip:${ipBucket(ip)}`;

export type SignInReservation = { email: string; ip: string };

/** The wait before the next attempt on an account with `failures` in its window: none up to the free ones, then doubling. */
export function accountDelaySeconds(failures: number): number {
  const over = failures - SIGN_IN_ACCOUNT_LIMIT.limit;
  return over < 0 ? 0 : Math.min(MAX_DELAY_SECONDS, 2 ** (over + 1));
}

/**
 * Counts one attempt against the source, the account from this source, and the account. Refused,
 * it says how long to wait and counts nothing (so retrying does not also use up the office's
 * allowance). `trustedDevice`: the browser signed in to this account before (lib/auth/device.ts).
 */
export async function reserveSignInAttempt(
  email: string,
  ip: string,
  options: { trustedDevice?: boolean } = {},
): Promise<{ allowed: true; reservation: SignInReservation } | { allowed: false; retryAfterSeconds: number }> {
  const byIp = await consumeRateLimit(ipKey(ip), SIGN_IN_IP_LIMIT);
  if (!byIp.allowed) return { allowed: false, retryAfterSeconds: byIp.retryAfterSeconds };
  const bySource = await consumeRateLimit(sourceKey(email, ip), SIGN_IN_SOURCE_LIMIT);
  if (!bySource.allowed) {
    await refundRateLimit(ipKey(ip));
    return { allowed: false, retryAfterSeconds: bySource.retryAfterSeconds };
  }
  if (!options.trustedDevice) {
    const account = await readRateLimit(accountKey(email), SIGN_IN_ACCOUNT_LIMIT.windowSeconds);
    const delay = accountDelaySeconds(account?.count ?? 0);
    if (delay > 0) {
      const last = await readRateLimit(lastFailureKey(email), MAX_DELAY_SECONDS);
      const waited = last ? last.ageSeconds : Infinity;
      if (waited < delay) {
        await refundRateLimit(ipKey(ip));
        await refundRateLimit(sourceKey(email, ip));
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(delay - waited)) };
      }
    }
  }
  await consumeRateLimit(accountKey(email), ACCOUNT_COUNTER);
  // The time of this attempt, for the next one's delay.
  await resetRateLimit(lastFailureKey(email));
  await consumeRateLimit(lastFailureKey(email), { limit: 1, windowSeconds: MAX_DELAY_SECONDS });
  return { allowed: true, reservation: { email, ip } };
}

/**
 * A successful sign-in: the address gets its attempt back, and the account's earlier failures are
 * forgotten (whoever knows the password gains nothing by clearing them).
 */
export async function settleSuccessfulSignIn(reservation: SignInReservation): Promise<void> {
  await refundRateLimit(ipKey(reservation.ip));
  await resetRateLimit(sourceKey(reservation.email, reservation.ip));
  await resetRateLimit(accountKey(reservation.email));
  await resetRateLimit(lastFailureKey(reservation.email));
}

/**
 * A right password when a second step follows: the attempt is given back to the counters, but the
 * account's earlier failures stay until the code is right — else each right password would clear
 * the count of wrong codes, and the codes could be guessed without end.
 */
export async function returnSignInAttempt(reservation: SignInReservation): Promise<void> {
  await refundRateLimit(ipKey(reservation.ip));
  await refundRateLimit(sourceKey(reservation.email, reservation.ip));
  await refundRateLimit(accountKey(reservation.email));
}

/** Lifts an account's lock at once (the practice owner's unlock). */
export async function clearAccountLock(email: string, executor?: Executor): Promise<void> {
  await resetRateLimit(accountKey(email), executor);
  await resetRateLimit(lastFailureKey(email), executor);
  await resetRateLimitsByPrefix(sourcePrefix(email), executor);
}

/** For each email whose account is past its free failures now, the seconds until its window ends. */
export async function lockedAccounts(emails: string[]): Promise<Map<string, number>> {
  const keys = new Map(emails.map((email) => [accountKey(email), email]));
  const exhausted = await exhaustedRateLimits([...keys.keys()], SIGN_IN_ACCOUNT_LIMIT);
  return new Map([...exhausted].map(([key, seconds]) => [keys.get(key)!, seconds]));
}
