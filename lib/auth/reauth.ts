import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { DomainError } from "@/lib/core/errors";
import { clock } from "@/lib/core/clock";
import type { Actor } from "@/lib/core/actor-types";
import { verifyPassword } from "./password";
import { reserveSignInAttempt, settleSuccessfulSignIn } from "./sign-in-throttle";
import { spendSecondFactor } from "./second-factor";

/*
 * Re-authentication for what takes over an account (docs/decisions/0030-security-round-two.md):
 * changing the sign-in email or the password, setting up two-step sign-in (new recovery codes) and
 * an owner resetting a member's two-step sign-in ask for the current password, and the code where
 * two-step sign-in is on — a copied session cookie alone is not enough. Every check is counted by
 * the sign-in throttle (the same counters, per account and per source) and every failure audited.
 */

export type ReauthInput = { current?: string | null; code?: string | null; ip: string | null };

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts — try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Whether the actor has two-step sign-in on (the forms ask for a code only then). */
export async function hasTwoStep(actor: Pick<Actor, "userId">): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ on: sql<boolean>`${users.totpSecretSealed} is not null` })
    .from(users)
    .where(eq(users.id, actor.userId));
  return Boolean(row?.on);
}

/**
 * Proves the person at the keyboard is the account's holder: the current password, and with
 * two-step sign-in on, a code from the app or an unused recovery code. Throws a DomainError naming
 * the field at fault (after an audit row), or the throttle's "too many attempts".
 */
export async function confirmIdentity(actor: Pick<Actor, "userId" | "practiceId" | "email">, input: ReauthInput, nowMs = clock.ms()): Promise<void> {
  const throttle = await reserveSignInAttempt(actor.email, input.ip ?? "unknown");
  if (!throttle.allowed) throw new DomainError(tooManyAttemptsMessage(throttle.retryAfterSeconds), "current");
  const db = await getDb();
  const [user] = await db
    .select({ passwordHash: users.passwordHash, twoStep: sql<boolean>`${users.totpSecretSealed} is not null` })
    .from(users)
    .where(eq(users.id, actor.userId));
  const fail = async (reason: "wrong_password" | "wrong_code", field: "current" | "code", message: string): Promise<never> => {
    await recordAudit(db, { userId: actor.userId, practiceId: actor.practiceId }, {
      action: "user.reauth_failed",
      subjectType: "user",
      subjectId: actor.userId,
      details: { reason },
    });
    throw new DomainError(message, field);
  };
  if (!(await verifyPassword(user?.passwordHash, input.current ?? ""))) {
    await fail("wrong_password", "current", "Your current password is not right.");
  }
  if (user?.twoStep) {
    const method = input.code ? await db.transaction((tx) => spendSecondFactor(tx, actor.userId, input.code ?? "", nowMs)) : null;
    if (!method) {
      // The password was right: the account's earlier failures stay until the code is right too.
      await fail("wrong_code", "code", "That code is not right, or was already used. Type the code your app shows now, or an unused recovery code.");
    }
  }
  await settleSuccessfulSignIn(throttle.reservation);
}
