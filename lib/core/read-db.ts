import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/config/env";
import { getReadDb, type Database } from "@/db/client";

/*
 * Read-your-writes with a read replica (db/replica.ts): for a few seconds after a person's write,
 * their dashboards read from the primary, so they see what they just did even if the replica is a
 * moment behind. Remembered in a short-lived cookie, so it holds across app instances with nothing
 * stored on the server. The cookie grants nothing: without it a person reads from the replica (at
 * most its lag behind), with it from the primary.
 */

export const WROTE_COOKIE = "attune_wrote";
/** Longer than the lag a usable replica may have (db/replica.ts: MAX_LAG_SECONDS). */
export const READ_YOUR_WRITES_SECONDS = 5;

/**
 * Remembers that this person just wrote. Called by every signed-in server action (lib/auth/action.ts).
 * Only with a replica: setting a cookie makes Next render the page again after the action, which
 * without a replica would buy nothing and would, for one, wipe a refused form's message (an alert a
 * colleague acknowledged meanwhile leaves the page, and the "already acknowledged" with it).
 */
export async function markWrite(): Promise<void> {
  if (!getEnv().DATABASE_REPLICA_URL) return;
  try {
    (await cookies()).set(WROTE_COOKIE, "1", {
      maxAge: READ_YOUR_WRITES_SECONDS,
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: getEnv().APP_URL.startsWith("https:"),
    });
  } catch {
    // Outside a request (scripts, tests) there is no one to remember it for.
  }
}

/**
 * The database a read-only dashboard or export reads with: the replica, unless this person wrote in
 * the last few seconds (or there is no replica, or it is down or behind). Outside a request, the primary.
 */
export async function dashboardDb(): Promise<Database> {
  let fresh = true;
  try {
    fresh = (await cookies()).has(WROTE_COOKIE);
  } catch {
    // Not in a request: the primary.
  }
  return getReadDb({ fresh });
}
