import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { getDb, type Executor } from "@/db/client";
import { recoveryCodes, sessions, teamInvitations, users } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { qrCodeSvg, type QrCodeSvg } from "@/lib/core/qr-code";
import { seal, unseal } from "@/lib/core/seal";
import { uuidSchema } from "@/lib/core/validation";
import type { Actor } from "@/lib/core/actor-types";
import { requireOwner } from "@/lib/core/owner";
import { confirmIdentity, type ReauthInput } from "./reauth";
import { acceptedStep, ENROLMENT_MAX_AGE_MS, hashRecoveryCode, newRecoveryCode, normalizeCode, RECOVERY_CODE_COUNT, spendSecondFactor, totp } from "./second-factor";

export { normalizeCode, RECOVERY_CODE_COUNT, spendSecondFactor };
import { reserveSignInAttempt, settleSuccessfulSignIn } from "./sign-in-throttle";
import { clock } from "@/lib/core/clock";

/*
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238, via `otpauth`): SHA-1, six digits,
 * 30-second steps — what every authenticator app reads from a QR code. The secret is stored
 * sealed (lib/core/seal.ts), never readable in the database; the step of the last accepted code is
 * stored too, so a code cannot be used twice. Ten recovery codes per enrolment are shown once and
 * stored as SHA-256 hashes, each usable once. How the step fits into sign-in: docs/decisions/0019.
 */

export type Enrolment = {
  /** The secret, sealed with the user and the time: the form carries it back to confirm. */
  sealed: string;
  /** The secret in text, in groups of four, for typing into an app instead of scanning. */
  secretText: string;
  qr: QrCodeSvg;
};

/** A new secret to show while setting up; nothing is stored until a first code confirms it. */
export function beginEnrolment(user: { userId: string; email: string }, nowMs = clock.ms()): Enrolment {
  const secret = new OTPAuth.Secret({ size: 20 });
  const uri = totp(secret, user.email).toString();
  return {
    sealed: seal("two-step-enrolment", JSON.stringify({ u: user.userId, s: secret.base32, t: nowMs })),
    secretText: secret.base32.replace(/(.{4})/g, "$1 ").trim(),
    qr: qrCodeSvg(uri),
  };
}

/**
 * Turns two-step sign-in on, when the code typed is right for the secret shown; returns the ten
 * recovery codes, which are never shown again. When it completes a forced set-up, the session may
 * go on (`sessionId`).
 */
export async function confirmEnrolment(
  user: { userId: string; practiceId: string; email: string },
  input: { enrolment: string; code: string } & ({ sessionId: string } | { reauth: ReauthInput }),
  nowMs = clock.ms(),
): Promise<{ recoveryCodes: string[] }> {
  // From My account, new recovery codes (and a second step that would lock the holder out) need
  // the current password; the forced set-up at sign-in follows a password just typed.
  if ("reauth" in input) await confirmIdentity(user, input.reauth, nowMs);
  const opened = unseal("two-step-enrolment", input.enrolment, { maxLength: 500 });
  const parsed = opened ? (JSON.parse(opened) as { u: string; s: string; t: number }) : null;
  if (!parsed || parsed.u !== user.userId || nowMs - parsed.t > ENROLMENT_MAX_AGE_MS) {
    throw new DomainError("This set-up has expired. Reload the page, scan the new code and try again.");
  }
  const step = acceptedStep(parsed.s, normalizeCode(input.code), null, nowMs);
  if (step === null) {
    throw new DomainError("That code is not right. Type the six digits your app shows now for Attune.", "code");
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ sealed: users.totpSecretSealed })
      .from(users)
      .where(and(eq(users.id, user.userId), eq(users.active, true)))
      .for("update");
    if (!row) throw new NotFoundError("User");
    if (row.sealed) throw new DomainError("Two-step sign-in is already on for your account.");
    await tx
      .update(users)
      .set({ totpSecretSealed: seal("two-step-secret", parsed.s), totpLastStep: step, twoStepEnabledAt: new Date(nowMs), updatedAt: clock.now() })
      .where(eq(users.id, user.userId));
    await replaceRecoveryCodes(tx, user.userId, codes);
    if ("sessionId" in input) {
      await tx
        .update(sessions)
        .set({ pendingStep: null })
        .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, user.userId), eq(sessions.pendingStep, "enrolment")));
    }
    await recordAudit(tx, user, { action: "user.two_step_enable", subjectType: "user", subjectId: user.userId });
  });
  return { recoveryCodes: codes };
}

async function replaceRecoveryCodes(tx: Executor, userId: string, codes: string[]) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const hashes = await Promise.all(codes.map(hashRecoveryCode));
  await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

export type SecondStepOutcome =
  | { ok: true }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "no_pending_step" };

/**
 * The second step of sign-in: a code from the app, or one of the recovery codes. Counted by the
 * same throttle as passwords (per account and per IP; a wrong code is a failure like a wrong
 * password). A right code ends the pending state of this session and records the sign-in.
 */
export async function completeSecondStep(
  session: { sessionId: string; userId: string },
  input: { code: string; ip: string | null },
  nowMs = clock.ms(),
): Promise<SecondStepOutcome> {
  const db = await getDb();
  const [row] = await db
    .select({ email: users.email, practiceId: users.practiceId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, session.sessionId),
        eq(sessions.userId, session.userId),
        eq(sessions.pendingStep, "second_factor"),
        isNull(sessions.endedAt),
        eq(users.active, true),
      ),
    )
    .limit(1);
  if (!row) return { ok: false, reason: "no_pending_step" };
  const throttle = await reserveSignInAttempt(row.email, input.ip ?? "unknown");
  if (!throttle.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  const actor = { userId: session.userId, practiceId: row.practiceId };
  const method = await db.transaction((tx) => spendSecondFactor(tx, session.userId, input.code, nowMs));

  if (!method) {
    await recordAudit(db, { userId: null, practiceId: row.practiceId }, {
      action: "user.sign_in_failed",
      subjectType: "user",
      subjectId: session.userId,
      details: { reason: "wrong_code" },
    });
    return { ok: false, reason: "invalid" };
  }
  await settleSuccessfulSignIn(throttle.reservation);
  await db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ pendingStep: null, lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, session.sessionId), eq(sessions.pendingStep, "second_factor")));
    await recordAudit(tx, actor, {
      action: "user.sign_in",
      subjectType: "user",
      subjectId: session.userId,
      details: { sessionId: session.sessionId, secondStep: method },
    });
  });
  return { ok: true };
}

export type TwoStepStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number };

export async function twoStepStatus(actor: Pick<Actor, "userId">): Promise<TwoStepStatus> {
  const db = await getDb();
  const [row] = await db
    .select({
      enabledAt: users.twoStepEnabledAt,
      enabled: sql<boolean>`${users.totpSecretSealed} is not null`,
      left: sql<number>`(select count(*)::int from recovery_codes r where r.user_id = "users"."id" and r.used_at is null)`,
    })
    .from(users)
    .where(eq(users.id, actor.userId));
  return { enabled: Boolean(row?.enabled), enabledAt: row?.enabled ? (row.enabledAt ?? null) : null, recoveryCodesLeft: Number(row?.left ?? 0) };
}

/**
 * The owner turns a team member's two-step sign-in off (a lost phone and lost recovery codes),
 * given the owner's own password (and code): lib/auth/reauth.ts.
 * Their next sign-in needs only the password — or, where the practice requires it, a new set-up.
 */
export async function resetTwoStep(actor: Actor, userId: string, reauth: ReauthInput): Promise<void> {
  requireOwner(actor);
  if (!uuidSchema.safeParse(userId).success) throw new NotFoundError("User");
  await confirmIdentity(actor, reauth);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, sealed: users.totpSecretSealed })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId)))
      .for("update");
    // An address held by an account elsewhere is listed like a member who never set up two-step
    // (lib/team/invited-elsewhere.ts) and answered like one (issue 24, probe 8).
    const [held] = user ? [] : await tx.select({ name: teamInvitations.name }).from(teamInvitations).where(and(eq(teamInvitations.id, userId), eq(teamInvitations.practiceId, actor.practiceId)));
    if (held) throw new DomainError(`${held.name} does not have two-step sign-in on.`);
    if (!user) throw new NotFoundError("User");
    if (!user.sealed) throw new DomainError(`${user.name} does not have two-step sign-in on.`);
    await tx.update(users).set({ totpSecretSealed: null, totpLastStep: null, twoStepEnabledAt: null, updatedAt: clock.now() }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await recordAudit(tx, actor, { action: "user.two_step_reset", subjectType: "user", subjectId: user.id });
  });
}
