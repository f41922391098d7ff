import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import type { Executor } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { unseal } from "@/lib/seal";
import { hashToken } from "@/lib/tokens";
import { clock } from "@/lib/clock";

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
const RECOVERY_CODE_LENGTH = 10;

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
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function hashRecoveryCode(code: string): string {
  return hashToken(normalizeCode(code));
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
  const [used] = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date(nowMs) })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used ? "recovery_code" : null;
}

