import { eq } from "drizzle-orm";
import { log } from "@/config/log";
import { auditEvents, clients } from "@/db/schema";
import { getDb, type Executor } from "@/db/client";

/*
 * The audit trail. `audit_events` is append-only in the database itself (a trigger refuses UPDATE,
 * DELETE and TRUNCATE), so what is written here stays written; another trigger chains each row to
 * the previous one of its practice by hash (./audit-chain.ts checks it; decision 0040).
 */

/** Who did it: the signed-in user, or nobody yet (a failed sign-in) within a practice. */
export type AuditActor = { userId: string | null; practiceId: string };

type AuditInput = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Defaults to the subject when the subject is a client; null says the event is in no client's trail. */
  clientId?: string | null;
  details?: Record<string, unknown>;
};

/** Writes an audit row. For changes, pass the transaction so the row commits with the change. */
export async function recordAudit(executor: Executor, actor: AuditActor, input: AuditInput) {
  await executor.insert(auditEvents).values({
    practiceId: actor.practiceId,
    actorUserId: actor.userId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    clientId: input.clientId !== undefined ? input.clientId : input.subjectType === "client" ? (input.subjectId ?? null) : null,
    details: input.details ?? null,
  });
}

/**
 * A failed sign-in with an email that matches no user: no practice, no user, and nothing that
 * names the person — only a keyed fingerprint of what was typed, so repeated attempts on one
 * address can be told apart.
 */
export async function recordUnmatchedSignInFailure(emailFingerprint: string): Promise<void> {
  const db = await getDb();
  await db.insert(auditEvents).values({
    practiceId: null,
    actorUserId: null,
    action: "user.sign_in_failed",
    subjectType: "user",
    details: { reason: "unknown_email", emailFingerprint },
  });
}

/**
 * Records that the actor asked for a client they may not see (another practice's, or another
 * clinician's), when such a client exists. Written in the background on its own connection and
 * never awaited by the caller: the refusal usually happens inside a transaction that the
 * NotFoundError then rolls back, which would take the row with it — and on PGlite, a single
 * connection, waiting for it there would wait for that transaction forever. Returns the write, for tests.
 */
export function recordRefusedClientAccess(actor: { userId: string; practiceId: string }, clientId: string): Promise<void> {
  return (async () => {
    const db = await getDb();
    const [client] = await db.select({ practiceId: clients.practiceId }).from(clients).where(eq(clients.id, clientId)).limit(1);
    if (!client) return;
    const samePractice = client.practiceId === actor.practiceId;
    await recordAudit(db, actor, {
      action: "client.access_refused",
      subjectType: "client",
      subjectId: clientId,
      // Another practice's client id may not appear in this practice's client trails.
      clientId: samePractice ? clientId : null,
      details: { scope: samePractice ? "other_caseload" : "other_practice" },
    });
  })().catch((error: unknown) => {
    log.error({ module: "audit", err: error }, "could not record a refused access");
  });
}
