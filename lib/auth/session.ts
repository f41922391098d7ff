import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { loadActiveActor } from "@/lib/practices";
import type { Actor } from "./actor-types";
import { auth } from "./config";

/**
 * The signed-in actor, re-read from the database on every request so that a deactivated or
 * deleted user loses access at once. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadActiveActor(userId);
});

/** The actor, or a redirect to sign-in. Pages and actions call this; lib functions take its result. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
