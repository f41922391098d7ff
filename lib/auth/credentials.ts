import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { practices, users, type SessionPendingStep } from "@/db/schema";
import { recordAudit, recordUnmatchedSignInFailure } from "@/lib/core/audit";
import { verifyPassword } from "./password";
import { startSession, type SessionContext } from "./session-store";
import { emailFingerprint, normalizeEmail, reserveSignInAttempt, returnSignInAttempt, settleSuccessfulSignIn } from "./sign-in-throttle";

export type SignInAttempt = { email: string; password: string; trustedDevice?: boolean } & SessionContext;

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string }; sessionId: string; pendingStep: SessionPendingStep | null }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a sign-in and, when it is right, opens a session. In order:
 * - the throttle (per IP and per account) counts the attempt first; over a limit, the answer is
 *   "throttled" without checking the password — not even the right one — and without an audit row
 *   (a flood of refusals would otherwise fill the append-only trail);
 * - unknown emails and inactive users cost the same argon2 work as real ones;
 * - every checked failure is audited: against the user when the email is theirs, otherwise with
 *   only a keyed fingerprint of what was typed; the password never;
 * - a success opens the session and records it in one transaction. With two-step sign-in on, the
 *   session waits for the code (`second_factor`), and the account's earlier failures stay counted
 *   until the code is right, so wrong codes and wrong passwords share one lock; in a practice that
 *   requires two-step sign-in, a member without it gets a session that can only set it up
 *   (`enrolment`). See docs/decisions/0019.
 */
export async function signInWithPassword(attempt: SignInAttempt): Promise<SignInOutcome> {
  const email = normalizeEmail(attempt.email);
  const throttle = await reserveSignInAttempt(email, attempt.ip ?? "unknown", { trustedDevice: attempt.trustedDevice });
  if (!throttle.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      practiceId: users.practiceId,
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      active: users.active,
      hasTwoStep: sql<boolean>`${users.totpSecretSealed} is not null`,
      practiceRequiresTwoStep: practices.requireTwoStep,
    })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const valid = await verifyPassword(user?.active ? user.passwordHash : null, attempt.password);

  if (!user) {
    await recordUnmatchedSignInFailure(emailFingerprint(email));
    return { ok: false, reason: "invalid" };
  }
  if (!valid) {
    const reason = !user.active ? "inactive" : user.passwordHash ? "wrong_password" : "no_password";
    await recordAudit(db, { userId: null, practiceId: user.practiceId }, {
      action: "user.sign_in_failed",
      subjectType: "user",
      subjectId: user.id,
      details: { reason },
    });
    return { ok: false, reason: "invalid" };
  }

  const pendingStep: SessionPendingStep | null = user.hasTwoStep ? "second_factor" : user.practiceRequiresTwoStep ? "enrolment" : null;
  if (pendingStep === "second_factor") await returnSignInAttempt(throttle.reservation);
  else await settleSuccessfulSignIn(throttle.reservation);
  const sessionId = await db.transaction(async (tx) => {
    const context = { userAgent: attempt.userAgent, ip: attempt.ip };
    const id = await startSession(tx, { userId: user.id, practiceId: user.practiceId }, context, pendingStep);
    // With a code to come, the sign-in is recorded when the code is right (lib/auth/two-step.ts).
    if (pendingStep !== "second_factor") {
      await recordAudit(tx, { userId: user.id, practiceId: user.practiceId }, {
        action: "user.sign_in",
        subjectType: "user",
        subjectId: user.id,
        details: pendingStep ? { sessionId: id, pendingStep } : { sessionId: id },
      });
    }
    return id;
  });
  return { ok: true, user: { id: user.id, name: user.name, email: user.email }, sessionId, pendingStep };
}
