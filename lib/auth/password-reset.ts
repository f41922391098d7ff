import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { practices, users, userTokens } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordAudit } from "@/lib/core/audit";
import { enqueueEmail, requestDispatch } from "@/lib/core/outbox";
import { passwordChangedEmail, passwordResetEmail } from "@/lib/email/templates";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/core/tokens";
import { hashPassword } from "./password";
import { cancelPendingEmailChanges } from "./pending-email-change";
import { endAllSessions } from "./session-store";
import { emailFingerprint, normalizeEmail } from "./sign-in-throttle";
import { clock } from "@/lib/core/clock";

/*
 * "Forgot password": the form answers the same whatever was typed (docs/decisions/0008); when the
 * address belongs to an active user, they get a one-time link (256 bits, only its SHA-256 stored,
 * one hour, one use). Requests are limited per address and per IP, silently: the answer must not
 * tell a limited address from an unknown one.
 */

export const RESET_LINK_MINUTES = 60;
/** Per address: enough for someone retrying, too few to flood a mailbox. */
export const RESET_EMAIL_LIMIT = { limit: 5, windowSeconds: 60 * 60 };
/** Per IP: an office of clinicians who all forgot, not a sweep through addresses. */
export const RESET_IP_LIMIT = { limit: 20, windowSeconds: 60 * 60 };

/** Queues a reset link when the address has an active account; returns nothing either way. */
export async function requestPasswordReset(input: { email: string; ip: string | null }, now = clock.now()): Promise<void> {
  const email = normalizeEmail(input.email);
  const byIp = await consumeRateLimit(`password-reset:ip:${input.ip ?? "unknown"}`, RESET_IP_LIMIT);
  if (!byIp.allowed) return;
  const byAddress = await consumeRateLimit(`password-reset:account:${emailFingerprint(email)}`, RESET_EMAIL_LIMIT);
  if (!byAddress.allowed) return;

  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, practiceId: users.practiceId, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(sql`lower(${users.email})`, email), eq(users.active, true)))
      .limit(1);
    if (!user) return false;
    const { token, tokenHash } = generateToken();
    // Only the newest link works.
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, "reset_password"), isNull(userTokens.usedAt)));
    await tx.insert(userTokens).values({
      practiceId: user.practiceId,
      userId: user.id,
      purpose: "reset_password",
      tokenHash,
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60 * 1000),
    });
    const message = passwordResetEmail({ userName: user.name, link: appUrl(`/reset-password/${token}`), validMinutes: RESET_LINK_MINUTES });
    await enqueueEmail(tx, { practiceId: user.practiceId, kind: "password_reset", to: user.email, ...message });
    await recordAudit(tx, { userId: null, practiceId: user.practiceId }, { action: "user.password_reset_request", subjectType: "user", subjectId: user.id });
    return true;
  });
  if (sent) requestDispatch();
}

function usableResetToken(token: string, now: Date) {
  return and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, "reset_password"), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now));
}

/** What the public reset page may show: nothing unless the link can be used. */
export async function checkPasswordResetToken(token: string, now = clock.now()): Promise<{ valid: true; name: string; email: string; practiceName: string } | { valid: false }> {
  if (!isWellFormedToken(token)) return { valid: false };
  const db = await getDb();
  const [row] = await db
    .select({ name: users.name, email: users.email, practiceName: practices.name })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(and(usableResetToken(token, now), eq(users.active, true)))
    .limit(1);
  return row ? { valid: true, ...row } : { valid: false };
}

/**
 * Sets the new password once, if it is hard enough to guess; the link is spent and every session
 * of the user ends in the same transaction. Returns the email to sign in with.
 */
export async function resetPasswordWithToken(
  token: string,
  password: string,
  now = clock.now(),
): Promise<{ ok: true; email: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "weak_password"; message: string }> {
  const link = await checkPasswordResetToken(token, now);
  if (!link.valid) return { ok: false, reason: "invalid" };
  const strength = await checkPasswordStrength(password, { name: link.name, email: link.email, practiceName: link.practiceName });
  if (!strength.ok) return { ok: false, reason: "weak_password", message: strength.message };
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ tokenId: userTokens.id, userId: users.id, practiceId: users.practiceId, name: users.name, email: users.email, active: users.active })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(usableResetToken(token, now))
      .limit(1)
      .for("update");
    if (!row || !row.active) return { ok: false as const, reason: "invalid" as const };
    await tx.update(userTokens).set({ usedAt: now }).where(eq(userTokens.id, row.tokenId));
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, row.userId));
    const endedSessions = await endAllSessions(tx, row.userId, "password_change");
    await cancelPendingEmailChanges(tx, row.userId, now);
    await enqueueEmail(tx, { practiceId: row.practiceId, kind: "password_changed", to: row.email, ...passwordChangedEmail({ userName: row.name }) });
    await recordAudit(tx, { userId: row.userId, practiceId: row.practiceId }, {
      action: "user.password_reset",
      subjectType: "user",
      subjectId: row.userId,
      details: { endedSessions },
    });
    return { ok: true as const, email: row.email };
  });
  if (result.ok) requestDispatch();
  return result;
}
