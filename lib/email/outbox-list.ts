import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailOutbox, type EmailMessage } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { requireOwner } from "@/lib/core/owner";

/** What the owner sees of an email: never its body, which holds a one-time link. */
export type OutboxEntry = Pick<
  EmailMessage,
  "id" | "kind" | "toAddress" | "subject" | "status" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt" | "createdAt"
>;

export const OUTBOX_DEFAULT_LIMIT = 50;
const OUTBOX_MAX_LIMIT = 200;

/**
 * The practice's outgoing email, newest first, for the owner: what was sent, what waits, what
 * failed and why. Links are shown once where they are made, never here.
 */
export async function listOutbox(actor: Actor, options: { limit?: number } = {}): Promise<OutboxEntry[]> {
  requireOwner(actor);
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? OUTBOX_DEFAULT_LIMIT), 1), OUTBOX_MAX_LIMIT);
  const db = await getDb();
  return db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      nextAttemptAt: emailOutbox.nextAttemptAt,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.practiceId, actor.practiceId))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit);
}

/**
 * How many of the practice's emails wait unsent (pending), for the overview to say while email is
 * not set up. A count only: who they are to is the owner's to read (listOutbox).
 */
export async function countWaitingEmails(actor: Actor): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.practiceId, actor.practiceId), eq(emailOutbox.status, "pending")));
  return row?.n ?? 0;
}
