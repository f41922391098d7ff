import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { practices, sessions, users, type SessionPendingStep } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import {
  PENDING_SECOND_FACTOR_MAX_AGE_SECONDS,
  SESSION_IDLE_TIMEOUT_SECONDS,
  SESSION_MAX_AGE_SECONDS,
  SESSION_TOUCH_INTERVAL_SECONDS,
} from "./session-store";
import { clock } from "@/lib/core/clock";

const actorColumns = {
  userId: users.id,
  practiceId: users.practiceId,
  role: users.role,
  name: users.name,
  email: users.email,
  practiceName: practices.name,
  practiceTimeZone: practices.timeZone,
};

/** The actor for a user id, or null when the user no longer exists or was deactivated. */
export async function loadActiveActor(userId: string): Promise<Actor | null> {
  const db = await getDb();
  const [row] = await db
    .select(actorColumns)
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .limit(1);
  return row ?? null;
}

/** A session row's user, and whether the row still waits for a step of sign-in (docs/decisions/0019). */
export type SessionState = { actor: Actor; sessionId: string; pendingStep: SessionPendingStep | null };

/** The actor for a session cookie, only when the session is fully signed in (no step pending). */
export async function loadSessionActor(session: { userId: string; sessionId: string }): Promise<Actor | null> {
  const state = await loadSessionState(session);
  return state && !state.pendingStep ? state.actor : null;
}

/**
 * The state of a session cookie: only while its session row is open, used within the idle
 * timeout and younger than the absolute limit, and its user active. The database's clock decides,
 * so every app instance agrees. Moves last_seen_at forward at most once a minute.
 */
export async function loadSessionState(session: { userId: string; sessionId: string }): Promise<SessionState | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      ...actorColumns,
      endedAt: sessions.endedAt,
      pendingStep: sessions.pendingStep,
      // A password alone opens a short window for the code, not a 12-hour session.
      pendingTooLong: sql<boolean>`${sessions.pendingStep} = 'second_factor' and ${sessions.createdAt} <= now() - make_interval(secs => ${PENDING_SECOND_FACTOR_MAX_AGE_SECONDS})`,
      expired: sql<boolean>`${sessions.createdAt} <= now() - make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`,
      idle: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${SESSION_IDLE_TIMEOUT_SECONDS})`,
      due: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${SESSION_TOUCH_INTERVAL_SECONDS})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(and(eq(sessions.id, session.sessionId), eq(sessions.userId, session.userId), eq(users.active, true)))
    .limit(1);
  if (!row || row.endedAt) return null;
  const { idle, due } = row;
  const expired = row.expired || row.pendingTooLong;
  if (expired || idle) {
    // Close the row too, so it reads as over (and why) to anyone looking at the table.
    await db
      .update(sessions)
      .set({ endedAt: clock.now(), endedReason: expired ? "expired" : "idle" })
      .where(and(eq(sessions.id, session.sessionId), sql`${sessions.endedAt} is null`));
    return null;
  }
  if (due) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, session.sessionId), sql`${sessions.endedAt} is null`));
  }
  return {
    sessionId: session.sessionId,
    pendingStep: row.pendingStep,
    actor: {
      userId: row.userId,
      practiceId: row.practiceId,
      role: row.role,
      name: row.name,
      email: row.email,
      practiceName: row.practiceName,
      practiceTimeZone: row.practiceTimeZone,
    },
  };
}
