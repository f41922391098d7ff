import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { loadSessionState, type SessionState } from "./actor";
import type { Actor } from "@/lib/core/actor-types";
import { auth } from "./config";

/**
 * The signed-in actor, re-read from the database on every request through the session's own row,
 * so that signing out, deactivation, a new password or the idle timeout end access at once.
 * Cached per request.
 */
export const getSessionState = cache(async (): Promise<SessionState | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  return loadSessionState({ userId, sessionId });
});

/** The signed-in actor; null also while a step of sign-in is pending (the code, or setting it up). */
export async function getActor(): Promise<Actor | null> {
  const state = await getSessionState();
  return state && !state.pendingStep ? state.actor : null;
}

/** Where a session with a pending step of sign-in must go, and may go nowhere else. */
export const PENDING_STEP_PAGES = { second_factor: "/sign-in/two-step", enrolment: "/sign-in/set-up-two-step" } as const;

/**
 * The actor, or a redirect: to sign-in, or — after a right password — to the step still pending.
 * Pages and actions call this; lib functions take its result.
 */
export async function requireActor(): Promise<Actor> {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.pendingStep) redirect(PENDING_STEP_PAGES[state.pendingStep]);
  return state.actor;
}
