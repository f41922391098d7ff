import "server-only";
import { randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import type { Executor } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { unseal } from "@/lib/core/seal";
import { hashToken } from "@/lib/core/tokens";
import { clock } from "@/lib/core/clock";

/* The second factor itself: TOTP codes and recovery codes (how they fit into sign-in: two-step.ts). */

export const ISSUER = "Attune";
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Codes from one step either side are accepted: phone clocks drift, and typing takes time. */
const WINDOW = 1;
/** A set-up (its secret travels sealed in the form) must be confirmed within this time. */
export const ENROLMENT_MAX_AGE_MS = 30 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;
/** No 0/O or 1/I/L: a code is read off paper. 10 characters of 31 ≈ 50 bits. */
const RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** 16 characters of 31 ≈ 79 bits (issue 24, probe 10: 10 characters were ≈ 50). */
const RECOVERY_CODE_LENGTH = 16;
/** scrypt, salted per code: a stolen table is not a list of codes to look up. ~30 ms a check. */
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, keylen: 32 } as const;

export function totp(secret: OTPAuth.Secret, label: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS, secret });
}

/** The time step a code of `now` belongs to. */
function stepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PERIOD_SECONDS);
}

/**
 * The step of the code typed, when it is right for this secret, now, and later than the last code
 * accepted; else null.
 */
export function acceptedStep(secretBase32: string, code: string, lastStep: number | null, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(OTPAuth.Secret.fromBase32(secretBase32), "").validate({ token: code, timestamp: nowMs, window: WINDOW });
  if (delta === null) return null;
  const step = stepAt(nowMs) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Spaces and dashes are how codes are written out; both kinds are read without them. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

export function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** `scrypt$<salt>$<hash>` of the code as typed without spaces or dashes. */
/** scrypt off the event loop (a check never holds up other requests). */
function scryptHash(value: string, salt: Buffer, keylen: number): Promise<Buffer> {
  const { N, r, p } = SCRYPT;
  return new Promise((resolve, reject) => scrypt(value, salt, keylen, { N, r, p }, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashRecoveryCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptHash(normalizeCode(code), salt, SCRYPT.keylen);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** Whether `code` is the one `stored` was made from (also the unsalted SHA-256 of codes made before). */
export async function recoveryCodeMatches(stored: string, code: string): Promise<boolean> {
  const normalized = normalizeCode(code);
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return stored === hashToken(normalized);
  const expected = Buffer.from(hash, "base64url");
  const actual = await scryptHash(normalized, Buffer.from(salt, "base64url"), expected.length);
  return timingSafeEqual(expected, actual);
}

export type SecondFactorMethod = "app" | "recovery_code";

/**
 * Checks a code from the app, or one of the recovery codes, for a user with two-step sign-in on,
 * and spends it (an app code's step, a recovery code). Null when it is not right, or was used.
 * Run inside a transaction: the user row is locked while the code is checked.
 */
export async function spendSecondFactor(tx: Executor, userId: string, typed: string, nowMs = clock.ms()): Promise<SecondFactorMethod | null> {
  const code = normalizeCode(typed);
  const [user] = await tx.select({ sealed: users.totpSecretSealed, lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId)).for("update");
  const secret = user?.sealed ? unseal("two-step-secret", user.sealed) : null;
  if (!user || !secret) return null;
  if (/^\d{6}$/.test(code)) {
    const step = acceptedStep(secret, code, user.lastStep, nowMs);
    if (step === null) return null;
    await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, userId));
    return "app";
  }
  if (!/^[A-Z0-9]{8,32}$/.test(code)) return null;
  const unused = await tx
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  let match: { id: string } | undefined;
  for (const row of unused) if (!match && (await recoveryCodeMatches(row.codeHash, code))) match = row;
  if (!match) return null;
  await tx.update(recoveryCodes).set({ usedAt: new Date(nowMs) }).where(eq(recoveryCodes.id, match.id));
  return "recovery_code";
}

