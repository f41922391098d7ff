import "server-only";
import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, users, userTokens } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordAudit } from "@/lib/core/audit";
import { enqueueEmail, requestDispatch } from "@/lib/core/outbox";
import { emailChangeConfirmationEmail, emailChangeNoticeEmail, passwordChangedEmail } from "@/lib/email/templates";
import { DomainError, isUniqueViolation } from "@/lib/core/errors";
import { ipBucket } from "@/lib/http/ip-bucket";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/core/tokens";
import type { Actor } from "@/lib/core/actor-types";
import { hashPassword } from "./password";
import { confirmIdentity, type ReauthInput } from "./reauth";
import { cancelPendingEmailChanges } from "./pending-email-change";
import { endAllSessions } from "./session-store";
import { normalizeEmail } from "./sign-in-throttle";
import { clock } from "@/lib/core/clock";

/* "My account": what a signed-in user changes about themselves. Each change is audited. */

export const EMAIL_CHANGE_LINK_HOURS = 24;
export const RECENT_SIGN_INS = 10;
/**
 * Emails to an address nobody has confirmed yet, from change-email (issue 24, probe 7): a handful
 * an hour per source (IPv6 by /64) and a few more per practice, so a stolen or rogue session cannot
 * turn the app into a mailer.
 */
export const EMAIL_CHANGE_PER_SOURCE = { limit: 5, windowSeconds: 3600 };
export const EMAIL_CHANGE_PER_PRACTICE = { limit: 20, windowSeconds: 3600 };

export async function changeName(actor: Actor, name: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name, updatedAt: clock.now() }).where(eq(users.id, actor.userId));
    await recordAudit(tx, actor, { action: "user.change_name", subjectType: "user", subjectId: actor.userId });
  });
}

/**
 * A new password, given the current one (and a code with two-step sign-in on: lib/auth/reauth.ts);
 * every other session of the user ends with it (this one goes on), and so does any pending change
 * of the sign-in email. Throws a DomainError naming the field at fault, changing nothing.
 */
export async function changePassword(
  actor: Actor,
  sessionId: string,
  input: { current: string; code?: string | null; password: string; ip: string | null },
): Promise<{ endedSessions: number }> {
  const db = await getDb();
  await confirmIdentity(actor, { current: input.current, code: input.code, ip: input.ip });
  const strength = await checkPasswordStrength(input.password, { name: actor.name, email: actor.email, practiceName: actor.practiceName });
  if (!strength.ok) throw new DomainError(strength.message, "password");
  const passwordHash = await hashPassword(input.password);
  const endedSessions = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: clock.now() }).where(eq(users.id, actor.userId));
    await cancelPendingEmailChanges(tx, actor.userId);
    const ended = await tx
      .update(sessions)
      .set({ endedAt: clock.now(), endedReason: "password_change" })
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.endedAt), ne(sessions.id, sessionId)))
      .returning({ id: sessions.id });
    await enqueueEmail(tx, { practiceId: actor.practiceId, kind: "password_changed", to: actor.email, ...passwordChangedEmail({ userName: actor.name }) });
    await recordAudit(tx, actor, { action: "user.change_password", subjectType: "user", subjectId: actor.userId, details: { endedSessions: ended.length } });
    return ended.length;
  });
  requestDispatch();
  return { endedSessions };
}

/**
 * Asks to change the sign-in email, given the current password (and code): a link goes to the new
 * address (the change happens when it is used), and the old address is told, with a one-click
 * "this wasn't me" link that cancels the change and signs the account out everywhere. Whether the
 * new address already has an account is not said here (docs/decisions/0008).
 */
export async function requestEmailChange(actor: Actor, newEmailInput: string, reauth: ReauthInput, now = clock.now()): Promise<void> {
  const newEmail = normalizeEmail(newEmailInput);
  if (newEmail === normalizeEmail(actor.email)) throw new DomainError("That is already your email address.", "email");
  await confirmIdentity(actor, reauth, now.getTime());
  const bySource = await consumeRateLimit(`email-change:ip:${ipBucket(reauth.ip ?? "unknown")}`, EMAIL_CHANGE_PER_SOURCE);
  const byPractice = bySource.allowed ? await consumeRateLimit(`email-change:practice:${actor.practiceId}`, EMAIL_CHANGE_PER_PRACTICE) : bySource;
  if (!byPractice.allowed) {
    const minutes = Math.max(1, Math.ceil(byPractice.retryAfterSeconds / 60));
    throw new DomainError(`Too many changes of address asked for — try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, "email");
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { token, tokenHash } = generateToken();
    const cancel = generateToken();
    await cancelPendingEmailChanges(tx, actor.userId, now);
    const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_LINK_HOURS * 60 * 60 * 1000);
    await tx.insert(userTokens).values({ practiceId: actor.practiceId, userId: actor.userId, purpose: "cancel_email_change", tokenHash: cancel.tokenHash, expiresAt });
    await tx.insert(userTokens).values({
      practiceId: actor.practiceId,
      userId: actor.userId,
      purpose: "change_email",
      tokenHash,
      newEmail,
      expiresAt: new Date(now.getTime() + EMAIL_CHANGE_LINK_HOURS * 60 * 60 * 1000),
    });
    const confirm = emailChangeConfirmationEmail({ link: appUrl(`/confirm-email/${token}`), validHours: EMAIL_CHANGE_LINK_HOURS });
    await enqueueEmail(tx, { practiceId: actor.practiceId, kind: "email_change", to: newEmail, ...confirm });
    const notice = emailChangeNoticeEmail({ userName: actor.name, newEmail, cancelLink: appUrl(`/email-change/cancel/${cancel.token}`) });
    await enqueueEmail(tx, { practiceId: actor.practiceId, kind: "email_change_notice", to: actor.email, ...notice });
    await recordAudit(tx, actor, { action: "user.email_change_request", subjectType: "user", subjectId: actor.userId });
  });
  requestDispatch();
}

function usableEmailChangeToken(token: string, now: Date) {
  return and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, "change_email"), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now));
}

export async function checkEmailChangeToken(token: string, now = clock.now()): Promise<{ valid: true; newEmail: string } | { valid: false }> {
  if (!isWellFormedToken(token)) return { valid: false };
  const db = await getDb();
  const [row] = await db
    .select({ newEmail: userTokens.newEmail })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(usableEmailChangeToken(token, now), eq(users.active, true)))
    .limit(1);
  return row?.newEmail ? { valid: true, newEmail: row.newEmail } : { valid: false };
}

/** Makes the confirmed address the account's sign-in email; the link is spent. */
export async function confirmEmailChange(token: string, now = clock.now()): Promise<{ ok: true; email: string } | { ok: false; reason: "invalid" | "taken" }> {
  if (!isWellFormedToken(token)) return { ok: false, reason: "invalid" };
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ tokenId: userTokens.id, userId: users.id, practiceId: users.practiceId, newEmail: userTokens.newEmail, active: users.active })
        .from(userTokens)
        .innerJoin(users, eq(users.id, userTokens.userId))
        .where(usableEmailChangeToken(token, now))
        .limit(1)
        .for("update");
      if (!row?.newEmail || !row.active) return { ok: false as const, reason: "invalid" as const };
      await tx.update(userTokens).set({ usedAt: now }).where(eq(userTokens.id, row.tokenId));
      await tx.update(users).set({ email: row.newEmail, updatedAt: now }).where(eq(users.id, row.userId));
      await recordAudit(tx, { userId: row.userId, practiceId: row.practiceId }, { action: "user.change_email", subjectType: "user", subjectId: row.userId });
      return { ok: true as const, email: row.newEmail };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) return { ok: false, reason: "taken" };
    throw error;
  }
}

function usableCancelToken(token: string, now: Date) {
  return and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, "cancel_email_change"), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now));
}

/** Whether a "this wasn't me" link can still be used (the page shows its button only then). */
export async function checkEmailChangeCancelToken(token: string, now = clock.now()): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const db = await getDb();
  const [row] = await db.select({ id: userTokens.id }).from(userTokens).where(usableCancelToken(token, now)).limit(1);
  return Boolean(row);
}

/**
 * "This wasn't me", from the notice to the old address: the pending change is cancelled and every
 * session of the account ends (whoever asked for it was signed in). Audited.
 */
export async function cancelEmailChangeWithToken(token: string, now = clock.now()): Promise<{ ok: true; endedSessions: number } | { ok: false }> {
  if (!isWellFormedToken(token)) return { ok: false };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ userId: userTokens.userId, practiceId: userTokens.practiceId })
      .from(userTokens)
      .where(usableCancelToken(token, now))
      .limit(1)
      .for("update");
    if (!row) return { ok: false as const };
    const cancelled = await cancelPendingEmailChanges(tx, row.userId, now);
    const endedSessions = await endAllSessions(tx, row.userId, "sign_out_everywhere");
    await recordAudit(tx, { userId: null, practiceId: row.practiceId }, {
      action: "user.email_change_cancelled",
      subjectType: "user",
      subjectId: row.userId,
      details: { by: "old_address_link", cancelled, endedSessions },
    });
    return { ok: true as const, endedSessions };
  });
}

export type SignInEntry = {
  id: string;
  at: Date;
  browser: string;
  origin: string;
  current: boolean;
  open: boolean;
};

/** The user's latest sign-ins (their session rows): when, from which browser, roughly where. */
export async function recentSignIns(actor: Actor, currentSessionId: string | null): Promise<SignInEntry[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: sessions.id, at: sessions.createdAt, userAgent: sessions.userAgent, ip: sessions.ip, endedAt: sessions.endedAt, pending: sessions.pendingStep })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), sql`${sessions.pendingStep} is distinct from 'second_factor'`))
    .orderBy(desc(sessions.createdAt))
    .limit(RECENT_SIGN_INS);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    browser: describeUserAgent(row.userAgent),
    origin: approximateAddress(row.ip),
    current: row.id === currentSessionId,
    open: row.endedAt === null,
  }));
}

/** "Firefox on Windows": enough to recognise one's own device, no fingerprint. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrom(e|ium)\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : "Unknown browser";
  const system = /iPhone|iPad/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  return system ? `${browser} on ${system}` : browser;
}

/** The network, not the device: IPv4 to its /24, IPv6 to its /48. */
export function approximateAddress(ip: string | null): string {
  if (!ip || ip === "unknown") return "Unknown network";
  if (ip === "::1" || ip.startsWith("127.")) return "This computer";
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.x`;
  if (ip.includes(":")) {
    // Expand "::" so the first three groups are the address's own.
    const [head = "", tail = ""] = ip.split("::");
    const left = head ? head.split(":") : [];
    const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
    const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
    return `${groups.slice(0, 3).join(":")}::/48`;
  }
  return "Unknown network";
}
