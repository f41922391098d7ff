import "server-only";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { practices, users, userTokens } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { requireOwner } from "@/lib/core/owner";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/session-store";
import { clearAccountLock, lockedAccounts } from "@/lib/auth/sign-in-throttle";
import { enqueueEmail, requestDispatch } from "@/lib/core/outbox";
import { setPasswordEmail } from "@/lib/email/templates";
import { DomainError, isUniqueViolation, NotFoundError } from "@/lib/core/errors";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/core/tokens";
import { uuidSchema } from "@/lib/core/validation";
import { clock } from "@/lib/core/clock";
import { findInvitedElsewhere, inviteHeldAddress, listInvitedElsewhere, resendToHeldAddress, setHeldAddressActive } from "./invited-elsewhere";

const SET_PASSWORD_LINK_HOURS = 72;

type TeamMember = {
  id: string;
  name: string;
  email: string;
  role: "owner" | "clinician";
  active: boolean;
  hasPassword: boolean;
  hasTwoStep: boolean;
  activeClients: number;
  /** Seconds until too many failed sign-ins stop blocking this account; null when it is not locked. */
  signInLockedForSeconds: number | null;
};

/** Additions per practice per hour: a team grows by a few at a time, a probe of addresses by hundreds. */
export const ADD_CLINICIAN_LIMIT = { limit: 10, windowSeconds: 3600 };

export async function listTeam(actor: Actor): Promise<TeamMember[]> {
  requireOwner(actor);
  const db = await getDb();
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      hasTwoStep: sql<boolean>`${users.totpSecretSealed} is not null`,
      activeClients: sql<number>`(select count(*)::int from clients c where c.clinician_id = "users"."id" and c.status = 'active')`,
    })
    .from(users)
    .where(eq(users.practiceId, actor.practiceId))
    .orderBy(asc(users.name));
  const locked = await lockedAccounts(rows.map((row) => row.email));
  const members: TeamMember[] = rows.map((row) => ({ ...row, activeClients: Number(row.activeClients), signInLockedForSeconds: locked.get(row.email) ?? null }));
  // Addresses held by an account elsewhere read like anyone invited who has not set a password yet (probe 8).
  for (const row of await listInvitedElsewhere(db, actor.practiceId)) {
    members.push({ id: row.id, name: row.name, email: row.email, role: "clinician", active: row.active, hasPassword: false, hasTwoStep: false, activeClients: 0, signInLockedForSeconds: null });
  }
  return members.sort((a, b) => a.name.localeCompare(b.name));
}

/** Issues a one-time set-password link (72 h) and queues its email, inside the caller's transaction. */
async function issueSetPasswordLink(tx: Executor, actor: Actor, user: { id: string; name: string; email: string }) {
  const { token, tokenHash } = generateToken();
  const expiresAt = new Date(clock.ms() + SET_PASSWORD_LINK_HOURS * 60 * 60 * 1000);
  // Any earlier link for this user stops working: only the newest one is valid.
  await tx
    .update(userTokens)
    .set({ usedAt: clock.now() })
    .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, "set_password"), isNull(userTokens.usedAt)));
  await tx.insert(userTokens).values({ practiceId: actor.practiceId, userId: user.id, purpose: "set_password", tokenHash, expiresAt });
  const link = appUrl(`/set-password/${token}`);
  const email = setPasswordEmail({
    practiceName: actor.practiceName,
    ownerName: actor.name,
    userName: user.name,
    link,
    expiresAt,
    timeZone: actor.practiceTimeZone,
  });
  await enqueueEmail(tx, { practiceId: actor.practiceId, kind: "set_password", to: user.email, ...email });
  return { link, expiresAt };
}

/**
 * Adds a clinician and emails them a set-password link — or, when the address already has an
 * account in another practice, emails its holder a note instead (an address belongs to one practice).
 * Either way the owner is told the same and their outbox lists the same kind and subject: whether
 * an address has an Attune account is its holder's business (docs/decisions/0008). So the link is
 * not returned here; the owner can make one from the team list ("New set-password link").
 */
export async function addClinician(actor: Actor, input: { name: string; email: string }): Promise<void> {
  requireOwner(actor);
  const email = input.email.trim().toLowerCase();
  // Issue 24, probe 8: adding is how addresses would be probed, and each addition mails a stranger.
  const limit = await consumeRateLimit(`add-clinician:practice:${actor.practiceId}`, ADD_CLINICIAN_LIMIT);
  if (!limit.allowed) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    throw new DomainError(`You have added many people in a short time — try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, "email");
  }
  const db = await getDb();
  // Twice at most: a sign-up that takes the address between our check and insert sends us round again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        const [holder] = await tx
          .select({ practiceId: users.practiceId })
          .from(users)
          .where(eq(sql`lower(${users.email})`, email))
          .limit(1);
        // The owner sees their own team, so naming a member of it reveals nothing.
        if (holder?.practiceId === actor.practiceId) throw new DomainError("Someone on your team already uses this email.", "email");
        if (holder) return inviteHeldAddress(tx, actor, { name: input.name, email });
        const [user] = await tx
          .insert(users)
          .values({ practiceId: actor.practiceId, name: input.name, email, role: "clinician" })
          .returning({ id: users.id, name: users.name, email: users.email });
        await issueSetPasswordLink(tx, actor, user!);
        await recordAudit(tx, actor, { action: "user.create", subjectType: "user", subjectId: user!.id });
      });
      break;
    } catch (error) {
      if (attempt < 2 && isUniqueViolation(error, "users_email_unique")) continue;
      throw error;
    }
  }
  requestDispatch();
}

async function getTeamMember(executor: Executor, actor: Actor, userId: string) {
  if (!uuidSchema.safeParse(userId).success) throw new NotFoundError("User");
  const [user] = await executor
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId)))
    .limit(1)
    .for("update");
  if (!user) throw new NotFoundError("User");
  return user;
}

export async function resendSetPasswordLink(actor: Actor, userId: string) {
  requireOwner(actor);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const held = await findInvitedElsewhere(tx, actor, userId);
    if (held) return resendToHeldAddress(tx, actor, held);
    const user = await getTeamMember(tx, actor, userId);
    if (user.passwordHash) throw new DomainError(`${user.name} has already set a password.`);
    if (!user.active) throw new DomainError(`${user.name} is deactivated; reactivate them first.`);
    const issued = await issueSetPasswordLink(tx, actor, user);
    await recordAudit(tx, actor, { action: "user.resend_set_password", subjectType: "user", subjectId: user.id });
    return issued;
  });
  requestDispatch();
  return result;
}

export async function setUserActive(actor: Actor, userId: string, active: boolean): Promise<void> {
  requireOwner(actor);
  if (userId === actor.userId) throw new DomainError("You cannot deactivate your own account.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const held = await findInvitedElsewhere(tx, actor, userId);
    if (held) return setHeldAddressActive(tx, actor, held, active);
    const user = await getTeamMember(tx, actor, userId);
    if (user.active === active) return;
    await tx.update(users).set({ active, updatedAt: clock.now() }).where(eq(users.id, user.id));
    // Deactivation signs them out everywhere; reactivating does not bring old sessions back.
    const endedSessions = active ? 0 : await endAllSessions(tx, user.id, "deactivated");
    await recordAudit(tx, actor, {
      action: active ? "user.reactivate" : "user.deactivate",
      subjectType: "user",
      subjectId: user.id,
      details: active ? undefined : { endedSessions },
    });
  });
}

/** Lifts the sign-in lock that too many failed attempts put on a team member's account. */
export async function unlockSignIn(actor: Actor, userId: string): Promise<void> {
  requireOwner(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const held = await findInvitedElsewhere(tx, actor, userId);
    if (held) return recordAudit(tx, actor, { action: "user.unlock_sign_in", subjectType: "user", subjectId: held.id });
    const user = await getTeamMember(tx, actor, userId);
    await clearAccountLock(user.email, tx);
    await recordAudit(tx, actor, { action: "user.unlock_sign_in", subjectType: "user", subjectId: user.id });
  });
}

/** A set-password link that is this token's, unused and unexpired. */
function usableSetPasswordToken(token: string) {
  return and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, "set_password"),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, clock.now()),
  );
}

/** What the public set-password page may show about a link: nothing at all unless it is valid. */
export async function checkSetPasswordToken(
  token: string,
): Promise<{ valid: true; name: string; email: string; practiceName: string } | { valid: false }> {
  if (!isWellFormedToken(token)) return { valid: false };
  const db = await getDb();
  const [row] = await db
    .select({ name: users.name, email: users.email, practiceName: practices.name })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(and(usableSetPasswordToken(token), eq(users.active, true)))
    .limit(1);
  return row ? { valid: true, ...row } : { valid: false };
}

/**
 * Sets the password once, if it is hard enough to guess; the link is spent in the same transaction.
 * Returns the email to sign in with.
 */
export async function setPasswordWithToken(
  token: string,
  password: string,
): Promise<{ ok: true; email: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "weak_password"; message: string }> {
  const link = await checkSetPasswordToken(token);
  if (!link.valid) return { ok: false, reason: "invalid" };
  const strength = await checkPasswordStrength(password, link);
  if (!strength.ok) return { ok: false, reason: "weak_password", message: strength.message };
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ tokenId: userTokens.id, userId: users.id, practiceId: users.practiceId, email: users.email, active: users.active })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(usableSetPasswordToken(token))
      .limit(1)
      .for("update");
    if (!row || !row.active) return { ok: false as const, reason: "invalid" as const };
    await tx.update(userTokens).set({ usedAt: clock.now() }).where(eq(userTokens.id, row.tokenId));
    await tx.update(users).set({ passwordHash, updatedAt: clock.now() }).where(eq(users.id, row.userId));
    // A new password ends every session signed in with the old one.
    await endAllSessions(tx, row.userId, "password_change");
    await recordAudit(tx, { userId: row.userId, practiceId: row.practiceId }, { action: "user.set_password", subjectType: "user", subjectId: row.userId });
    return { ok: true as const, email: row.email };
  });
}
