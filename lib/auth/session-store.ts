import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { sessions, type SessionEndReason, type SessionPendingStep } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { cancelPendingEmailChanges } from "./pending-email-change";
import { clock } from "@/lib/core/clock";

/*
 * Every sign-in writes a row in `sessions`; the session cookie (a next-auth JWT) carries its id.
 * The actor is loaded only through a live row (see ./actor.ts), so ending the row ends the session
 * on every device and every app instance at once, whatever copies of the cookie exist.
 */

/** Hard limit on a session's life, counted from sign-in (a sliding session alone would never end). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** A session nobody has used for this long is over. */
export const SESSION_IDLE_TIMEOUT_SECONDS = 30 * 60;
/** last_seen_at moves at most this often, so an active session does not write on every request. */
export const SESSION_TOUCH_INTERVAL_SECONDS = 60;

/** How long a session may wait for its authenticator code after the password was right. */
export const PENDING_SECOND_FACTOR_MAX_AGE_SECONDS = 10 * 60;

export type SessionContext = { userAgent: string | null; ip: string | null };

/** Opens a session for a user who has just proved who they are. Pass the transaction to commit with it. */
export async function startSession(
  executor: Executor,
  user: { userId: string; practiceId: string },
  context: SessionContext,
  pendingStep: SessionPendingStep | null = null,
): Promise<string> {
  const [row] = await executor
    .insert(sessions)
    .values({
      userId: user.userId,
      practiceId: user.practiceId,
      userAgent: context.userAgent?.slice(0, 512) ?? null,
      ip: context.ip?.slice(0, 64) ?? null,
      pendingStep,
    })
    .returning({ id: sessions.id });
  return row!.id;
}

/**
 * Ends one session (sign-out) and records it. Ending a session already over does nothing, so a
 * repeated sign-out leaves one audit row.
 */
export async function endSession(sessionId: string, reason: SessionEndReason = "sign_out"): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ endedAt: clock.now(), endedReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
      .returning({ userId: sessions.userId, practiceId: sessions.practiceId });
    if (!ended) return false;
    if (reason === "sign_out") {
      await recordAudit(tx, ended, { action: "user.sign_out", subjectType: "user", subjectId: ended.userId, details: { sessionId } });
    }
    return true;
  });
}

/**
 * Ends every open session of a user, inside the caller's transaction (deactivation, a new
 * password), so the change and the sign-outs commit together. Returns how many were open.
 */
export async function endAllSessions(executor: Executor, userId: string, reason: SessionEndReason): Promise<number> {
  const ended = await executor
    .update(sessions)
    .set({ endedAt: clock.now(), endedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** "Sign out of all devices": ends every session of the actor, this one included, and any pending change of email. */
export async function signOutEverywhere(actor: Actor): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const count = await endAllSessions(tx, actor.userId, "sign_out_everywhere");
    await cancelPendingEmailChanges(tx, actor.userId);
    await recordAudit(tx, actor, { action: "user.sign_out_everywhere", subjectType: "user", subjectId: actor.userId, details: { sessions: count } });
    return count;
  });
}
