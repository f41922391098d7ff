import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userTokens } from "@/db/schema";
import { clock } from "@/lib/core/clock";

/**
 * Ends every pending change of the user's sign-in email (its confirmation link and the old
 * address's "this wasn't me" link): a new password, a reset and "sign out everywhere" call it, so
 * a change asked for from a stolen session does not outlive the holder taking the account back.
 */
export async function cancelPendingEmailChanges(executor: Executor, userId: string, now = clock.now()): Promise<number> {
  const cancelled = await executor
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), inArray(userTokens.purpose, ["change_email", "cancel_email_change"]), isNull(userTokens.usedAt)))
    .returning({ purpose: userTokens.purpose });
  return cancelled.filter((row) => row.purpose === "change_email").length;
}
