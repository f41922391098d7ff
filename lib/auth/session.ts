import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { loadSessionActor } from "./actor";
import type { Actor } from "./actor-types";
import { auth } from "./config";

/**
 * The signed-in actor, re-read from the database on every request through the session's own row,
 * so that signing out, deactivation, a new password or the idle timeout end access at once.
 * Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  return loadSessionActor({ userId, sessionId });
});

/** The actor, or a redirect to sign-in. Pages and actions call this; lib functions take its result. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
